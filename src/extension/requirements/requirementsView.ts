import * as vscode from 'vscode';
import { isProfileFileName } from '../../engine/config/loadProfile';
import { prepareRun } from '../../engine/prepare/prepareRun';
import type { RequirementRow } from '../../engine/model/requirementTypes';
import { blockingReasons } from '../../engine/requirements/requirements';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS, PROFILE_SELECTOR } from '../core/constants';
import { dataPlaceOptions } from '../core/dataPlace';

/** The URI scheme of the read-only requirements documents. */
export const REQUIREMENTS_SCHEME = 'aiqk-requirements';

const STATUS: Record<RequirementRow['status'], string> = {
  provided: '✓ provided',
  using_defaults: '○ using defaults',
  missing: '✗ missing',
  not_used: '— not used',
};

/** Renders the matrix as Markdown: one row per suite and data kind the suite uses. */
export function matrixMarkdown(profileName: string, rows: readonly RequirementRow[]): string {
  const lines = [`# Requirements of ${profileName}`, '', '| Suite | Data | Level | Status | Details |', '|---|---|---|---|---|'];
  for (const r of rows)
    lines.push(
      `| ${r.suite} | ${r.kind} | ${r.level.replace('_', ' ')} | ${STATUS[r.status]}${r.blocking ? ' **(blocks)**' : ''} | ${r.detail} |`,
    );
  const reasons = blockingReasons(rows);
  lines.push('', reasons.length ? `**The run is blocked:**\n\n${reasons.map((x) => `- ${x}`).join('\n')}` : 'Nothing blocks the run.', '');
  return lines.join('\n');
}

/** Serves the requirements of a profile as a read-only Markdown document. */
export class RequirementsContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const profileUri = vscode.Uri.parse(uri.query);
    const doc = await vscode.workspace.openTextDocument(profileUri);
    // The run's own preparation, so the view says what a run would do (a data file that does not exist is not provided).
    const outcome = await prepareRun(profileUri.fsPath, { text: doc.getText(), ...dataPlaceOptions(profileUri) });
    const matrix = outcome.ok ? outcome.run.gate.matrix : outcome.refusal.matrix;
    if (matrix.length === 0)
      return `# Requirements of ${vscode.workspace.asRelativePath(profileUri)}\n\nThe run profile has errors; fix them first (see the Problems panel).\n`;
    return matrixMarkdown(vscode.workspace.asRelativePath(profileUri), matrix);
  }

  /** Re-renders the open view of a profile (VS Code ignores it when that view is not open). */
  refresh(profileUri: vscode.Uri): void {
    this.changed.fire(requirementsUri(profileUri));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The URI of the requirements view of a profile. */
export function requirementsUri(profileUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: REQUIREMENTS_SCHEME, path: '/requirements.md', query: profileUri.toString() });
}

/** Opens the requirements view of a profile (the active one when none is given). */
export async function showRequirements(profileUri?: vscode.Uri): Promise<void> {
  const target = profileUri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Open a run profile (aiqk.yaml) first.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(requirementsUri(target));
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

/** A "Show requirements" lens above the `suites:` key of every profile. */
export class RequirementsCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < document.lineCount; i++) {
      if (/^suites\s*:/.test(document.lineAt(i).text)) {
        lenses.push(
          new vscode.CodeLens(document.lineAt(i).range, {
            title: 'Show requirements',
            command: COMMANDS.showRequirements,
            arguments: [document.uri],
            tooltip: 'Which data each chosen suite needs, and where it comes from',
          }),
        );
      }
    }
    return lenses;
  }
}

/** What the requirements room needs from the extension. */
export interface RequirementsDeps {
  commands: CommandManager;
}

/** Registers the view, its command and the lens. */
export function registerRequirements(context: vscode.ExtensionContext, deps: RequirementsDeps): RequirementsContentProvider {
  const provider = new RequirementsContentProvider();
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(REQUIREMENTS_SCHEME, provider),
    // An open view follows its profile; without this it kept the matrix of when it was first opened.
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.uri.scheme === 'file' && isProfileFileName(d.uri.fsPath)) provider.refresh(d.uri);
    }),
    vscode.languages.registerCodeLensProvider(PROFILE_SELECTOR, new RequirementsCodeLens()),
  );
  deps.commands.register({
    id: COMMANDS.showRequirements,
    execute: (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      // Shown again (unsaved edits included): re-rendered rather than the cached document.
      if (target) provider.refresh(target);
      return showRequirements(target);
    },
  });
  return provider;
}
