// What the report view's buttons and links do on the host side. Every action
// checks the file it needs still exists and tells the user plainly when not.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../core/constants';
import { isFile } from './reportHistory';

/** The XLSX report written next to a JSON report. */
export function xlsxOf(jsonFile: string): string {
  return jsonFile.replace(/\.json$/i, '.xlsx');
}

/**
 * The run profile of a report: the recorded path, or (when the workspace was
 * moved or copied) the file of that name two folders up from the report, where
 * the default report folder `.aiqk/reports` puts it.
 */
export async function profileOf(jsonFile: string, recorded: string): Promise<string | undefined> {
  if (await isFile(recorded)) return recorded;
  const guess = path.resolve(path.dirname(jsonFile), '..', '..', path.basename(recorded));
  return (await isFile(guess)) ? guess : undefined;
}

/** Largest JSON report opened here as a text document; VS Code does not hand larger files to extensions. */
const TEXT_DOCUMENT_LIMIT = 40 * 1024 * 1024;

/**
 * Opens the JSON report in an editor; with a case id, selects that case's line
 * (one line per case). A report too large for an extension to read is opened by
 * the editor itself at `line`, the case's line from the report's index.
 */
export async function openJson(jsonFile: string, caseId?: string, line?: number): Promise<void> {
  const size = await stat(jsonFile).then(
    (s) => s.size,
    () => 0,
  );
  if (size > TEXT_DOCUMENT_LIMIT) {
    if (caseId !== undefined && line === undefined)
      void vscode.window.showWarningMessage(`Case ${caseId} is not in ${path.basename(jsonFile)}.`);
    const at = line !== undefined ? new vscode.Range(line - 1, 4, line - 1, 4) : undefined;
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(jsonFile), {
      preview: false,
      viewColumn: vscode.ViewColumn.Beside,
      ...(at ? { selection: at } : {}),
    });
    return;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(jsonFile));
  let selection: vscode.Range | undefined;
  if (caseId !== undefined) {
    const needle = `"case_id":${JSON.stringify(caseId)}`;
    const offset = doc.getText().indexOf(needle);
    if (offset >= 0) {
      const line = doc.lineAt(doc.positionAt(offset).line);
      selection = new vscode.Range(line.range.start.translate(0, line.firstNonWhitespaceCharacterIndex), line.range.end);
    } else {
      void vscode.window.showWarningMessage(`Case ${caseId} is not in ${path.basename(jsonFile)}.`);
    }
  }
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside, ...(selection ? { selection } : {}) });
}

/**
 * Opens the XLSX report in the system's spreadsheet app; when that is refused or
 * fails (no app, a remote window), reveals it in the system's file manager, and
 * when that fails too, in VS Code's Explorer.
 */
export async function openXlsx(jsonFile: string): Promise<'opened' | 'revealed' | 'explorer' | 'missing'> {
  const file = xlsxOf(jsonFile);
  if (!(await isFile(file))) {
    void vscode.window.showWarningMessage(
      `There is no XLSX report next to ${path.basename(jsonFile)}: add xlsx to report.formats in the run profile to get one.`,
    );
    return 'missing';
  }
  const uri = vscode.Uri.file(file);
  const opened = await Promise.resolve(vscode.env.openExternal(uri)).catch(() => false);
  if (opened) return 'opened';
  try {
    await vscode.commands.executeCommand('revealFileInOS', uri);
    return 'revealed';
  } catch {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return 'explorer';
  }
}

/** Shows the JSON report in VS Code's Explorer. */
export async function revealInExplorer(jsonFile: string): Promise<void> {
  await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(jsonFile));
}

/** Opens the run profile the report was made from. */
export async function openProfile(jsonFile: string, recorded: string): Promise<boolean> {
  const file = await profileOf(jsonFile, recorded);
  if (!file) {
    void vscode.window.showWarningMessage(`The run profile of this report (${recorded}) is not there any more.`);
    return false;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return true;
}

/** Whether "Run again" can work: the run command is registered and the workspace is trusted. */
export async function canRerun(): Promise<boolean> {
  if (!vscode.workspace.isTrusted) return false;
  return (await vscode.commands.getCommands(true)).includes(COMMANDS.runTests);
}

/** Runs the report's profile again with the run command, when there is one. */
export async function rerun(jsonFile: string, recorded: string): Promise<boolean> {
  if (!(await canRerun())) {
    void vscode.window.showWarningMessage(
      vscode.workspace.isTrusted
        ? 'Runs are not available in this window.'
        : 'Runs are refused in an untrusted workspace: trust the workspace to run the tests.',
    );
    return false;
  }
  const profile = await profileOf(jsonFile, recorded);
  await vscode.commands.executeCommand(COMMANDS.runTests, ...(profile ? [vscode.Uri.file(profile)] : []));
  return true;
}
