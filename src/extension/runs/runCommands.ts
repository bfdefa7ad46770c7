import * as vscode from 'vscode';
import { newRunId } from '../../engine/model/runId';
import type { RunStatus } from '../../engine/model/runTypes';
import type { SuiteName } from '../../engine/model/suiteNames';
import type { RunRefusal } from '../../engine/prepare/preparedRun';
import { pickSuites, resolveProfileArg, suitesArg } from '../profiles/profilePick';
import { checkCanRun, showRefusal, UNTRUSTED_REFUSAL } from './runGuard';
import { notificationLevel } from './runNotices';
import type { ActiveRun, RunDeps } from './runManager';
import { executeRunTask } from './runTasks';

/** What the run commands return (for callers such as tests and other extensions). */
export type RunCommandResult =
  { started: false; refusal?: RunRefusal } | { started: true; runId: string; status?: RunStatus; reportFile?: string };

const START_TIMEOUT_MS = 30_000;

/**
 * Options of "Run Tests" for callers that follow the run themselves (the setup
 * wizard's chat): `showsResult` means no end message and no terminal brought up.
 */
export interface RunTestsOptions {
  showsResult?: boolean;
}

function showsResultOf(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as RunTestsOptions).showsResult === true;
}

/** How the run's task terminal comes forward: never when quiet and the run goes on out of sight. */
function revealOf(mode: 'wait' | 'background', showsResult: boolean): vscode.TaskRevealKind {
  const quiet = notificationLevel() === 'quiet';
  if (mode === 'wait' && !showsResult) return vscode.TaskRevealKind.Always;
  // Silent still brings the terminal up when the task exits non-zero (a cancel, a failed run).
  return quiet ? vscode.TaskRevealKind.Never : mode === 'wait' ? vscode.TaskRevealKind.Always : vscode.TaskRevealKind.Silent;
}

async function startAsTask(
  deps: RunDeps,
  arg: unknown,
  suitesGiven: unknown,
  mode: 'wait' | 'background',
  options?: unknown,
): Promise<RunCommandResult> {
  // Restricted Mode refuses before asking anything (profile, suites).
  if (!vscode.workspace.isTrusted) {
    deps.log.write('error', `run refused: ${UNTRUSTED_REFUSAL.message}`);
    showRefusal(UNTRUSTED_REFUSAL);
    return { started: false, refusal: UNTRUSTED_REFUSAL };
  }
  const showsResult = showsResultOf(options);
  let suites: SuiteName[] | undefined;
  try {
    suites = suitesArg(suitesGiven);
  } catch (err) {
    void vscode.window.showErrorMessage(`AI Quality Kit: ${(err as Error).message}`);
    return { started: false };
  }
  const profileUri = await resolveProfileArg(arg, mode === 'wait' ? 'Run profile to run' : 'Run profile to run in the background');
  if (!profileUri) return { started: false };
  // From the palette (no argument) the user chooses the suites; lenses and views pass them.
  if (!suites && arg === undefined && mode === 'wait') {
    // A profile that cannot run is refused before the pick (which lists only valid suite names).
    const whole = await checkCanRun(profileUri, undefined, deps.log);
    if (!whole.ok) return { started: false, refusal: whole.refusal };
    suites = await pickSuites(profileUri);
    if (!suites) return { started: false };
  }
  const outcome = await checkCanRun(profileUri, suites, deps.log);
  if (!outcome.ok) return { started: false, refusal: outcome.refusal };
  const runId = newRunId();
  if (showsResult) deps.notices.shownElsewhere(runId);
  const started = deps.manager.whenStarted(runId, START_TIMEOUT_MS);
  try {
    await executeRunTask(deps, profileUri, runId, {
      ...(suites ? { suites } : {}),
      prepared: outcome.run,
      reveal: revealOf(mode, showsResult),
    });
    await started;
  } catch (err) {
    started.catch(() => undefined);
    const message = `the run task could not start: ${err instanceof Error ? err.message : String(err)}`;
    deps.log.write('error', `${runId}: ${message}`);
    void vscode.window.showErrorMessage(`AI Quality Kit: ${message}`);
    return { started: false };
  }
  if (mode === 'background') {
    if (notificationLevel() === 'quiet') return { started: true, runId };
    void deps.notices
      .show('info', `AI Quality run ${runId} started in the background.`, 'Show Running Tests', 'Cancel Run')
      .then((pick) => {
        if (pick === 'Cancel Run') deps.manager.cancel(runId, 'cancelled by the user');
        else if (pick) void showRunningTests(deps);
      });
    return { started: true, runId };
  }
  const finished = await deps.manager.whenFinished(runId);
  return { started: true, runId, status: finished.result.run.status, ...(finished.files.json ? { reportFile: finished.files.json } : {}) };
}

/** "Run Tests": picks a profile and suites (unless given), runs them as a task, resolves when the run ends. */
export function runTestsCommand(deps: RunDeps, arg?: unknown, suites?: unknown, options?: unknown): Promise<RunCommandResult> {
  return startAsTask(deps, arg, suites, 'wait', options);
}

/** "Start Run in Background": starts a run and returns its id at once. */
export function startRunInBackgroundCommand(deps: RunDeps, arg?: unknown, suites?: unknown): Promise<RunCommandResult> {
  return startAsTask(deps, arg, suites, 'background');
}

function runItem(r: ActiveRun): vscode.QuickPickItem & { run: ActiveRun } {
  const p = r.progress;
  const progress = p.total > 0 ? `${p.done}/${p.total} cases` : 'starting';
  return {
    label: r.runId,
    description: `${vscode.workspace.asRelativePath(r.profileUri)} · ${progress}${p.suite ? ` · ${p.suite}` : ''}${r.cancelling ? ' · cancelling' : ''}`,
    detail: `${r.suites.join(', ')} · started ${new Date(r.startedAt).toLocaleTimeString()} from the ${r.origin === 'testExplorer' ? 'Test Explorer' : r.origin}`,
    run: r,
  };
}

/** "Show Running Tests": lists the running runs; picking one offers to cancel it or show its log. */
export async function showRunningTests(deps: RunDeps): Promise<string | undefined> {
  const runs = deps.manager.active();
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('No AI Quality run is running.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(runs.map(runItem), { placeHolder: 'Running AI Quality runs' });
  if (!pick) return undefined;
  const action = await vscode.window.showQuickPick(['Cancel Run', 'Show Run Log', 'Show Test Results'], { placeHolder: pick.run.runId });
  if (action === 'Cancel Run') pick.run.cancel('cancelled by the user');
  else if (action === 'Show Run Log') deps.log.show();
  else if (action === 'Show Test Results') void vscode.commands.executeCommand('workbench.view.testing.focus');
  return pick.run.runId;
}

/** "Cancel Run": the run given (id or view node), else one picked from the running runs. True when a run was cancelled. */
export async function cancelRunCommand(deps: RunDeps, arg?: unknown): Promise<boolean> {
  const given =
    typeof arg === 'string'
      ? arg
      : arg && typeof arg === 'object' && 'runId' in arg
        ? String((arg as { runId: unknown }).runId)
        : undefined;
  if (given) {
    const ok = deps.manager.cancel(given, 'cancelled by the user');
    if (!ok) void vscode.window.showInformationMessage(`The run ${given} is not running.`);
    return ok;
  }
  const runs = deps.manager.active().filter((r) => !r.cancelling);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('No AI Quality run is running.');
    return false;
  }
  const pick = await vscode.window.showQuickPick(runs.map(runItem), { placeHolder: 'Run to cancel (the partial report is kept)' });
  if (!pick) return false;
  pick.run.cancel('cancelled by the user');
  return true;
}
