import * as vscode from 'vscode';
import { COMMANDS, PROFILE_SELECTOR } from './constants';
import { ProfileDiagnostics } from './diagnostics/profileDiagnostics';
import { QuickFixProvider, registerCreateDataset } from './diagnostics/quickFixes';
import { createProfile } from './profiles/createProfile';
import type { ReportViewApi } from './report/registerReportView';
import { registerReportView } from './report/registerReportView';
import { registerRequirements } from './requirements/requirementsView';
import type { RunsApi } from './runs/registerRuns';
import { registerRuns } from './runs/registerRuns';
import type { WizardApi } from './wizard/registerWizard';
import { registerWizard } from './wizard/registerWizard';

/** What the extension offers other extensions and its integration tests. */
export interface AiQualityKitApi {
  /** Resolves when every pending validation has finished. */
  whenIdle(): Promise<void>;
  /** The report view: open panels, what they were sent and rendered (for integration tests). */
  reportView: ReportViewApi;
  /** Runs: the running list, Test Explorer, tree and status bar (for integration tests). */
  runs: RunsApi;
  /** The setup wizard: open it, send it messages as its webview does, read its view (for integration tests). */
  wizard: WizardApi;
}

/** Activates the extension: wires every feature to VS Code. */
export function activate(context: vscode.ExtensionContext): AiQualityKitApi {
  const readme = vscode.Uri.joinPath(context.extensionUri, 'README.md');
  const diagnostics = new ProfileDiagnostics(readme);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(
      [...(PROFILE_SELECTOR as vscode.DocumentFilter[]), { scheme: 'file', pattern: '**/*.{jsonl,json,txt,csv,yaml,yml}' }],
      new QuickFixProvider(diagnostics),
      { providedCodeActionKinds: QuickFixProvider.kinds },
    ),
    vscode.commands.registerCommand(COMMANDS.createProfile, (folder?: vscode.Uri, name?: string) => createProfile(folder, name)),
    vscode.commands.registerCommand(COMMANDS.validateWorkspace, () => diagnostics.refreshAll()),
    registerCreateDataset(),
  );
  registerRequirements(context);
  const reportView = registerReportView(context);
  const runs = registerRuns(context);
  const wizard = registerWizard(context, runs);
  void diagnostics.refreshAll();
  return { whenIdle: () => diagnostics.whenIdle(), reportView, runs, wizard };
}

/** Nothing to release beyond the context's subscriptions. */
export function deactivate(): void {}
