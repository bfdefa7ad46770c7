// Runs in VS Code's extension host with an empty folder (test/fixtures/workspaces/welcome) open.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { AiQualityKitApi } from '../../src/extension/extension';

const EXTENSION_ID = 'aiqk.ai-quality-kit';

interface Manifest {
  contributes: { viewsWelcome: { view: string; contents: string }[] };
}

describe('welcome in a folder without a run profile', () => {
  let api: AiQualityKitApi;
  let ext: vscode.Extension<AiQualityKitApi>;

  before(async () => {
    ext = vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!;
    // Nothing here activates it on its own: opening the view or a welcome button does.
    api = await ext.activate();
  });

  it('leaves the AI Quality view empty, so its welcome shows, with four ways in that are real commands', async () => {
    assert.deepEqual(await api.profilesAndRuns.getChildren(), []);
    const welcome = (ext.packageJSON as Manifest).contributes.viewsWelcome.find((w) => w.view === 'aiQualityKit.runs');
    assert.ok(welcome);
    const links = [...welcome.contents.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(links, ['aiQualityKit.openWizard', 'aiQualityKit.openDemo', 'aiQualityKit.createProfile', 'aiQualityKit.openReadme']);
    for (const id of links) assert.ok(api.commandIds().includes(id), `${id} is registered`);
  });

  it('opens the README rendered in a Markdown preview', async () => {
    await vscode.commands.executeCommand('aiQualityKit.openReadme');
    const isPreview = (t: vscode.Tab): boolean => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType);
    // The preview opens its tab a moment after the command resolves.
    let tabs: vscode.Tab[] = [];
    for (let i = 0; i < 100 && !tabs.some(isPreview); i++) {
      await new Promise((r) => setTimeout(r, 100));
      tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    }
    const preview = tabs.find(isPreview);
    assert.ok(preview, `a Markdown preview tab, got ${tabs.map((t) => t.label).join(', ')}`);
    assert.match(preview.label, /README|readme/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('copies the demo into aiqk-demo/, opens its profile, and the view lists it; a second call keeps the copy', async () => {
    const profile = await vscode.commands.executeCommand<vscode.Uri>('aiQualityKit.openDemo');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    assert.equal(profile.toString(), vscode.Uri.joinPath(folder, 'aiqk-demo', 'aiqk.yaml').toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), profile.toString());
    const qaset = vscode.Uri.joinPath(folder, 'aiqk-demo', 'data', 'qaset.jsonl');
    assert.ok((await vscode.workspace.fs.stat(qaset)).size > 0, 'the demo datasets are copied');

    await vscode.workspace.fs.writeFile(qaset, Buffer.from('{"qid":"mine","question":"q","expected_answer":"a"}\n'));
    await vscode.commands.executeCommand('aiQualityKit.openDemo');
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(qaset)).toString(), /"mine"/, 'an existing copy is not overwritten');

    api.profilesAndRuns.refresh();
    const root = await api.profilesAndRuns.getChildren();
    assert.equal(root.length, 3);
    const profiles = await api.profilesAndRuns.getChildren(root[0]);
    assert.deepEqual(
      profiles.map((p) => (p.kind === 'profile' ? vscode.workspace.asRelativePath(p.profileUri) : p.kind)),
      ['aiqk-demo/aiqk.yaml'],
    );
  });
});
