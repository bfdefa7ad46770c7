// Runs in VS Code's extension host with test/fixtures/workspaces/runs open (a copy):
// a small builtin profile, a blocked one, tasks.json with aiqk tasks. The "slow"
// profile is written by the tests: it points at a real /ask server started here
// that answers a few questions and then holds the rest, so a run is still going
// when it is cancelled.
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
import type { ProfilesAndRunsNode } from '../../src/extension/profilesAndRuns/profilesAndRunsTree';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
const TOKEN = 'tok-runs-test-7f3a9c';
const ANSWERED = 2;
let api: AiQualityKitApi;
const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), rel);

/** A real /ask server: answers the first ANSWERED questions, holds the others until the client gives up. */
class SlowAskServer {
  readonly authorizations: string[] = [];
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      this.authorizations.push(req.headers.authorization ?? '');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end('{"error":"unauthorized"}');
        return;
      }
      if (this.answered >= ANSWERED) return; // held open: the run is cancelled while it waits
      this.answered++;
      const query = (JSON.parse(body) as { query: string }).query;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ answer: `About ${query}: see the help center.`, context: ['Nimbus help center'] }));
    });
  });
  answered = 0;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.answered = 0;
    this.server.closeAllConnections();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const server = new SlowAskServer();

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const slowRun = () => api.runs.list().find((r) => path.basename(r.profile) === 'slow.aiqk.yaml');

async function treeChildren(group: 'profiles' | 'running' | 'reports'): Promise<ProfilesAndRunsNode[]> {
  return api.profilesAndRuns.getChildren({ kind: 'group', group });
}

async function expectCancelledReport(runId: string): Promise<RunResult> {
  const finished = await api.runs.whenFinished(runId, 30_000);
  assert.equal(finished.result.run.status, 'cancelled');
  const json = finished.files.json;
  assert.ok(json && fs.existsSync(json), 'the partial report is written');
  const report = await readReport(json);
  assert.equal(report.run.status, 'cancelled');
  assert.equal(report.summary.suites.rag_quality?.status, 'cancelled');
  assert.equal(report.cases.length, ANSWERED, 'the cases that finished are kept');
  assert.ok(!fs.readFileSync(json, 'utf8').includes(TOKEN), 'the token is not in the report');
  return report;
}

describe('runs in VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
    const url = await server.start();
    fs.writeFileSync(
      file('slow.aiqk.yaml').fsPath,
      [
        'version: 1',
        'target:',
        '  mode: api',
        `  base_url: ${url}`,
        '  protocol: aiqk',
        '  auth:',
        '    bearer_env: AIQK_RUNS_TEST_TOKEN',
        '  retries: 0',
        'suites: [rag_quality]',
        'volumes: { qa_sample_size: 6, concurrency: 1 }',
        'report: { formats: [json] }',
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    for (const r of api.runs.list()) await vscode.commands.executeCommand('aiQualityKit.cancelRun', r.runId);
    await server.close();
  });

  afterEach(() => server.reset());

  it('stores the API key in SecretStorage under the name the profile refers to', async () => {
    const name = await vscode.commands.executeCommand<string>(
      'aiQualityKit.setApiKey',
      file('slow.aiqk.yaml'),
      'AIQK_RUNS_TEST_TOKEN',
      TOKEN,
    );
    assert.equal(name, 'AIQK_RUNS_TEST_TOKEN');
  });

  it('runs a profile from the command: report, Test Explorer results, tree and log', async () => {
    const res = await vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.runTests', file('aiqk.yaml'));
    assert.ok(res.started, 'the run started');
    assert.equal(res.status, 'failed', 'rag_quality misses the exact_match_min: 1 of the fixture');
    const report = await readReport(res.reportFile!);
    assert.equal(report.run.id, res.runId);
    assert.deepEqual(report.run.suites, ['rag_quality', 'red_team', 'bias_smoke']);

    const profileId = file('aiqk.yaml').toString();
    const profileItem = api.testing.testController.items.get(profileId);
    assert.ok(profileItem, 'the profile is in the Test Explorer');
    const suiteIds: string[] = [];
    profileItem.children.forEach((c) => suiteIds.push(c.label));
    assert.deepEqual(suiteIds.sort(), ['bias_smoke', 'rag_quality', 'red_team']);
    for (const c of report.cases) {
      const id = `${profileId}#${c.suite}/${c.case_id}`;
      assert.ok(profileItem.children.get(`${profileId}#${c.suite}`)!.children.get(id), `case item ${c.case_id}`);
      const state = api.testing.testState(id);
      assert.equal(state?.state, c.status === 'error' ? 'errored' : c.status, `state of ${c.case_id}`);
      assert.equal(state?.durationMs, c.latency_ms ?? undefined);
      if (c.status === 'failed' && c.suite === 'rag_quality') {
        assert.deepEqual(state?.diff, { expected: c.expected, actual: c.output }, 'answer checks show expected vs actual');
        assert.match(state!.message!, /^exact_match 0 < 1\n/, 'the message names the metric against its threshold');
      }
    }
    assert.equal(api.testing.testState(`${profileId}#rag_quality`)?.state, 'failed');
    assert.match(api.testing.testState(`${profileId}#rag_quality`)!.message!, /exact_match 0 < 1/);
    assert.equal(api.testing.testState(`${profileId}#red_team`)?.state, 'passed');

    api.profilesAndRuns.refresh();
    const profiles = await treeChildren('profiles');
    const node = profiles.find((n) => n.kind === 'profile' && n.profileUri.toString() === profileId);
    assert.ok(
      node && node.kind === 'profile' && node.last?.runId === res.runId && node.last.status === 'failed',
      'the tree shows the last result of the profile',
    );
    const reports = await treeChildren('reports');
    assert.ok(
      reports.some((n) => n.kind === 'report' && n.reportFile === res.reportFile),
      'the report is in the history',
    );
    const o = report.summary.overall;
    assert.ok(
      api.runs.logLines().some((l) => l.includes(`${res.runId}: failed, ${o.passed}/${o.total} cases passed`)),
      'the output channel has the run log',
    );
  });

  it('opens the last report (in the report view when there is one, else as JSON)', async () => {
    const last = await vscode.commands.executeCommand<string>('aiQualityKit.openLastReport');
    assert.ok(last && /run_\d{8}-\d{6}_[0-9a-f]{8}\.json$/.test(last));
    const hasView = (await vscode.commands.getCommands(true)).includes('aiQualityKit.openReportView');
    if (!hasView) assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, last);
    assert.equal(await vscode.commands.executeCommand('aiQualityKit.openReport', vscode.Uri.file(last)), last);
    assert.equal(
      await vscode.commands.executeCommand('aiQualityKit.openReport', vscode.Uri.file(`${last}.gone`)),
      undefined,
      'a report that is not there is refused',
    );
  });

  it('starts a run in the background, lists it, cancels it, and keeps the partial report', async () => {
    const res = await vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.startRunInBackground', file('slow.aiqk.yaml'));
    assert.ok(res.started && res.runId, 'the command returns the run id');
    assert.equal(res.status, undefined, 'it returns before the run ends');
    const listed = await until('the run to answer its first cases', () =>
      api.runs.list().find((r) => r.runId === res.runId && r.done >= ANSWERED),
    );
    assert.deepEqual(listed.suites, ['rag_quality']);
    const running = await treeChildren('running');
    assert.ok(
      running.some((n) => n.kind === 'run' && n.runId === res.runId),
      'the tree lists the running run',
    );
    assert.match(api.runs.statusBarText() ?? '', /AI Quality \d+\/\d+/);
    // A screen reader hears words, not the spinner's icon id or the tooltip's Markdown.
    const spoken = api.runs.statusBarLabel() ?? '';
    assert.match(
      spoken,
      /^AI Quality running: \d+ of \d+ cases done, suite rag_quality\. Activate to see the running runs and cancel one\.$/,
    );
    assert.doesNotMatch(spoken, /\$\(|\*\*|~spin/);
    assert.ok(
      server.authorizations.every((a) => a === `Bearer ${TOKEN}`),
      'the stored secret was sent as the bearer token',
    );

    assert.equal(await vscode.commands.executeCommand('aiQualityKit.cancelRun', res.runId), true);
    await expectCancelledReport(res.runId);
    assert.equal(api.runs.list().length, 0);
    assert.ok(!api.runs.logLines().some((l) => l.includes(TOKEN)), 'the token is not in the run log');
  });

  it('runs a tasks.json task; Terminate Task cancels it and the partial report is written', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'aiqk' });
    const task = tasks.find((t) => t.name === 'aiqk: slow profile');
    assert.ok(task, `the tasks.json task is there; got ${tasks.map((t) => t.name).join(', ')}`);
    assert.ok(
      tasks.some((t) => t.source === 'aiqk' && t.definition['profile'] === 'aiqk.yaml'),
      'the provider offers a task per profile',
    );
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.tasks.onDidEndTask((e) => {
        if (e.execution.task.name === task.name) {
          sub.dispose();
          resolve();
        }
      });
    });
    const execution = await vscode.tasks.executeTask(task);
    const run = await until('the task run to answer its first cases', () => {
      const r = slowRun();
      return r && r.done >= ANSWERED ? r : undefined;
    });
    execution.terminate();
    await ended;
    await expectCancelledReport(run.runId);
  });

  it('runs from the Test Explorer; cancelling the test run cancels the run', async () => {
    const slowId = file('slow.aiqk.yaml').toString();
    await api.testing.testController.refreshHandler?.(new vscode.CancellationTokenSource().token);
    const suite = api.testing.testController.items.get(slowId)?.children.get(`${slowId}#rag_quality`);
    assert.ok(suite, 'the slow profile and its suite are in the Test Explorer');
    const cts = new vscode.CancellationTokenSource();
    const handled = api.testing.testRunProfile.runHandler(new vscode.TestRunRequest([suite]), cts.token);
    const run = await until('the Test Explorer run to answer its first cases', () => {
      const r = slowRun();
      return r && r.done >= ANSWERED ? r : undefined;
    });
    cts.cancel();
    await handled;
    const report = await expectCancelledReport(run.runId);
    const answered = report.cases.map((c) => `${slowId}#rag_quality/${c.case_id}`);
    assert.ok(
      answered.every((id) => api.testing.testState(id)?.runName === 'AI Quality'),
      'finished cases are reported to the Test Explorer run',
    );
    assert.equal(api.testing.testState(`${slowId}#rag_quality`)?.state, 'skipped', 'the cancelled suite is marked skipped');
    assert.ok(
      answered.every((id) => api.testing.testState(id)?.state === 'skipped'),
      'its finished cases show skipped too, so the suite does not read passed',
    );
  });

  it('refuses the blocked profile, says which data is missing, and the quick fix unblocks it', async () => {
    const uri = file('blocked.aiqk.yaml');
    const res = await vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.runTests', uri);
    assert.equal(res.started, false);
    assert.ok(!res.started && res.refusal);
    assert.equal(res.refusal.kind, 'blocked');
    assert.deepEqual(res.refusal.missingData, ['passages', 'qaset']);
    assert.deepEqual(res.refusal.reasons, [
      'rag_quality needs passages: add data.passages or set use_defaults: true',
      'rag_quality needs qaset: add data.qaset or set use_defaults: true',
    ]);
    assert.equal(api.runs.list().length, 0, 'nothing started');
    assert.ok(
      !fs.existsSync(path.join(root().fsPath, '.aiqk', 'reports')) ||
        !fs
          .readdirSync(path.join(root().fsPath, '.aiqk', 'reports'))
          .some((f) => fs.readFileSync(path.join(root().fsPath, '.aiqk', 'reports', f), 'utf8').includes('blocked.aiqk.yaml')),
      'no report of the blocked profile',
    );

    assert.equal(await vscode.commands.executeCommand('aiQualityKit.useBuiltInDatasets', uri), true);
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^use_defaults: true$/m);
    const again = await vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.runTests', uri);
    assert.ok(again.started, 'the fixed profile runs');
  });

  it('loads the results of a saved report into the Test Explorer', async () => {
    const reports = (await treeChildren('reports')).filter(
      (n): n is Extract<ProfilesAndRunsNode, { kind: 'report' }> =>
        n.kind === 'report' && n.entry.profile?.endsWith(`${path.sep}aiqk.yaml`) === true,
    );
    assert.ok(reports.length > 0);
    const report = await readReport(reports[0].reportFile);
    const loaded = await vscode.commands.executeCommand<{ runId: string; cases: number }>(
      'aiQualityKit.loadResultsFromReport',
      vscode.Uri.file(reports[0].reportFile),
    );
    assert.equal(loaded.runId, report.run.id);
    assert.equal(loaded.cases, report.cases.length);
    const c = report.cases.find((x) => x.status === 'failed')!;
    const state = api.testing.testState(`${file('aiqk.yaml').toString()}#${c.suite}/${c.case_id}`);
    assert.equal(state?.state, 'failed');
    assert.equal(state?.runName, `AI Quality report ${report.run.id}`);
  });

  it('offers Run lenses above the profile and each suite', async () => {
    await vscode.window.showTextDocument(file('aiqk.yaml'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file('aiqk.yaml'));
    const runs = lenses.filter((l) => l.command?.command === 'aiQualityKit.runTests');
    assert.deepEqual(
      runs.map((l) => [l.range.start.line, l.command!.title]),
      [
        [0, '$(play) Run'],
        [6, '$(play) Run suite'],
        [7, '$(play) Run suite'],
        [8, '$(play) Run suite'],
      ],
    );
    assert.deepEqual(runs[2].command!.arguments?.[1], ['red_team']);
  });
});
