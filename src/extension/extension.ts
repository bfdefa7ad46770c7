import type * as vscode from 'vscode';

/** Activates the extension: wires every feature to VS Code. */
export function activate(_context: vscode.ExtensionContext): void {
  // Features register here.
}

/** Nothing to release beyond the context's subscriptions. */
export function deactivate(): void {}
