import * as path from 'node:path';
import * as vscode from 'vscode';
import { readReport } from '../../engine/report/jsonReport';
import { isFile } from '../report/reportHistory';
import { pickReport } from '../report/openReport';
import type { TestResultsBridge } from './testResults';
import type { TestTree } from './testTree';

/** What loading a report into the Test Explorer did. */
export interface LoadedResults {
  runId: string;
  profileUri: vscode.Uri;
  cases: number;
}

/**
 * "Load Results from Report…": shows a saved JSON report's results in the Test
 * Explorer, under the profile that produced it (or an item named after it
 * when that profile is not in this workspace).
 */
export async function loadResultsFromReport(tree: TestTree, bridge: TestResultsBridge, arg?: unknown): Promise<LoadedResults | undefined> {
  const fromNode = arg && typeof arg === 'object' && 'reportFile' in arg ? String((arg as { reportFile: unknown }).reportFile) : undefined;
  const file =
    arg instanceof vscode.Uri
      ? arg.fsPath
      : typeof arg === 'string'
        ? arg
        : (fromNode ?? (await pickReport('Report whose results to show in the Test Explorer'))?.file);
  if (!file) return undefined;
  let result;
  try {
    result = await readReport(file);
  } catch (err) {
    void vscode.window.showErrorMessage(`AI Quality Kit: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  const profileUri = vscode.Uri.file(result.run.profile);
  const known = await isFile(profileUri.fsPath);
  if (known) {
    await tree.refreshProfile(profileUri);
    await tree.prepareCases(profileUri);
  } else tree.profileItem(profileUri, `${path.basename(result.run.profile)} (from report ${result.run.id})`);
  const suites = [...new Set([...result.run.suites, ...result.cases.map((c) => c.suite)])].map((s) => tree.suiteItem(profileUri, s));
  const runName = `AI Quality report ${result.run.id}`;
  const testRun = tree.controller.createTestRun(new vscode.TestRunRequest(suites), runName, false);
  try {
    bridge.applyResult(testRun, profileUri, result, runName);
    testRun.appendOutput(
      `Results of ${file} (${result.run.status}, ${result.summary.overall.passed}/${result.summary.overall.total} cases passed)\r\n`,
    );
  } finally {
    testRun.end();
  }
  void vscode.commands.executeCommand('workbench.view.testing.focus');
  return { runId: result.run.id, profileUri, cases: result.cases.length };
}
