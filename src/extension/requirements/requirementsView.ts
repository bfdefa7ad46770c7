import * as vscode from 'vscode';
import { isProfileFileName } from '../../engine/config/loadProfile';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS, PROFILE_SELECTOR } from '../core/constants';
import { RequirementsTree } from './requirementsTree';

/** The id of the Requirements view (package.json contributes.views). */
export const REQUIREMENTS_VIEW_ID = 'aiQualityKit.requirements';
const SHOWN_CONTEXT = 'aiQualityKit.requirementsShown';
const NOT_USED_CONTEXT = 'aiQualityKit.requirementsShowNotUsed';

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

/** Registers the Requirements view, its commands and the lens; returns the view's data (the integration tests read it). */
export function registerRequirements(context: vscode.ExtensionContext, deps: RequirementsDeps): RequirementsTree {
  const tree = new RequirementsTree();
  const view = vscode.window.createTreeView(REQUIREMENTS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });
  const update = (): void => {
    view.description = tree.profile ? vscode.workspace.asRelativePath(tree.profile) : undefined;
    view.message = tree.message;
  };
  const show = async (uri?: vscode.Uri): Promise<void> => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || target.scheme !== 'file' || !isProfileFileName(target.fsPath)) {
      void vscode.window.showInformationMessage('Open a run profile (aiqk.yaml) first.');
      return;
    }
    await tree.show(target);
    update();
    await vscode.commands.executeCommand('setContext', SHOWN_CONTEXT, true);
    await vscode.commands.executeCommand(`${REQUIREMENTS_VIEW_ID}.focus`);
  };
  const notUsed = async (on: boolean): Promise<void> => {
    tree.showNotUsed = on;
    await vscode.commands.executeCommand('setContext', NOT_USED_CONTEXT, on);
    await tree.reload();
  };
  context.subscriptions.push(
    tree,
    view,
    // The view follows its profile as it is saved.
    vscode.workspace.onDidSaveTextDocument(async (d) => {
      if (tree.profile?.toString() === d.uri.toString()) {
        await tree.reload();
        update();
      }
    }),
    vscode.languages.registerCodeLensProvider(PROFILE_SELECTOR, new RequirementsCodeLens()),
  );
  deps.commands.registerAll([
    { id: COMMANDS.showRequirements, execute: (uri?: vscode.Uri) => show(uri) },
    { id: COMMANDS.showNotUsedRequirements, execute: () => notUsed(true) },
    { id: COMMANDS.hideNotUsedRequirements, execute: () => notUsed(false) },
  ]);
  return tree;
}
