import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildCaseIndex } from '../../engine/report/caseIndex';
import { CaseReader } from '../../engine/report/caseQuery';
import type { CaseStatus, RunResult } from '../../engine/model/runTypes';
import { keptInWindow } from '../../engine/run/caseWindow';
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

// The report with the cases a run of its size would have kept in memory: every
// case of a small report; of a large one the first and those that did not pass,
// read from the report's case index without loading the rest.
async function readWindow(file: string): Promise<RunResult> {
  const index = await buildCaseIndex(file);
  if (index.problems.length > 0) throw new Error(index.problems[0]);
  const rows: number[] = [];
  for (let i = 0; i < index.rows.count; i++) if (keptInWindow(rows.length, index.rows.status[i] as CaseStatus)) rows.push(i);
  return { ...index.report, cases: await new CaseReader(index).cases(rows) };
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
  let result: RunResult;
  try {
    result = await readWindow(file);
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
    const { passed, total } = result.summary.overall;
    const shown =
      result.cases.length < total
        ? `; showing ${result.cases.length} of its cases, the first ones and those that did not pass (the report view pages through all)`
        : '';
    testRun.appendOutput(`Results of ${file} (${result.run.status}, ${passed}/${total} cases passed${shown})\r\n`);
  } finally {
    testRun.end();
  }
  void vscode.commands.executeCommand('workbench.view.testing.focus');
  return { runId: result.run.id, profileUri, cases: result.cases.length };
}
