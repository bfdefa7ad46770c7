// Runs in VS Code's extension host with test/fixtures/workspaces/activation open.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'aiqk.ai-quality-kit';

describe('activation', () => {
  it('opens the fixture workspace with its run profile', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const profiles = await vscode.workspace.findFiles('**/aiqk.yaml');
    assert.equal(profiles.length, 1);
  });

  it('finds the extension and activates it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
