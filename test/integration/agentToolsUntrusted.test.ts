// Runs in VS Code's extension host with test/fixtures/workspaces/untrusted open in
// Restricted Mode: the language-model tools still check and list, and refuse runs
// with the reason the editor's own run commands give.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiQualityKitApi } from '../../src/extension/extension';
import { callTool } from './support/languageModelTools';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
let api: AiQualityKitApi;
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

describe('language-model tools in an untrusted workspace', function () {
  this.timeout(60_000);

  before(async () => {
    api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
  });

  it('is in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('refuses a run with the reason, asks no confirmation and writes nothing', async () => {
    const prepared = await api.agentTools.prepareInvocation('aiqk_run_profile', { profile: 'aiqk.yaml' });
    assert.equal(prepared?.confirmationMessages, undefined);
    assert.match(
      String(prepared?.invocationMessage),
      /^Run aiqk\.yaml \(it will be refused: The run was not started: AI Quality Kit does not run tests in an untrusted workspace/,
    );
    const text = await callTool('aiqk_run_profile', { profile: 'aiqk.yaml' });
    assert.match(
      text,
      /^The run was not started: AI Quality Kit does not run tests in an untrusted workspace: .*Trust the workspace to run/,
    );
    assert.ok(!fs.existsSync(path.join(root(), '.aiqk', 'reports')), 'no report folder');
    assert.deepEqual(api.runs.list(), []);
  });

  it('still validates and lists the profiles', async () => {
    const checked = await callTool('aiqk_validate_profile', { profile: 'broken.aiqk.yaml' });
    assert.match(checked, /^broken\.aiqk\.yaml and its datasets: 1 error\(s\)/);
    assert.match(checked, /broken\.aiqk\.yaml:4:10: error: suites\[0\]: 'bias-smoke' is not a suite/);
    const listed = await callTool('aiqk_list_profiles', {});
    assert.match(listed, /^2 run profiles in \./);
  });
});
