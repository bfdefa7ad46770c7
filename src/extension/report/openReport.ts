import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../core/constants';
import type { ReportEntry } from './reportHistory';
import { isFile, latestReportOf, listReports } from './reportHistory';
import { findProfileUris, reportDirOf } from '../profiles/profilePick';

/** How a report was opened. */
export type OpenedWith = 'reportView' | 'editor';

/**
 * Opens a JSON report: in the report view when that command is registered,
 * otherwise as JSON in an editor.
 */
export async function openReportFile(file: string): Promise<OpenedWith> {
  const uri = vscode.Uri.file(file);
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(COMMANDS.openReportView)) {
    await vscode.commands.executeCommand(COMMANDS.openReportView, uri);
    return 'reportView';
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return 'editor';
}

/** The report history of the workspace: every profile's report folder, newest first. */
export async function workspaceReports(limit = 100): Promise<ReportEntry[]> {
  const uris = await findProfileUris();
  const dirs = await Promise.all(uris.map((u) => reportDirOf(u)));
  return listReports(dirs, limit);
}

/** A one-line description of a report for lists. */
export function describeReport(e: ReportEntry): string {
  const counts = e.total !== undefined && e.passed !== undefined ? ` · ${e.passed}/${e.total} passed` : '';
  const when = e.startedAt ? ` · ${new Date(e.startedAt).toLocaleString()}` : '';
  return `${e.status ?? 'unknown status'}${counts}${when}`;
}

/** Quick pick of the report history; undefined when there is none or the user dismissed it. */
export async function pickReport(placeHolder: string): Promise<ReportEntry | undefined> {
  const entries = await workspaceReports();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('No AI Quality report yet: run the tests first.', 'Run Tests').then((pick) => {
      if (pick) void vscode.commands.executeCommand(COMMANDS.runTests);
    });
    return undefined;
  }
  const items = entries.map((e) => ({
    label: e.runId,
    description: describeReport(e),
    detail: e.profile ? vscode.workspace.asRelativePath(e.profile) : path.dirname(e.file),
    entry: e,
  }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return pick?.entry;
}

/** "Open Report…": a given report file, or one picked from the history. Returns the file opened. */
export async function openReportCommand(arg?: unknown): Promise<string | undefined> {
  const given = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : reportFileOf(arg);
  const file = given ?? (await pickReport('Report to open'))?.file;
  if (!file) return undefined;
  if (!(await isFile(file))) {
    void vscode.window.showErrorMessage(`The report ${file} does not exist any more.`);
    return undefined;
  }
  await openReportFile(file);
  return file;
}

/** "Open Last Report": the newest report (of a profile, when given). Returns the file opened. */
export async function openLastReportCommand(
  lastFinished: (profile?: vscode.Uri) => string | undefined,
  profileUri?: vscode.Uri,
): Promise<string | undefined> {
  let file = lastFinished(profileUri);
  if (!file) {
    const entries = await workspaceReports(profileUri ? 100 : 1);
    const wanted = profileUri ? latestReportOf(entries, profileUri.fsPath) : entries[0];
    file = wanted?.file;
  }
  if (!file) {
    void vscode.window.showInformationMessage('No AI Quality report yet: run the tests first.', 'Run Tests').then((pick) => {
      if (pick) void vscode.commands.executeCommand(COMMANDS.runTests, profileUri);
    });
    return undefined;
  }
  await openReportFile(file);
  return file;
}

function reportFileOf(arg: unknown): string | undefined {
  if (arg && typeof arg === 'object' && 'reportFile' in arg) {
    const f = (arg as { reportFile: unknown }).reportFile;
    return typeof f === 'string' ? f : undefined;
  }
  return undefined;
}
