// Runs in VS Code's extension host with test/fixtures/workspaces/activation open.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { INTERNAL_COMMANDS } from '../../src/extension/core/constants';
import type { AiQualityKitApi } from '../../src/extension/extension';

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

  it('registers every command package.json contributes, through the command manager, and no other', async () => {
    const ext = vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    const manifest = ext.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = api.commandIds();
    assert.deepEqual(registered.filter((id) => !INTERNAL_COMMANDS.includes(id)).sort(), contributed);
    assert.deepEqual(registered.filter((id) => INTERNAL_COMMANDS.includes(id)).sort(), [...INTERNAL_COMMANDS].sort());
    // And VS Code knows them: the manager registered them for real.
    const known = new Set(await vscode.commands.getCommands(true));
    for (const id of [...contributed, ...INTERNAL_COMMANDS]) assert.ok(known.has(id), `${id} is registered with VS Code`);
  });
});
