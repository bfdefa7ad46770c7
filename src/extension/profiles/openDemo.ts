import * as vscode from 'vscode';
import { profileAdded } from '../core/profileEvents';
import { exists } from './createProfile';

/** The folder a demo copy goes to inside a workspace folder. */
export const DEMO_FOLDER = 'aiqk-demo';

/**
 * "AI Quality: Open the Demo": copies the demo the package ships (a run profile of
 * every suite against the offline built-in target, and its small datasets) into
 * `aiqk-demo/` of the workspace and opens its profile; an existing copy is opened,
 * never overwritten. Without a folder open, the copy goes to a folder picked and
 * that folder is opened. Resolves with the profile, or undefined when cancelled.
 */
export async function openDemo(extensionUri: vscode.Uri, folderArg?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const source = vscode.Uri.joinPath(extensionUri, 'examples', 'demo');
  const workspace = folderArg ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  let target: vscode.Uri;
  if (workspace) target = vscode.Uri.joinPath(workspace, DEMO_FOLDER);
  else {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Put the demo here' });
    if (!picked?.[0]) return undefined;
    target = vscode.Uri.joinPath(picked[0], DEMO_FOLDER);
  }
  const profile = vscode.Uri.joinPath(target, 'aiqk.yaml');
  if (!(await exists(profile))) {
    await vscode.workspace.fs.copy(source, target, { overwrite: false });
    profileAdded(profile);
  }
  if (!workspace) {
    await vscode.commands.executeCommand('vscode.openFolder', target);
    return profile;
  }
  await vscode.window.showTextDocument(profile, { preview: false });
  return profile;
}
