import * as vscode from 'vscode';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import type { RunManager } from '../runs/runManager';
import type { RemoteRunsView } from '../remote/remoteTree';
import { ProfilesAndRunsTree } from './profilesAndRunsTree';

/** The view id of the "AI Quality" view (package.json contributes.views). */
export const PROFILES_AND_RUNS_VIEW_ID = 'aiQualityKit.runs';

/** What the profiles-and-runs room needs from the extension. */
export interface ProfilesAndRunsDeps {
  commands: CommandManager;
  /** The runs to list while they go (and whose ends refresh the report history). */
  manager: RunManager;
  /** The team server's runs, shown in their own group when a server is set. */
  remote?: RemoteRunsView;
}

/**
 * Registers the "AI Quality" view of the activity bar (run profiles with their
 * last result, running runs, report history) and its refresh command. Returns
 * the view's data provider (the integration tests read it).
 */
export function registerProfilesAndRuns(
  context: vscode.ExtensionContext,
  { commands, manager, remote }: ProfilesAndRunsDeps,
): ProfilesAndRunsTree {
  const tree = new ProfilesAndRunsTree(manager, remote);
  context.subscriptions.push(tree, vscode.window.registerTreeDataProvider(PROFILES_AND_RUNS_VIEW_ID, tree));
  commands.register({ id: COMMANDS.refreshRunsView, execute: () => tree.refresh() });
  return tree;
}
