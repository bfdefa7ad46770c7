// In the editor, a data path that leaves the workspace folder is refused unless
// the user allows it: opening a folder someone sent must not make a run read
// (and quote in its messages) files elsewhere on the machine.

import * as vscode from 'vscode';
import type { CheckProfileOptions } from '../../engine/config/checkProfile';
import { CONFIG_SECTION } from './constants';

/** The workspace folder a profile's data must stay in, and what happens to data outside it (the setting `data.allowOutsideWorkspace`). */
export function dataPlaceOptions(profileUri: vscode.Uri): Pick<CheckProfileOptions, 'workspaceRoot' | 'outsideWorkspace'> {
  const folder = vscode.workspace.getWorkspaceFolder(profileUri);
  const allowed = vscode.workspace.getConfiguration(CONFIG_SECTION, profileUri).get<boolean>('data.allowOutsideWorkspace', false);
  return { ...(folder ? { workspaceRoot: folder.uri.fsPath } : {}), outsideWorkspace: allowed ? 'allow' : 'error' };
}
