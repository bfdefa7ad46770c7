// Runs in VS Code's extension host with a copy of test/fixtures/workspaces/testExplorer
// open. One verdict everywhere: the demo (examples/demo, copied in) run from the
// command shows, in the Test Explorer, the profile and each suite in the state of
// the report's statuses; a target that answers every prompt with the same
// off-topic sentence ends inconclusive for red_team and safety, and the Test
// Explorer, status bar and notification say so.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readReport } from '../../src/engine/report/jsonReport';
import type { RunResult } from '../../src/engine/model/runTypes';
import type { AiQualityKitApi } from '../../src/extension/extension';
import type { RunCommandResult } from '../../src/extension/runs/runCommands';
import type { TestState } from '../../src/extension/testing/caseOutcome';
import { shownState, verdictState } from '../../src/extension/testing/caseOutcome';
import { until } from './support/until';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
const OFF_TOPIC = 'Our store opens at nine in the morning and closes at six.';
let api: AiQualityKitApi;
const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), rel);

/** The state VS Code shows for an item: the highest of its own and its descendants' reported states. */
function shown(item: vscode.TestItem, runName: string): TestState | undefined {
  const states: TestState[] = [];
  const own = api.testing.testState(item.id);
  if (own && own.runName === runName) states.push(own.state);
  item.children.forEach((child) => {
    const s = shown(child, runName);
    if (s) states.push(s);
  });
  return shownState(states);
}

async function runProfile(rel: string): Promise<{ result: RunResult; item: vscode.TestItem; runName: string }> {
  const res = await vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.runTests', file(rel));
  assert.ok(res.started && res.reportFile, `the run of ${rel} started and wrote its report`);
  const result = await readReport(res.reportFile);
  const item = await until(`the Test Explorer item of ${rel}`, () => api.testing.testController.items.get(file(rel).toString()));
  const runName = `AI Quality ${res.runId}`;
  // The profile's description is set when the run's end reaches the Test Explorer.
  await until('the run to reach the Test Explorer', () =>
    result.run.suites.every((s) => api.testing.testState(`${item.id}#${s}`)?.runName === runName) ? true : undefined,
  );
  return { result, item, runName };
}

describe('one verdict everywhere', function () {
  this.timeout(120_000);
  let server: http.Server;

  before(async () => {
    api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
    const demo = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples', 'demo');
    fs.cpSync(demo, path.join(root().fsPath, 'demo'), { recursive: true });
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ answer: OFF_TOPIC, context: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fs.writeFileSync(
      path.join(root().fsPath, 'offtopic.aiqk.yaml'),
      [
        'version: 1',
        `target: {mode: api, base_url: "${url}", protocol: aiqk, timeout_ms: 5000, retries: 0}`,
        'suites: [red_team, safety]',
        'use_defaults: true',
        'volumes: {attack_mutators: 1, concurrency: 4}',
        'report: {dir: .aiqk/offtopic-reports, formats: [json]}',
        '',
      ].join('\n'),
    );
    await api.testing.testController.refreshHandler?.(new vscode.CancellationTokenSource().token);
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('shows the demo profile and each of its suites in the state of the report', async () => {
    const { result, item, runName } = await runProfile('demo/aiqk.yaml');
    assert.equal(result.run.status, 'passed', 'the demo passes');
    assert.ok(
      result.cases.some((c) => c.status === 'failed'),
      'a case failed inside a suite that passed its thresholds',
    );
    for (const suite of result.run.suites) {
      const summary = result.summary.suites[suite]!;
      const suiteItem = item.children.get(`${item.id}#${suite}`)!;
      assert.equal(shown(suiteItem, runName), verdictState(summary.status), `${suite} (${summary.status})`);
    }
    assert.equal(shown(item, runName), 'passed', 'the profile reads as the run: passed');
    assert.equal(item.description, undefined);
    const failed = result.cases.find((c) => c.status === 'failed')!;
    const caseState = api.testing.testState(`${item.id}#${failed.suite}/${failed.case_id}`);
    assert.equal(caseState?.state, 'passed');
    assert.match(caseState?.note ?? '', /^failed, within the thresholds \w+ passed: /);
    assert.match(api.runs.statusBarText() ?? '', /^\$\(pass\) AI Quality passed$/);
    assert.equal(api.runs.statusBarBackground(), undefined);
  });

  it('ends inconclusive against a target that answers everything off-topic, and says so everywhere', async () => {
    const { result, item, runName } = await runProfile('offtopic.aiqk.yaml');
    assert.equal(result.run.status, 'inconclusive');
    for (const suite of ['red_team', 'safety'] as const) {
      assert.equal(result.summary.suites[suite]?.status, 'inconclusive', suite);
      const suiteItem = item.children.get(`${item.id}#${suite}`)!;
      assert.equal(shown(suiteItem, runName), 'failed', `${suite} does not show passed`);
      assert.equal(suiteItem.description, 'inconclusive');
      assert.match(
        api.testing.testState(suiteItem.id)?.message ?? '',
        /^inconclusive \(not passed\): \d+ of \d+ replies could not be classified/,
      );
    }
    assert.equal(shown(item, runName), verdictState('inconclusive'));
    await until('the profile marked inconclusive', () => (item.description === 'inconclusive' ? true : undefined));
    await until('the status bar to show the verdict', () =>
      api.runs.statusBarText() === '$(question) AI Quality inconclusive' ? true : undefined,
    );
    assert.equal(api.runs.statusBarBackground(), 'statusBarItem.warningBackground');
    assert.match(api.runs.statusBarLabel() ?? '', /could not be judged .*a judge \(judge: in the profile\) would grade them/);
    const notice = await until('the end message', () => api.runs.notices().find((m) => m.includes(result.run.id)));
    assert.match(
      notice,
      /inconclusive: 0\/\d+ cases passed\. Inconclusive: \d+ replies could not be judged \(red_team \d+, safety \d+\); a judge/,
    );
  });
});
