import * as vscode from 'vscode';
import { parseDocument } from 'yaml';
import type { SuiteName } from '../../engine/model/suiteNames';
import { COMMANDS } from '../core/constants';
import { setUseDefaultsEdit } from '../profiles/profileEdits';
import type { PrepareOutcome, RunRefusal } from '../../engine/prepare/preparedRun';
import { prepareRun } from '../../engine/prepare/prepareRun';
import type { RunLog } from './runLog';
import { dataPlaceOptions } from '../core/dataPlace';

/** The refusal of every run in an untrusted workspace. */
export const UNTRUSTED_REFUSAL: RunRefusal = {
  kind: 'untrusted',
  message:
    'AI Quality Kit does not run tests in an untrusted workspace: a run may start a command or reach an address taken from the workspace. Trust the workspace to run; run profiles and datasets are still checked.',
  reasons: ['the workspace is not trusted (Restricted Mode)'],
  problems: [],
  missingData: [],
  matrix: [],
};

/**
 * Decides whether a profile may run now: workspace trust first, then the
 * profile's checks and the run gate. A dirty profile editor is saved first so
 * the run uses what the user sees. When refused and `notify` is set, says why
 * with the fix at hand (trust, use built-in datasets, the Problems panel).
 */
export async function checkCanRun(
  profileUri: vscode.Uri,
  suites: readonly SuiteName[] | undefined,
  log: RunLog,
  notify = true,
): Promise<PrepareOutcome> {
  let outcome: PrepareOutcome;
  if (!vscode.workspace.isTrusted) {
    outcome = { ok: false, refusal: UNTRUSTED_REFUSAL };
  } else {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === profileUri.toString());
    if (open?.isDirty) await open.save();
    outcome = await prepareRun(profileUri.fsPath, { ...(suites ? { suites } : {}), ...dataPlaceOptions(profileUri) });
  }
  if (!outcome.ok) {
    log.write(
      'error',
      `${vscode.workspace.asRelativePath(profileUri)}: run refused: ${outcome.refusal.message}${outcome.refusal.reasons.length ? `\n  - ${outcome.refusal.reasons.join('\n  - ')}` : ''}`,
    );
    if (notify) showRefusal(outcome.refusal, profileUri);
  }
  return outcome;
}

/** Shows why a run was refused, with the actions that fix it. Does not wait for the user. */
export function showRefusal(refusal: RunRefusal, profileUri?: vscode.Uri): void {
  if (refusal.kind === 'untrusted') {
    void vscode.window.showWarningMessage(refusal.message, 'Manage Workspace Trust').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return;
  }
  if (!profileUri) return void vscode.window.showErrorMessage(refusal.message);
  const useDefaults = 'Use Built-in Datasets';
  const actions =
    refusal.kind === 'blocked'
      ? [...(refusal.missingData.length > 0 ? [useDefaults] : []), 'Show Requirements', 'Open Profile']
      : ['Show Problems', 'Open Profile'];
  const detail = refusal.reasons.slice(0, 3).join(' · ') + (refusal.reasons.length > 3 ? ` · and ${refusal.reasons.length - 3} more` : '');
  void vscode.window.showErrorMessage(`${refusal.message} ${detail}`, ...actions).then(async (pick) => {
    if (pick === useDefaults) await vscode.commands.executeCommand(COMMANDS.useBuiltInDatasets, profileUri);
    else if (pick === 'Show Requirements') await vscode.commands.executeCommand(COMMANDS.showRequirements, profileUri);
    else if (pick === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (pick === 'Open Profile') await vscode.window.showTextDocument(profileUri);
  });
}

/** The quick fix of a blocked run: sets `use_defaults: true` in the profile and saves it. */
export async function useBuiltInDatasets(profileUri: vscode.Uri): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(profileUri);
  const text = doc.getText();
  const change = setUseDefaultsEdit(text, parseDocument(text));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(profileUri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  return doc.save();
}
