// Runs in VS Code's extension host with an empty folder open (a copy of
// test/fixtures/workspaces/wizard). The wizard panel is opened by its command,
// its real webview says `ready`, and the conversation is driven through the
// panel's own message path (validated like any webview message): from nothing
// to a written profile (opened, with diagnostics that agree with the wizard's
// matrix) and a finished run, for the built-in demo and for a local
// OpenAI-compatible server started here.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parseProfile } from '../../src/engine/config/loadProfile';
import { readReport } from '../../src/engine/report/jsonReport';
import type { ConnectionResult } from '../../src/engine/wizard/connectionTest';
import type { AiQualityKitApi } from '../../src/extension/extension';
import type { WizardRunView, WizardView } from '../../src/protocol';
import type { OpenAiServer } from '../fixtures/servers/openaiServer';
import { startOpenAiServer } from '../fixtures/servers/openaiServer';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
const KEY = 'sk-wizard-it-7c6b5a4f3e2d1c0b9a';
let api: AiQualityKitApi;
let server: OpenAiServer;
const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), rel);

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last view: ${JSON.stringify(api.wizard.view()?.log.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const view = (): WizardView => {
  const v = api.wizard.view();
  assert.ok(v, 'the wizard has sent a view');
  return v;
};

const finishedRun = (): WizardRunView | undefined => {
  const r = api.wizard.view()?.run;
  return r?.phase === 'finished' ? r : undefined;
};

async function say(...texts: string[]): Promise<void> {
  for (const text of texts) await api.wizard.send({ type: 'answer', text });
}

describe('the setup wizard in VS Code', function () {
  this.timeout(180_000);

  before(async () => {
    api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
    server = await startOpenAiServer({ token: KEY, chunkDelayMs: 1 });
  });

  after(async () => {
    for (const r of api.runs.list()) await vscode.commands.executeCommand('aiQualityKit.cancelRun', r.runId);
    await server.close();
  });

  it('contributes its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of [
      'aiQualityKit.openWizard',
      'aiQualityKit.editProfileInWizard',
      'aiQualityKit.testConnection',
      'aiQualityKit.addDataset',
    ])
      assert.ok(all.includes(c), c);
  });

  it('opens from its command in a webview that says ready', async () => {
    assert.equal(fs.readdirSync(root().fsPath).filter((f) => !f.startsWith('.')).length, 0, 'an empty folder');
    await vscode.commands.executeCommand('aiQualityKit.openWizard');
    await until('the webview to say ready', () => api.wizard.isReady());
    assert.equal(view().step.id, 'mode');
    assert.match(view().log[0].text, /What do you want to test/);
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'AI Quality Setup');
    assert.ok(tab, 'the panel is a tab');
  });

  it('goes from the empty folder to a finished demo run: profile written and opened, diagnostics agreeing, run passed', async () => {
    await say('the demo', 'recommended', 'defaults', 'smoke', 'done');
    await until('the connection test', () => view().log.some((e) => e.text.startsWith('Connected')));
    await say('continue');
    assert.equal(view().step.id, 'summary');
    assert.deepEqual(view().canRun, { enabled: true });
    await api.wizard.send({ type: 'runTests' });
    const profile = file('aiqk.yaml');
    assert.ok(fs.existsSync(profile.fsPath), 'aiqk.yaml written');
    // The run follows in the panel: the profile is not opened over it or beside it.
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === profile.fsPath), 'the profile is not opened');
    assert.equal(vscode.window.tabGroups.all.length, 1, 'no second editor group');
    // Progress reaches the conversation as the run goes (from the running list's change events).
    const running = await until(
      'progress of the run',
      () => {
        const r = view().run;
        return r?.phase === 'running' && r.runId ? r : undefined;
      },
      60_000,
    );
    const finished = await until('the run to finish', finishedRun, 120_000);
    assert.equal(finished.status, 'passed');
    assert.equal(running.runId, finished.runId);
    const outcome = view().log.at(-1);
    assert.match(outcome?.text ?? '', /^Run run_\S+ passed/);
    assert.deepEqual(
      outcome?.actions?.map((a) => a.label),
      ['Open report', 'Show XLSX', 'Show run log'],
    );
    const done = await api.runs.whenFinished(finished.runId as string, 10_000);
    assert.equal(done.result.run.status, 'passed');
    assert.ok(done.files.json && fs.existsSync(done.files.json));
    // The editor's diagnostics and the wizard's matrix come from the same function: no missing data either way.
    await api.whenIdle();
    const errors = vscode.languages.getDiagnostics(profile).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map((d) => d.message),
      [],
    );
    assert.deepEqual(view().matrix.blocking, []);
    await api.wizard.send({ type: 'action', id: outcome?.actions?.[0].id });
  });

  it('from a reset, sets up and runs a local OpenAI-compatible server with a key kept in SecretStorage only', async () => {
    await api.wizard.send({ type: 'reset' });
    assert.equal(view().step.id, 'mode');
    await say(`api at ${server.url}/v1`, 'openai');
    assert.equal(view().step.id, 'auth');
    await api.wizard.send({ type: 'secret', name: 'AIQK_WIZARD_IT_KEY', value: KEY });
    await say(
      'fixture-model',
      'rag and performance',
      'faithfulness 0, context recall 0, answer relevancy 0, f1 0, rouge 0, case pass rate 0, answer recall 0',
      'smoke',
      'use defaults',
    );
    await until('the connection test', () => view().log.some((e) => /^Connected: the target answered in \d+ ms/.test(e.text)));
    await say('continue', 'save as local.aiqk.yaml', 'run');
    const profile = file('local.aiqk.yaml');
    const text = fs.readFileSync(profile.fsPath, 'utf8');
    assert.match(text, /bearer_env: AIQK_WIZARD_IT_KEY/);
    assert.ok(!text.includes(KEY), 'the key is not in the profile');
    assert.ok(parseProfile(text, profile.fsPath).profile, 'a valid profile');
    const finished = await until('the run to finish', finishedRun, 120_000);
    assert.ok(['passed', 'failed'].includes(finished.status ?? ''), `finished: ${finished.status}`);
    const done = await api.runs.whenFinished(finished.runId as string, 10_000);
    const report = await readReport(done.files.json as string);
    assert.ok(report.cases.length > 0 && report.cases.every((c) => c.status !== 'error'), 'every case got an answer from the server');
    assert.ok(
      server.requests.length > 2 && server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`),
      'every request carried the stored key',
    );
    assert.ok(!JSON.stringify(view()).includes(KEY), 'the key is not in the view');
  });

  it('tests the connection of a profile from its command', async () => {
    const result = await vscode.commands.executeCommand<ConnectionResult>('aiQualityKit.testConnection', file('local.aiqk.yaml'));
    assert.ok(result?.ok, result?.error);
    assert.ok((result.answer ?? '').length > 0);
  });

  it('adds a dataset from the template to a profile from its command, keeping the file’s comments', async () => {
    const added = await vscode.commands.executeCommand<string>('aiQualityKit.addDataset', file('local.aiqk.yaml'), 'qaset', 'template');
    assert.equal(added, 'data/qaset.jsonl');
    assert.ok(fs.existsSync(file('data/qaset.jsonl').fsPath));
    const text = fs.readFileSync(file('local.aiqk.yaml').fsPath, 'utf8');
    assert.match(text, /^# AI Quality Kit run profile/);
    assert.match(text, /qaset: data\/qaset\.jsonl/);
  });

  it('edits an existing profile step by step from its command, and keeps the panel’s conversation when reopened', async () => {
    const uri = file('local.aiqk.yaml');
    await vscode.commands.executeCommand('aiQualityKit.editProfileInWizard', uri);
    assert.ok(view().preview.editing);
    assert.match(view().log[0].text, /^Editing local\.aiqk\.yaml/);
    await api.wizard.send({ type: 'edit', step: 'volumes' });
    assert.equal(view().step.id, 'volumes');
    await say('full with concurrency 2');
    assert.equal(view().step.id, 'summary', 'straight back to the summary');
    // Open already (in another group): writing shows it there instead of opening it twice.
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    await say('write');
    await say('write');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.equal(tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === uri.fsPath).length, 1, 'open once');
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, /^# AI Quality Kit run profile/, 'the header comment is kept');
    assert.match(text, /profile: full/);
    assert.match(text, /concurrency: 2/);
    assert.match(text, /qaset: data\/qaset\.jsonl/, 'what the command added is kept');
    const before = view().log.length;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the panel to close', () => !api.wizard.isReady());
    await vscode.commands.executeCommand('aiQualityKit.openWizard');
    await until('the webview to say ready again', () => api.wizard.isReady());
    assert.equal(view().log.length, before, 'the conversation continues');
  });
});
