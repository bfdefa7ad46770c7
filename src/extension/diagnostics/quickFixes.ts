import * as path from 'node:path';
import * as vscode from 'vscode';
import { LineCounter, parseDocument } from 'yaml';
import { removeEntryEdit } from '../../engine/config/removeEntry';
import { datasetTemplate } from '../../engine/data/readers/templates';
import type { DataKind } from '../../engine/model/dataKinds';
import type { ProblemFix } from '../../engine/model/problem';
import type { Command } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import type { ProfileDiagnostics } from './profileDiagnostics';
import type { TextChange } from '../profiles/profileEdits';
import { addDataEntryEdit, DEFAULT_DATASET_FILES, setUseDefaultsEdit } from '../profiles/profileEdits';

/** Quick fixes for the problems the engine knows how to fix. */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ProfileDiagnostics) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const entry of this.diagnostics.fixesFor(document.uri)) {
      const d = entry.diagnostic;
      const matches =
        context.diagnostics.some((c) => c.message === d.message && c.range.isEqual(d.range)) || d.range.intersection(range) !== undefined;
      if (!matches) continue;
      const fixes =
        entry.fix.kind === 'setUseDefaults' && entry.fix.dataKind
          ? [entry.fix, { kind: 'addDataEntry' as const, dataKind: entry.fix.dataKind }]
          : [entry.fix];
      for (const fix of fixes) {
        const action = this.actionFor(document, fix, d);
        if (action) {
          action.diagnostics = [d];
          actions.push(action);
        }
      }
    }
    return actions;
  }

  private actionFor(document: vscode.TextDocument, fix: ProblemFix, d: vscode.Diagnostic): vscode.CodeAction | undefined {
    const text = document.getText();
    switch (fix.kind) {
      case 'replace': {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(document.uri, d.range, fix.text);
        a.isPreferred = true;
        return a;
      }
      case 'setUseDefaults': {
        const lc = new LineCounter();
        const change = setUseDefaultsEdit(text, parseDocument(text, { lineCounter: lc }));
        return edit(document, 'Set use_defaults: true (use the built-in datasets)', change, true);
      }
      case 'addDataEntry': {
        const kind = fix.dataKind as DataKind;
        const rel = DEFAULT_DATASET_FILES[kind];
        const lc = new LineCounter();
        const a = edit(
          document,
          `Add data.${kind} with a starter ${path.basename(rel)}`,
          addDataEntryEdit(text, parseDocument(text, { lineCounter: lc }), lc, kind, rel),
          false,
        );
        const target = vscode.Uri.file(path.resolve(path.dirname(document.uri.fsPath), rel));
        a.command = createDatasetCommand(target, kind, false);
        return a;
      }
      case 'createDataset': {
        const a = new vscode.CodeAction(
          `Create ${path.basename(fix.path)} from the ${fix.dataKind} template`,
          vscode.CodeActionKind.QuickFix,
        );
        a.command = createDatasetCommand(vscode.Uri.file(fix.path), fix.dataKind as DataKind, true);
        a.isPreferred = true;
        return a;
      }
      case 'removeEntry': {
        const removal = removeEntryEdit(text, fix.path);
        return removal ? edit(document, fix.title, removal, true) : undefined;
      }
      case 'deleteLine': {
        const a = new vscode.CodeAction(`Remove duplicate line ${fix.line}`, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        const line = fix.line - 1;
        const end = line + 1 < document.lineCount ? new vscode.Position(line + 1, 0) : document.lineAt(line).range.end;
        a.edit.delete(document.uri, new vscode.Range(new vscode.Position(line, 0), end));
        return a;
      }
    }
  }
}

function createDatasetCommand(uri: vscode.Uri, kind: DataKind, open: boolean): vscode.Command {
  return { title: 'Create dataset', command: COMMANDS.createDatasetFile, arguments: [uri.toString(), kind, open] };
}

/**
 * The command behind "create dataset" fixes. A command that writes the file,
 * rather than `createFile({contents})` in the fix's edit: remote and web hosts
 * cannot carry file contents in a code action's edit, and an inserted text
 * would stay unsaved.
 */
export const createDatasetFileCommand: Command = {
  id: COMMANDS.createDatasetFile,
  async execute(uriText: unknown, kind: unknown, open: unknown): Promise<void> {
    const uri = vscode.Uri.parse(String(uriText));
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(uri.fsPath)));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(datasetTemplate(kind as DataKind)));
    }
    if (open) await vscode.window.showTextDocument(uri, { preview: false });
  },
};

function edit(document: vscode.TextDocument, title: string, change: TextChange, preferred: boolean): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.edit = new vscode.WorkspaceEdit();
  a.edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
  a.isPreferred = preferred;
  return a;
}
