// What a team server refusal means to the user: located problems (422, or a data file
// that could not be uploaded) as diagnostics on the profile plus a message listing them;
// 401/403 with "Set Team Server Token"; 429 with when to retry; an unreachable server
// with its address.
import * as vscode from 'vscode';
import { COMMANDS, CONFIG_SECTION, DIAGNOSTIC_SOURCE, SERVER_URL_SETTING } from '../core/constants';
import type { ServerProblem } from './serverClient';
import { TeamServerError } from './serverClient';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The team server's problems with profiles, in the Problems panel until the profile changes or runs there again. */
export class ServerProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiqk-team-server');
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length > 0) this.collection.delete(e.document.uri);
  });

  /** Shows `problems` on the profile (a problem without a line goes on the first line). */
  show(profileUri: vscode.Uri, problems: readonly ServerProblem[]): void {
    this.collection.set(
      profileUri,
      problems.map((p) => {
        const line = Math.max(0, (p.line ?? 1) - 1);
        const column = Math.max(0, (p.column ?? 1) - 1);
        const d = new vscode.Diagnostic(
          new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER),
          `team server: ${p.message}`,
          SEVERITY[p.severity] ?? vscode.DiagnosticSeverity.Error,
        );
        d.source = DIAGNOSTIC_SOURCE;
        d.code = p.code;
        return d;
      }),
    );
  }

  /** The team server's problems shown for a profile. */
  of(profileUri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(profileUri) ?? [];
  }

  clear(profileUri: vscode.Uri): void {
    this.collection.delete(profileUri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

/** A message listing located problems (the first five; the Problems panel has them all). */
export function problemsMessage(what: string, problems: readonly ServerProblem[]): string {
  const listed = problems.slice(0, 5).map((p) => `${p.line ? `line ${p.line}: ` : ''}${p.message}`);
  const more = problems.length > 5 ? ` · and ${problems.length - 5} more in the Problems panel` : '';
  return `AI Quality Kit: ${what}: ${listed.join(' · ')}${more}`;
}

/** Shows a failed call to the team server with the action that helps. */
export function showServerError(err: unknown, what: string): void {
  if (!(err instanceof TeamServerError)) {
    void vscode.window.showErrorMessage(`AI Quality Kit: ${what}: ${(err as Error).message ?? String(err)}`);
    return;
  }
  const actions: Record<string, string[]> = {
    unauthorized: ['Set Team Server Token'],
    forbidden: ['Set Team Server Token'],
    unreachable: ['Open Settings'],
  };
  const show = (text: string, ...items: string[]): Thenable<string | undefined> =>
    err.kind === 'busy' ? vscode.window.showWarningMessage(text, ...items) : vscode.window.showErrorMessage(text, ...items);
  const text =
    err.kind === 'invalid' && err.problems.length > 0 ? problemsMessage(what, err.problems) : `AI Quality Kit: ${what}: ${err.message}`;
  void show(text, ...(actions[err.kind] ?? [])).then((pick) => {
    if (pick === 'Set Team Server Token') void vscode.commands.executeCommand(COMMANDS.setServerToken);
    else if (pick === 'Open Settings')
      void vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIG_SECTION}.${SERVER_URL_SETTING}`);
  });
}
