import * as vscode from 'vscode';
import { isProfileFileName } from '../../engine/config/loadProfile';
import type { RunningRunInfo } from '../../engine/model/runTypes';
import { COMMANDS, PROFILE_SELECTOR } from '../constants';
import { SecretResolver } from '../secrets/secretLookup';
import { setApiKeyCommand } from '../secrets/setApiKey';
import type { LoadedResults } from '../testing/loadReportResults';
import { loadResultsFromReport } from '../testing/loadReportResults';
import type { ReportedState } from '../testing/testResults';
import { TestResultsBridge } from '../testing/testResults';
import { createRunHandler } from '../testing/testRunHandler';
import { TestTree } from '../testing/testTree';
import { RunsTreeProvider } from '../tree/runsTree';
import { openLastReportCommand, openReportCommand } from './openReport';
import { profileUriOf } from './profilePick';
import type { RunCommandResult } from './runCommands';
import { cancelRunCommand, runTestsCommand, showRunningTests, startRunInBackgroundCommand } from './runCommands';
import { useBuiltInDatasets } from './runGuard';
import { RunCodeLens } from './runLens';
import { RunLog } from './runLog';
import type { FinishedRun } from './runManager';
import { RunManager } from './runManager';
import { registerRunNotices } from './runNotices';
import { AiqkTaskProvider, TASK_TYPE } from './runTasks';
import { RunStatusBar } from './statusBar';

/** The view id of the "AI Quality" tree (package.json contributes.views). */
export const RUNS_VIEW_ID = 'aiQualityKit.runs';

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
  /** The Test Explorer controller (profile → suite → case items). */
  readonly testController: vscode.TestController;
  /** The "Run" test profile (its runHandler is what the Test Explorer calls). */
  readonly testRunProfile: vscode.TestRunProfile;
  /** The last state the Test Explorer was given for an item id. */
  testState(itemId: string): ReportedState | undefined;
  /** The "AI Quality" view's data. */
  readonly tree: RunsTreeProvider;
  /** The status bar item's text while something runs. */
  statusBarText(): string | undefined;
  /** The lines written to the output channel. */
  logLines(): readonly string[];
}

/** Registers runs: commands, tasks, status bar, CodeLens, Test Explorer, tree view, output channel, secrets. */
export function registerRuns(context: vscode.ExtensionContext): RunsApi {
  const secrets = new SecretResolver(context.secrets);
  const log = new RunLog(() => secrets.values());
  const manager = new RunManager(secrets, log);
  const deps = { manager, log };
  const statusBar = new RunStatusBar(manager);
  const lens = new RunCodeLens(manager);
  const testTree = new TestTree();
  const bridge = new TestResultsBridge(testTree, manager);
  const testRunProfile = testTree.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, createRunHandler(testTree, deps), true);
  const tree = new RunsTreeProvider(manager);
  const lastReport = (profile?: vscode.Uri): string | undefined => manager.lastFinished(profile)?.files.json;
  const command = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);

  context.subscriptions.push(
    log,
    manager,
    statusBar,
    lens,
    testTree,
    bridge,
    testRunProfile,
    tree,
    registerRunNotices(manager),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new AiqkTaskProvider(deps)),
    vscode.languages.registerCodeLensProvider(PROFILE_SELECTOR, lens),
    vscode.window.registerTreeDataProvider(RUNS_VIEW_ID, tree),
    command(COMMANDS.runTests, (arg, suites): Promise<RunCommandResult> => runTestsCommand(deps, arg, suites)),
    command(COMMANDS.startRunInBackground, (arg, suites): Promise<RunCommandResult> => startRunInBackgroundCommand(deps, arg, suites)),
    command(COMMANDS.showRunningTests, () => showRunningTests(deps)),
    command(COMMANDS.cancelRun, (arg) => cancelRunCommand(deps, arg)),
    command(COMMANDS.openLastReport, (arg) => openLastReportCommand(lastReport, profileUriOf(arg))),
    command(COMMANDS.openReport, (arg) => openReportCommand(arg)),
    command(COMMANDS.setApiKey, (arg, name, value) => setApiKeyCommand(secrets, arg, name, value)),
    command(COMMANDS.loadResultsFromReport, (arg): Promise<LoadedResults | undefined> => loadResultsFromReport(testTree, bridge, arg)),
    command(COMMANDS.useBuiltInDatasets, async (arg) => {
      const active = vscode.window.activeTextEditor?.document.uri;
      const uri = profileUriOf(arg) ?? (active && isProfileFileName(active.fsPath) ? active : undefined);
      return uri ? useBuiltInDatasets(uri) : false;
    }),
    command(COMMANDS.refreshRunsView, () => tree.refresh()),
    command(COMMANDS.showRunLog, () => log.show()),
  );

  return {
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
    testController: testTree.controller,
    testRunProfile,
    testState: (id) => bridge.stateOf(id),
    tree,
    statusBarText: () => statusBar.text,
    logLines: () => log.lines(),
  };
}
