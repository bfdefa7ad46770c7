// Runs in VS Code's extension host with test/fixtures/workspaces/reportView open
// (a copy). before() runs the engine twice on the fixture profile (built-in
// target, offline) and writes both reports, as the CLI would; the tests open the
// newer one with the command and check the panel, what the webview was sent and
// what it rendered, and the host's handling of the webview's messages.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadProfile } from '../../src/engine/config/loadProfile';
import { resolveProfile } from '../../src/engine/config/resolve';
import { runAndWriteReports } from '../../src/engine/run/runAndWriteReports';
import type { RunResult } from '../../src/engine/model/runTypes';
import type { AiQualityKitApi } from '../../src/extension/extension';
import { until } from './support/until';
import type { ReportPanelInfo } from '../../src/extension/report/registerReportView';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
const COMMAND = 'aiQualityKit.openReportView';
let api: AiQualityKitApi;
const runs: { result: RunResult; json: string }[] = [];

async function runProfile(): Promise<{ result: RunResult; json: string }> {
  const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'aiqk.yaml');
  const parsed = await loadProfile(file);
  assert.ok(parsed.profile, 'the fixture profile loads');
  const written = await runAndWriteReports(resolveProfile(parsed.profile, file), { auditFile: false }).written;
  assert.equal(written.writeError, undefined);
  assert.ok(written.files.json, 'a JSON report was written');
  return { result: written.result, json: written.files.json };
}

describe('report view', function () {
  this.timeout(90_000);

  before(async () => {
    const ext = vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    runs.push(await runProfile());
    // Run ids have a one-second resolution: the second run must sort after the first.
    await new Promise((r) => setTimeout(r, 1100));
    runs.push(await runProfile());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a report in a panel with a short title (profile and time), and the webview renders it', async () => {
    const { result, json } = runs[1]!;
    const info = await vscode.commands.executeCommand<ReportPanelInfo | undefined>(COMMAND, vscode.Uri.file(json));
    assert.ok(info);
    const started = new Date(result.run.started_at);
    const time = `${String(started.getHours()).padStart(2, '0')}:${String(started.getMinutes()).padStart(2, '0')}`;
    // The workspace folder is named after the suite; the profile is its aiqk.yaml.
    assert.equal(info.title, `Report · reportView · ${time}`);
    const rendered = await api.reportView.whenRendered(json, 30_000, true);
    assert.equal(rendered.runId, result.run.id);
    assert.equal(rendered.cards, Object.keys(result.summary.suites).length);
    assert.equal(rendered.total, result.cases.length);
    assert.equal(rendered.rows, Math.min(50, result.cases.length));
    assert.equal(rendered.charts, 2, 'latency histogram and attack chart');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === info.title);
    assert.ok(tab, 'the panel is an editor tab');
    assert.ok(tab.input instanceof vscode.TabInputWebview);
  });

  it('sent the report, its first page and then its comparison to the previous run of the profile', () => {
    const { result, json } = runs[1]!;
    const data = api.reportView.data(json);
    assert.ok(data);
    assert.equal(data.run.id, result.run.id);
    assert.equal(data.uri, vscode.Uri.file(json).toString());
    assert.equal(data.paths.json, path.join('.aiqk', 'reports', `${result.run.id}.json`));
    assert.equal(data.paths.xlsx, path.join('.aiqk', 'reports', `${result.run.id}.xlsx`));
    assert.equal(data.total, result.cases.length);
    assert.equal(data.first.page.cases.length, Math.min(50, result.cases.length));
    assert.deepEqual(data.problems, []);
    assert.equal(data.comparison?.previous.id, runs[0]!.result.run.id);
    assert.equal(data.comparison?.totals.compared, result.cases.length);
    assert.equal(data.canRerun, true, 'the run command is registered and the folder trusted');
  });

  it("answers the webview's page requests from the report's case index", async () => {
    const { result, json } = runs[1]!;
    const failed = result.cases.filter((c) => c.status !== 'passed');
    const query = { suite: 'all', status: 'notPassed', text: '', sort: { key: 'case', dir: 'asc' }, page: 0, pageSize: 25 } as const;
    await api.reportView.receive(json, { type: 'queryCases', id: 41, query });
    const sent = api.reportView.lastSent(json);
    assert.equal(sent?.type, 'cases');
    if (sent?.type !== 'cases') return;
    assert.equal(sent.id, 41);
    assert.deepEqual(sent.query, query);
    assert.equal(sent.page?.matching, failed.length);
    assert.equal(sent.page?.total, result.cases.length);
    const ids = failed.map((c) => c.case_id).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    assert.deepEqual(
      sent.page?.cases.map((c) => c.case_id),
      ids.slice(0, 25),
    );
    await api.reportView.receive(json, { type: 'queryCases', id: 42, query: { ...query, pageSize: 5000 } });
    assert.match(api.reportView.handled(json).rejected.at(-1) ?? '', /pageSize/);
  });

  it('reveals the open panel instead of opening a second one', async () => {
    const { json } = runs[1]!;
    await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(json));
    assert.equal(api.reportView.panels().filter((p) => p.file === json).length, 1);
  });

  it('refuses malformed webview messages and says why', async () => {
    const { json } = runs[1]!;
    await api.reportView.receive(json, { type: 'openXlsx', path: '/etc/passwd' });
    await api.reportView.receive(json, { type: 'exec', command: 'rm -rf /' });
    const { rejected, handled } = api.reportView.handled(json);
    assert.deepEqual(rejected.slice(-2), ['openXlsx: unexpected field(s) path', "unknown message type 'exec'"]);
    assert.equal(handled.includes('openXlsx'), false);
  });

  it('opens the JSON report at the line of a case', async () => {
    const { result, json } = runs[1]!;
    const target = result.cases[result.cases.length - 1]!;
    await api.reportView.receive(json, { type: 'openJson', caseId: target.case_id });
    const editor = await until('the JSON editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === json ? vscode.window.activeTextEditor : undefined,
    );
    const line = editor.document.lineAt(editor.selection.start.line).text;
    assert.ok(line.includes(`"case_id":${JSON.stringify(target.case_id)}`), line.slice(0, 200));
  });

  it('opens the previous report in the panel of its profile (one panel per profile)', async () => {
    const { json } = runs[1]!;
    await api.reportView.receive(json, { type: 'openPrevious' });
    const previous = await until('the previous report in the panel', () =>
      api.reportView.panels().find((p) => p.file === runs[0]!.json && p.runId === runs[0]!.result.run.id),
    );
    assert.equal(previous.runId, runs[0]!.result.run.id);
    assert.equal(api.reportView.panels().length, 1);
    const rendered = await api.reportView.whenRendered(runs[0]!.json, 30_000, true);
    assert.equal(rendered.runId, runs[0]!.result.run.id);
    const data = api.reportView.data(runs[0]!.json);
    assert.equal(data?.comparison, null, 'the first run has nothing before it');
    assert.match(data?.comparisonNote ?? '', /first finished run/);
  });

  it('without an argument, offers the report history newest first', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('every panel closed', () => (api.reportView.panels().length === 0 ? true : undefined));
    const opening = vscode.commands.executeCommand<ReportPanelInfo | undefined>(COMMAND);
    // The quick pick lists the newest report first; accepting it opens that one.
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const info = await opening;
    assert.equal(info?.runId, runs[1]!.result.run.id);
  });

  it('forgets a panel when it is closed', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('every panel closed', () => (api.reportView.panels().length === 0 ? true : undefined));
  });

  it('comes back after a reload from the state its webview saved, and closes a panel it cannot restore', async () => {
    const file = runs[1]!.json;
    const restored = vscode.window.createWebviewPanel('aiQualityKit.reportView', 'restored', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    await api.reportView.restore(restored, { uri: vscode.Uri.file(file).toString(), sort: { key: 'case', dir: 'asc' } });
    const info = api.reportView.panels().find((p) => p.file === path.resolve(file));
    assert.equal(info?.runId, runs[1]!.result.run.id);
    const rendered = await api.reportView.whenRendered(file, 20_000, true);
    assert.equal(rendered.runId, runs[1]!.result.run.id);
    const closed: string[] = [];
    for (const [name, state] of [
      ['a deleted report', { uri: vscode.Uri.file(path.join(path.dirname(file), 'run_20200101-000000_00000000.json')).toString() }],
      ['a state that is not ours', { something: 'else' }],
      ['a report already shown', { uri: vscode.Uri.file(file).toString() }],
    ] as const) {
      const panel = vscode.window.createWebviewPanel('aiQualityKit.reportView', name, vscode.ViewColumn.Active);
      panel.onDidDispose(() => closed.push(name));
      await api.reportView.restore(panel, state);
    }
    assert.deepEqual(closed, ['a deleted report', 'a state that is not ours', 'a report already shown']);
    // Another report of the same profile: that profile has its panel already.
    const other = vscode.window.createWebviewPanel('aiQualityKit.reportView', 'other', vscode.ViewColumn.Active);
    let otherClosed = false;
    other.onDidDispose(() => (otherClosed = true));
    await api.reportView.restore(other, { uri: vscode.Uri.file(runs[0]!.json).toString() });
    assert.equal(otherClosed, true, 'a report of a profile already shown');
    assert.equal(api.reportView.panels().length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('every panel closed', () => (api.reportView.panels().length === 0 ? true : undefined));
  });

  it('"Run again" refreshes the open panel with the new report, and no message repeats the result', async () => {
    await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(runs[0]!.json));
    const before = api.runs.notices().length;
    // What the view's "Run again" button does (reportActions.rerun): "Run Tests" on the report's profile.
    await api.reportView.receive(runs[0]!.json, { type: 'rerun' });
    const panel = await until(
      'the panel to show the new run',
      () => api.reportView.panels().find((p) => p.runId !== undefined && !runs.some((r) => r.result.run.id === p.runId)),
      60_000,
    );
    assert.equal(api.reportView.panels().length, 1, 'still one panel');
    assert.match(panel.title, /^Report · reportView · \d\d:\d\d$/);
    await api.reportView.whenRendered(panel.file, 30_000, true);
    assert.deepEqual(api.runs.notices().slice(before), [], 'the report view shows the result: no notification');
  });
});
