// Runs in VS Code's extension host with test/fixtures/workspaces/untrusted open in
// Restricted Mode (untrusted.suite.json): runs are refused, checks still work.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiQualityKitApi } from '../../src/extension/extension';
import type { RunCommandResult } from '../../src/extension/runs/runCommands';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
let api: AiQualityKitApi;
const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), rel);
const reportsDir = () => path.join(root().fsPath, '.aiqk', 'reports');

describe('untrusted workspace', function () {
  this.timeout(30_000);

  before(async () => {
    api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
  });

  it('is in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('refuses runs from the commands with a clear reason', async () => {
    for (const command of ['aiQualityKit.runTests', 'aiQualityKit.startRunInBackground', 'aiQualityKit.runOnServer']) {
      const res = await vscode.commands.executeCommand<RunCommandResult>(command, file('aiqk.yaml'));
      assert.equal(res.started, false, command);
      assert.ok(!res.started && res.refusal?.kind === 'untrusted', `${command} says why`);
      assert.match(res.refusal.message, /untrusted workspace/);
    }
    assert.equal(api.runs.list().length, 0);
    assert.ok(
      api.runs.logLines().some((l) => l.includes('run refused') && l.includes('untrusted')),
      'the refusal is in the run log',
    );
  });

  it('refuses before asking anything: no profile or suite pick comes up', async () => {
    // Two profiles here: a pick would wait for an answer; the refusal comes at once.
    const res = await Promise.race([
      vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.runTests'),
      new Promise<'asked'>((r) => setTimeout(() => r('asked'), 5_000)),
    ]);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.notEqual(res, 'asked', 'a pick came up before the refusal');
    assert.ok(res !== 'asked' && !res.started && res.refusal?.kind === 'untrusted');
  });

  it('refuses runs from the Test Explorer', async () => {
    await api.testing.testController.refreshHandler?.(new vscode.CancellationTokenSource().token);
    const item = api.testing.testController.items.get(file('aiqk.yaml').toString());
    assert.ok(item, 'profiles are still listed');
    await api.testing.testRunProfile.runHandler(new vscode.TestRunRequest([item]), new vscode.CancellationTokenSource().token);
    assert.equal(api.runs.list().length, 0);
    assert.ok(!fs.existsSync(reportsDir()), 'no report was written');
  });

  it('shows a "Trust workspace to run" lens instead of Run', async () => {
    await vscode.window.showTextDocument(file('aiqk.yaml'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file('aiqk.yaml'));
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('$(workspace-untrusted) Trust workspace to run'), titles.join(', '));
    assert.ok(!lenses.some((l) => l.command?.command === 'aiQualityKit.runTests'), 'no Run lens');
  });

  it('still checks run profiles', async () => {
    let messages: string[] = [];
    for (let i = 0; i < 100 && messages.length === 0; i++) {
      await api.whenIdle();
      messages = vscode.languages
        .getDiagnostics(file('broken.aiqk.yaml'))
        .filter((d) => d.source === 'AI Quality Kit')
        .map((d) => d.message);
      if (messages.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(
      messages.some((m) => m.includes("'bias-smoke' is not a suite")),
      messages.join(' | '),
    );
  });
});
