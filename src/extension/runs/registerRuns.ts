import * as vscode from 'vscode';
import { isProfileFileName } from '../../engine/config/loadProfile';
import type { RunningRunInfo } from '../../engine/model/runTypes';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS, PROFILE_SELECTOR } from '../core/constants';
import { profileUriOf } from '../profiles/profilePick';
import type { SecretResolver } from '../secrets/secretLookup';
import type { RunCommandResult } from './runCommands';
import { cancelRunCommand, runTestsCommand, showRunningTests, startRunInBackgroundCommand } from './runCommands';
import { useBuiltInDatasets } from './runGuard';
import { RunCodeLens } from './runLens';
import { RunLog } from './runLog';
import type { FinishedRun, RunDeps } from './runManager';
import { RunManager } from './runManager';
import type { ResultShown } from './runNotices';
import { RunNotices } from './runNotices';
import { AiqkTaskProvider, TASK_TYPE } from './runTasks';
import { RunStatusBar } from './statusBar';

/** What the run features expose to integration tests (and other extensions) through the extension's API. */
export interface RunsApi {
  /** The runs in progress, as the running list shows them. */
  list(): RunningRunInfo[];
  /** The running list changed: a run started, progressed (throttled) or ended. */
  readonly onDidChange: vscode.Event<void>;
  /** Resolves when a run has finished and its reports are written. */
  whenFinished(runId: string, timeoutMs?: number): Promise<FinishedRun>;
  /** Resolves when a run (started by a task, whose id is chosen) has started. */
  whenStarted(runId: string, timeoutMs: number): Promise<unknown>;
  /** The status bar item's text: progress while something runs, then the last run's verdict. */
  statusBarText(): string | undefined;
  /** What a screen reader says of the status bar item. */
  statusBarLabel(): string | undefined;
  /** The theme colour id of the status bar item's background (undefined: none). */
  statusBarBackground(): string | undefined;
  /** The lines written to the output channel. */
  logLines(): readonly string[];
  /** The run notifications shown, in order. */
  notices(): readonly string[];
}

/** What the runs room needs from the extension. */
export interface RunsDeps {
  commands: CommandManager;
  /** The secret lookup runs use (shared with the wizard). */
  secrets: SecretResolver;
  /** Whether an open view (the report view of the profile) already shows a run's result: then no message. */
  resultShown?: ResultShown;
}

/** The runs room once registered: its API, and the manager and log the rooms above it are given. */
export interface RegisteredRuns {
  api: RunsApi;
  deps: RunDeps;
}

/** Registers runs: commands, tasks, status bar, CodeLens, notifications, output channel. */
export function registerRuns(context: vscode.ExtensionContext, { commands, secrets, resultShown }: RunsDeps): RegisteredRuns {
  const log = new RunLog(() => secrets.values());
  const manager = new RunManager(secrets, log);
  const notices = new RunNotices(manager, resultShown);
  const deps: RunDeps = { manager, log, notices };
  const statusBar = new RunStatusBar(manager);
  const lens = new RunCodeLens(manager);

  context.subscriptions.push(
    log,
    manager,
    statusBar,
    lens,
    notices,
    vscode.tasks.registerTaskProvider(TASK_TYPE, new AiqkTaskProvider(deps)),
    vscode.languages.registerCodeLensProvider(PROFILE_SELECTOR, lens),
  );
  commands.registerAll([
    {
      id: COMMANDS.runTests,
      execute: (arg, suites, options): Promise<RunCommandResult> => runTestsCommand(deps, arg, suites, options),
    },
    {
      id: COMMANDS.startRunInBackground,
      execute: (arg, suites): Promise<RunCommandResult> => startRunInBackgroundCommand(deps, arg, suites),
    },
    { id: COMMANDS.showRunningTests, execute: () => showRunningTests(deps) },
    { id: COMMANDS.cancelRun, execute: (arg) => cancelRunCommand(deps, arg) },
    {
      id: COMMANDS.useBuiltInDatasets,
      execute: async (arg) => {
        const active = vscode.window.activeTextEditor?.document.uri;
        const uri = profileUriOf(arg) ?? (active && isProfileFileName(active.fsPath) ? active : undefined);
        return uri ? useBuiltInDatasets(uri) : false;
      },
    },
    { id: COMMANDS.showRunLog, execute: () => log.show() },
  ]);

  const api: RunsApi = {
    onDidChange: manager.onDidChange,
    list: () =>
      manager.active().map((r) => ({
        runId: r.runId,
        profile: r.profileUri.fsPath,
        suites: r.suites,
        startedAt: new Date(r.startedAt).toISOString(),
        done: r.progress.done,
        total: r.progress.total,
        ...(r.progress.suite ? { currentSuite: r.progress.suite } : {}),
        cancelling: r.cancelling,
      })),
    whenFinished: (runId, timeoutMs) => manager.whenFinished(runId, timeoutMs),
    whenStarted: (runId, timeoutMs) => manager.whenStarted(runId, timeoutMs),
    statusBarText: () => statusBar.text,
    statusBarLabel: () => statusBar.accessibilityLabel,
    statusBarBackground: () => statusBar.background,
    logLines: () => log.lines(),
    notices: () => notices.shown,
  };
  return { api, deps };
}
