import * as vscode from 'vscode';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS, PROFILE_SELECTOR } from '../core/constants';
import { readmeLinks } from '../core/readmeLinks';
import { ProfileDiagnostics } from './profileDiagnostics';
import { createDatasetFileCommand, QuickFixProvider } from './quickFixes';

/** What the diagnostics room needs from the extension. */
export interface DiagnosticsDeps {
  commands: CommandManager;
}

/**
 * Registers the checks of run profiles and datasets as they are edited: the
 * Problems panel, the quick fixes, "Validate Workspace". Returns the checker
 * (activation starts the first full check; the API waits on it).
 */
export function registerDiagnostics(context: vscode.ExtensionContext, deps: DiagnosticsDeps): ProfileDiagnostics {
  const diagnostics = new ProfileDiagnostics(readmeLinks(context.extensionUri));
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(
      [...(PROFILE_SELECTOR as vscode.DocumentFilter[]), { scheme: 'file', pattern: '**/*.{jsonl,json,txt,csv,yaml,yml}' }],
      new QuickFixProvider(diagnostics),
      { providedCodeActionKinds: QuickFixProvider.kinds },
    ),
  );
  deps.commands.registerAll([{ id: COMMANDS.validateWorkspace, execute: () => diagnostics.refreshAll() }, createDatasetFileCommand]);
  return diagnostics;
}
