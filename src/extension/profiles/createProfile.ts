import * as vscode from 'vscode';
import { datasetTemplate } from '../../engine/data/readers/templates';
import { DEFAULT_DATASET_FILES } from './profileEdits';

/** The starter run profile "Create Run Profile" writes. */
export const STARTER_PROFILE = `# AI Quality Kit run profile: see the README for every key.
version: 1
target:
  mode: builtin            # the offline demo target; switch to api or mcp for your own system
  # mode: api
  # base_url: http://127.0.0.1:8000
  # protocol: openai       # aiqk | openai | http
  # model: gpt-4o-mini
  # auth:
  #   bearer_env: AIQK_TOKEN   # the NAME of an environment variable or stored secret
suites: [rag_quality, red_team, safety]
data:
  passages: ${DEFAULT_DATASET_FILES.passages}
  qaset: ${DEFAULT_DATASET_FILES.qaset}
use_defaults: true         # missing data falls back to the built-in datasets
profile: smoke             # smoke | full | red_team_heavy
thresholds:
  faithfulness_min: 0.8
  context_recall_min: 0.8
report:
  dir: .aiqk/reports
  formats: [json, xlsx]
`;

/** Whether a file or folder exists. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the run profile go?' }))?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Create run profile here',
  });
  return picked?.[0];
}

/**
 * "AI Quality: Create Run Profile": writes a starter aiqk.yaml with its datasets
 * (never overwriting: an existing profile is opened, or another name is asked for).
 */
export async function createProfile(folderArg?: vscode.Uri, name?: string): Promise<vscode.Uri | undefined> {
  const folder = folderArg ?? (await pickFolder());
  if (!folder) return undefined;
  let fileName = name ?? 'aiqk.yaml';
  let target = vscode.Uri.joinPath(folder, fileName);
  if (await exists(target)) {
    const choice = await vscode.window.showWarningMessage(
      `${fileName} already exists in this folder.`,
      { modal: true },
      'Open It',
      'Create Another',
    );
    if (choice === 'Open It') {
      await vscode.window.showTextDocument(target);
      return target;
    }
    if (choice !== 'Create Another') return undefined;
    const other = await vscode.window.showInputBox({
      prompt: 'Name of the new run profile',
      value: 'starter.aiqk.yaml',
      validateInput: (v) => (/\.aiqk\.ya?ml$/.test(v) ? undefined : 'The name must end in .aiqk.yaml'),
    });
    if (!other) return undefined;
    fileName = other;
    target = vscode.Uri.joinPath(folder, fileName);
    if (await exists(target)) {
      void vscode.window.showErrorMessage(`${fileName} already exists.`);
      return undefined;
    }
  }
  const edit = new vscode.WorkspaceEdit();
  const encode = (s: string) => new TextEncoder().encode(s);
  edit.createFile(target, { contents: encode(STARTER_PROFILE) });
  for (const kind of ['passages', 'qaset'] as const) {
    edit.createFile(vscode.Uri.joinPath(folder, DEFAULT_DATASET_FILES[kind]), {
      ignoreIfExists: true,
      contents: encode(datasetTemplate(kind)),
    });
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Could not create the run profile.');
    return undefined;
  }
  await vscode.window.showTextDocument(target);
  return target;
}
