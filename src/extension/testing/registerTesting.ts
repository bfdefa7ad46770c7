import * as vscode from 'vscode';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import type { RunDeps } from '../runs/runManager';
import type { LoadedResults } from './loadReportResults';
import { loadResultsFromReport } from './loadReportResults';
import type { ReportedState } from './testResults';
import { TestResultsBridge } from './testResults';
import { createRunHandler } from './testRunHandler';
import { TestTree } from './testTree';

/** What the Test Explorer exposes to integration tests through the extension's API. */
export interface TestingApi {
  /** The Test Explorer controller (profile → suite → case items). */
  readonly testController: vscode.TestController;
  /** The "Run" test profile (its runHandler is what the Test Explorer calls). */
  readonly testRunProfile: vscode.TestRunProfile;
  /** The last state the Test Explorer was given for an item id. */
  testState(itemId: string): ReportedState | undefined;
}

/** What the testing room needs from the extension. */
export interface TestingDeps {
  commands: CommandManager;
  /** The run manager (whose runs the Test Explorer follows and starts) and the run log. */
  runs: RunDeps;
}

/**
 * Registers the Test Explorer: profiles, suites and cases as test items, the
 * "Run" profile, results of every run wherever it started, and "Load Results from Report…".
 */
export function registerTesting(context: vscode.ExtensionContext, { commands, runs }: TestingDeps): TestingApi {
  const testTree = new TestTree();
  const bridge = new TestResultsBridge(testTree, runs.manager);
  const testRunProfile = testTree.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, createRunHandler(testTree, runs), true);
  context.subscriptions.push(testTree, bridge, testRunProfile);
  commands.register({
    id: COMMANDS.loadResultsFromReport,
    execute: (arg): Promise<LoadedResults | undefined> => loadResultsFromReport(testTree, bridge, arg),
  });
  return { testController: testTree.controller, testRunProfile, testState: (id) => bridge.stateOf(id) };
}
