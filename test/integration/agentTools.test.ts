// Runs in VS Code's extension host with a copy of test/fixtures/workspaces/agentTools
// open (no run profile, so the extension is not active yet). An agent's loop through
// vscode.lm: the tools are listed, a call activates the extension, then on a copy of
// the demo (offline built-in target): validate a broken profile, run, read the
// verdict, run again and compare, and cancel a run against a real /ask server that
// holds its questions, leaving a partial report.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_TOOLS, invokeAgentTool } from '../../src/engine/agent/agentTools';
import type { RunResult } from '../../src/engine/model/runTypes';
import type { AiQualityKitApi } from '../../src/extension/extension';
import { callTool } from './support/languageModelTools';
import { until } from './support/until';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
const ANSWERED = 2;
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const extension = () => vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!;
const api = () => extension().exports;

/** A real /ask server: answers the first ANSWERED questions, holds the others until the client gives up. */
function slowAskServer(): { server: http.Server; answered: () => number } {
  let answered = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (answered >= ANSWERED) return; // held open: the run is cancelled while it waits
      answered++;
      const query = (JSON.parse(body) as { query: string }).query;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ answer: `About ${query}: see the help center.`, context: ['Nimbus help center'] }));
    });
  });
  return { server, answered: () => answered };
}

function jsonReports(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => /^run_.*\.json$/.test(n))
        .sort()
    : [];
}

describe('language-model tools in VS Code', function () {
  this.timeout(120_000);

  it('lists every agent tool with its input schema, before the extension is active', () => {
    assert.equal(extension().isActive, false, 'nothing in the folder activated the extension');
    const ours = vscode.lm.tools.filter((t) => t.tags.includes('ai-quality-kit'));
    assert.deepEqual(
      ours.map((t) => t.name),
      AGENT_TOOLS.map((t) => `aiqk_${t.name}`),
    );
    AGENT_TOOLS.forEach((tool, i) => {
      assert.deepEqual(ours[i]!.inputSchema, JSON.parse(JSON.stringify(tool.inputSchema)), tool.name);
      assert.ok(ours[i]!.description.startsWith(tool.description.slice(0, 40)), tool.name);
    });
  });

  it('a tool call activates the extension and answers', async () => {
    const text = await callTool('aiqk_list_profiles', {});
    assert.ok(extension().isActive);
    assert.match(text, /^No run profile \(aiqk\.yaml or \*\.aiqk\.yaml\) in \./);
    assert.deepEqual(
      api().agentTools.names(),
      AGENT_TOOLS.map((t) => `aiqk_${t.name}`),
    );
  });

  describe('on a copy of the demo', () => {
    const reports = () => path.join(root(), 'demo', '.aiqk', 'reports');
    const slow = slowAskServer();

    before(async () => {
      fs.cpSync(path.join(extension().extensionPath, 'examples', 'demo'), path.join(root(), 'demo'), {
        recursive: true,
        filter: (src) => !src.includes(`${path.sep}.aiqk`),
      });
      fs.writeFileSync(
        path.join(root(), 'broken.aiqk.yaml'),
        'version: 1\ntarget:\n  mode: builtin\n  timout_ms: 5\nsuites: [rag_quality]\n',
      );
      await new Promise<void>((resolve) => slow.server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(slow.server.address() as AddressInfo).port}`;
      fs.writeFileSync(
        path.join(root(), 'slow.aiqk.yaml'),
        [
          'version: 1',
          'target:',
          '  mode: api',
          `  base_url: ${url}`,
          '  protocol: aiqk',
          '  retries: 0',
          'suites: [rag_quality]',
          'volumes: { qa_sample_size: 6, concurrency: 1 }',
          'report: { dir: .aiqk/slow, formats: [json] }',
          '',
        ].join('\n'),
      );
    });

    after(async () => {
      slow.server.closeAllConnections();
      await new Promise((resolve) => slow.server.close(resolve));
    });

    it('lists the profiles and validates the broken one with located problems', async () => {
      const listed = await callTool('aiqk_list_profiles', {});
      assert.match(listed, /^3 run profiles in \./);
      assert.match(listed, /- demo\/aiqk\.yaml: ready to run: rag_quality, red_team, .* against builtin \(offline demo RAG\)/);
      assert.match(listed, /- broken\.aiqk\.yaml: invalid/);
      const checked = await callTool('aiqk_validate_profile', { profile: 'broken.aiqk.yaml' });
      assert.match(
        checked,
        /^broken\.aiqk\.yaml and its datasets: 1 error\(s\), 0 warning\(s\), \d+ note\(s\)\. It cannot run until the errors are fixed\./,
      );
      assert.match(
        checked,
        /\nbroken\.aiqk\.yaml:4:3: error: target: unknown key 'timout_ms'\. Did you mean 'timeout_ms'\? \[unknown-key\]/,
      );
    });

    it('asks to confirm a run, naming the target, the suites and the estimated cases', async () => {
      const prepared = await api().agentTools.prepareInvocation('aiqk_run_profile', { profile: 'demo/aiqk.yaml', suites: ['rag_quality'] });
      assert.equal(prepared?.invocationMessage, 'Run rag_quality of demo/aiqk.yaml against builtin (offline demo RAG)');
      assert.equal(prepared?.confirmationMessages?.title, 'Run AI Quality tests?');
      assert.match(
        String(prepared?.confirmationMessages?.message),
        /^Runs rag_quality of demo\/aiqk\.yaml against builtin \(offline demo RAG\): about 10 cases, each one or more calls to that target\./,
      );
      const readOnly = await api().agentTools.prepareInvocation('aiqk_validate_profile', { profile: 'broken.aiqk.yaml' });
      assert.equal(readOnly?.confirmationMessages, undefined);
      assert.equal(readOnly?.invocationMessage, 'Validate broken.aiqk.yaml and its datasets');
    });

    it('runs the demo with a suite chosen, with progress, and reads its verdict as aiqk mcp does', async () => {
      const ran = await callTool('aiqk_run_profile', { profile: 'demo/aiqk.yaml', suites: ['rag_quality'] });
      assert.match(ran, /^Run run_\S+ of demo\/aiqk\.yaml: PASSED\. 9\/10 cases passed/);
      assert.match(ran, /- rag_quality: passed \(9\/10 cases passed, 1 failed, 0 in error\)/);
      assert.match(ran, /Reports: demo\/\.aiqk\/reports\/run_\S+\.json, demo\/\.aiqk\/reports\/run_\S+\.xlsx/);
      assert.equal(jsonReports(reports()).length, 1);
      assert.ok(api().agentTools.progress().includes('aiqk_run_profile: rag_quality: 10/10 cases'), api().agentTools.progress().join('\n'));

      const verdict = await callTool('aiqk_read_report', { profile: 'demo/aiqk.yaml' });
      assert.match(verdict, /^Report demo\/\.aiqk\/reports\/run_\S+\.json\nRun run_\S+ of demo\/aiqk\.yaml: PASSED/);
      const direct = await invokeAgentTool('read_report', { profile: 'demo/aiqk.yaml' }, { workspaceRoot: root() });
      assert.equal(verdict, direct.text, 'the editor and aiqk mcp answer alike');
      const budget = { tokenBudget: 100, countTokens: async (text: string) => Math.ceil(text.length / 3) };
      const short = await vscode.lm.invokeTool('aiqk_read_report', {
        input: { profile: 'demo/aiqk.yaml' },
        toolInvocationToken: undefined,
        tokenizationOptions: budget,
      });
      const shortText = (short.content[0] as vscode.LanguageModelTextPart).value;
      assert.ok(shortText.length <= 500 && verdict.length > 500, `${shortText.length} characters within the model's budget`);
      assert.match(shortText, /more lines left out to keep this short; give `suite` for one suite at a time\]$/);
      const cases = await callTool('aiqk_read_report', { profile: 'demo/aiqk.yaml', suite: 'rag_quality', detail: 'cases' });
      assert.match(cases, /- rag_quality:q06 \[failed\]: answer_recall 0 < 0\.80/);
    });

    it('runs again and compares the two runs', async () => {
      const again = await callTool('aiqk_run_profile', { profile: 'demo/aiqk.yaml', suites: ['rag_quality'] });
      assert.match(again, /PASSED/);
      const [before, after] = jsonReports(reports());
      const compared = await callTool('aiqk_compare_reports', { profile: 'demo/aiqk.yaml' });
      assert.match(
        compared,
        new RegExp(
          `^Comparing demo/\\.aiqk/reports/${after} with demo/\\.aiqk/reports/${before}\\nRun ${after!.slice(0, -5)} \\(passed\\) compared with the previous run ${before!.slice(0, -5)} \\(passed`,
        ),
      );
      assert.match(compared, /0 case\(s\) newly failing, 0 newly passing, 0 new, 0 gone, of 10 compared/);
    });

    it('a cancelled call cancels its run, which leaves a partial report marked cancelled', async () => {
      const cancel = new vscode.CancellationTokenSource();
      const earlier = api().agentTools.progress().length;
      const call = callTool('aiqk_run_profile', { profile: 'slow.aiqk.yaml' }, cancel.token);
      const started = (l: string) => l.startsWith(`aiqk_run_profile: rag_quality: ${ANSWERED}/`);
      await until(`${ANSWERED} cases done`, () => (api().agentTools.progress().slice(earlier).some(started) ? true : undefined), 60_000);
      assert.equal(slow.answered(), ANSWERED);
      cancel.cancel();
      await assert.rejects(call, (err: unknown) => err instanceof vscode.CancellationError || /cancel/i.test(String(err)));
      const dir = path.join(root(), '.aiqk', 'slow');
      const file = await until('the partial report', () => jsonReports(dir)[0], 30_000);
      const report = await until('the partial report written whole', () => {
        try {
          return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RunResult;
        } catch {
          return undefined;
        }
      });
      assert.equal(report.run.status, 'cancelled');
      assert.equal(report.summary.suites.rag_quality?.status, 'cancelled');
      assert.equal(report.cases.length, ANSWERED, 'the cases that finished are kept');
      const verdict = await callTool('aiqk_read_report', { report: `.aiqk/slow/${file}` });
      assert.match(verdict, /CANCELLED/i);
    });
  });
});
