import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DataKind } from '../../engine/model/dataKinds';
import { expectedExtensions } from '../../engine/data/validateDataFile';
import { COMMANDS } from '../core/constants';
import type { RunCommandResult } from '../runs/runCommands';
import type { RunsApi } from '../runs/registerRuns';
import { findProfileUris } from '../profiles/profilePick';
import type { SecretResolver } from '../secrets/secretLookup';
import type { PersistedWizard, WizardRunOutcome, WizardRunProgress, WizardServices } from './wizardServices';

/** The workspace-state key of the wizard's saved conversation. */
export const WIZARD_STATE_KEY = 'aiQualityKit.wizard.state';

async function pickFolder(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 1)
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder should the run profile go to?' }))?.uri.fsPath;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Write the run profile here',
    title: 'AI Quality setup: where should the run profile go?',
  });
  return picked?.[0]?.fsPath;
}

/**
 * Follows a run started through the "Run Tests" command: the command resolves
 * when the run ends; meanwhile each change of the running list gives its id and progress.
 */
async function runThroughCommand(
  runs: RunsApi | undefined,
  profile: string,
  onProgress: (p: WizardRunProgress) => void,
): Promise<WizardRunOutcome> {
  const before = new Set(runs?.list().map((r) => r.runId) ?? []);
  const watching = runs?.onDidChange(() => {
    const r = runs.list().find((x) => !before.has(x.runId) && path.resolve(x.profile) === path.resolve(profile));
    if (r) onProgress({ runId: r.runId, done: r.done, total: r.total, ...(r.currentSuite ? { suite: r.currentSuite } : {}) });
  });
  try {
    const res = await vscode.commands.executeCommand<RunCommandResult | undefined>(
      COMMANDS.runTests,
      vscode.Uri.file(profile),
      undefined,
      // The chat shows the run's progress and result: no message, no terminal.
      { showsResult: true },
    );
    if (!res?.started)
      return { started: false, reason: res && 'refusal' in res && res.refusal ? res.refusal.message : 'the run was not started' };
    const finished = runs ? await runs.whenFinished(res.runId) : undefined;
    const overall = finished?.result.summary.overall;
    return {
      started: true,
      runId: res.runId,
      status: finished?.result.run.status ?? res.status ?? 'unknown',
      passed: overall?.passed ?? 0,
      failed: overall?.failed ?? 0,
      errors: overall?.errors ?? 0,
      total: overall?.total ?? 0,
      durationMs: finished?.result.run.duration_ms ?? 0,
      ...((finished?.files.json ?? res.reportFile) ? { reportJson: finished?.files.json ?? res.reportFile } : {}),
      ...(finished?.files.xlsx ? { reportXlsx: finished.files.xlsx } : {}),
      ...(finished?.result.run.error ? { error: finished.result.run.error } : {}),
      ...(finished?.writeError ? { error: finished.writeError } : {}),
    };
  } finally {
    watching?.dispose();
  }
}

/** The wizard's services backed by VS Code: dialogs, SecretStorage, editors, the run commands, workspace state. */
export function vscodeWizardServices(
  context: vscode.ExtensionContext,
  secrets: SecretResolver,
  runs: RunsApi | undefined,
  wizardColumn: () => vscode.ViewColumn | undefined,
): WizardServices {
  return {
    defaultFolder: () => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      return folders.length === 1 ? folders[0].uri.fsPath : undefined;
    },
    chooseFolder: pickFolder,
    async pickDataFile(kind: DataKind, folder: string) {
      const exts = expectedExtensions(kind).map((e) => e.slice(1));
      const picked = await vscode.window.showOpenDialog({
        title: `AI Quality setup: pick the ${kind} file`,
        defaultUri: vscode.Uri.file(folder),
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        openLabel: `Use as ${kind}`,
        filters: { [`${kind} (${exts.join(', ')})`]: exts, 'All files': ['*'] },
      });
      return picked?.[0]?.fsPath;
    },
    storeSecret: (name, value) => secrets.store(name, value),
    secrets: secrets.lookup,
    isTrusted: () => vscode.workspace.isTrusted,
    async openFile(file) {
      // A file already open anywhere is shown where it is, never opened a second time;
      // otherwise it opens in the wizard's own group rather than splitting the window.
      const uri = vscode.Uri.file(file);
      const group = vscode.window.tabGroups.all.find((g) =>
        g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === uri.fsPath),
      );
      await vscode.window.showTextDocument(uri, {
        preview: false,
        viewColumn: group?.viewColumn ?? wizardColumn() ?? vscode.ViewColumn.Active,
      });
    },
    startRun: (profile, onProgress) => runThroughCommand(runs, profile, onProgress),
    cancelRun: async (runId) => (await vscode.commands.executeCommand<boolean>(COMMANDS.cancelRun, runId)) === true,
    async openReport(file) {
      await vscode.commands.executeCommand(COMMANDS.openReport, file);
    },
    async revealFile(file) {
      const uri = vscode.Uri.file(file);
      if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
      else await vscode.env.openExternal(vscode.Uri.file(path.dirname(file)));
    },
    async showRunLog() {
      await vscode.commands.executeCommand(COMMANDS.showRunLog);
    },
    listProfiles: async () => (await findProfileUris()).map((u) => u.fsPath),
    persist: (state: PersistedWizard | undefined) => {
      void context.workspaceState.update(WIZARD_STATE_KEY, state);
    },
  };
}
