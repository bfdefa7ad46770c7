import * as vscode from 'vscode';
import { isProfileFileName } from '../../engine/config/loadProfile';
import type { WizardView } from '../../protocol';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import type { RunsApi } from '../runs/registerRuns';
import { profileUriOf, resolveProfileArg } from '../profiles/profilePick';
import type { SecretResolver } from '../secrets/secretLookup';
import { addDatasetCommand, testConnectionCommand } from './wizardCommands';
import { vscodeWizardServices } from './wizardHost';
import { WizardPanels } from './wizardPanel';

/** What the wizard exposes through the extension's API (integration tests drive it as the webview would). */
export interface WizardApi {
  /** Opens the wizard (editing a profile when given). */
  open(profile?: vscode.Uri): Promise<void>;
  /** Sends a message exactly as the webview does (validated by the host like any webview message). */
  send(message: unknown): Promise<void>;
  /** The last view sent to the webview. */
  view(): WizardView | undefined;
  /** Whether the panel is open and its webview has said `ready`. */
  isReady(): boolean;
}

/** What the wizard needs from the extension. */
export interface WizardDeps {
  commands: CommandManager;
  /** Where the keys typed in the wizard are stored (the resolver runs use too). */
  secrets: SecretResolver;
  /** The runs, followed while the wizard's first run goes. */
  runs: RunsApi | undefined;
}

/** Registers the setup wizard: its panel (restored after reloads) and its commands. */
export function registerWizard(context: vscode.ExtensionContext, { commands, secrets, runs }: WizardDeps): WizardApi {
  // The services open files in the panel's group, which exists only once the panels do.
  let column: () => vscode.ViewColumn | undefined = () => undefined;
  const panels = new WizardPanels(
    context,
    vscodeWizardServices(context, secrets, runs, () => column()),
  );
  column = () => panels.column();
  const editTarget = async (arg: unknown): Promise<vscode.Uri | undefined> => {
    const given = profileUriOf(arg);
    if (given) return given;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && active.scheme === 'file' && isProfileFileName(active.fsPath)) return active;
    return resolveProfileArg(undefined, 'Run profile to edit in the setup wizard');
  };
  context.subscriptions.push(panels);
  commands.registerAll([
    { id: COMMANDS.openWizard, execute: () => panels.show() },
    {
      id: COMMANDS.editProfileInWizard,
      execute: async (arg?: unknown) => {
        const uri = await editTarget(arg);
        if (uri) await panels.show(uri);
      },
    },
    { id: COMMANDS.testConnection, execute: (arg?: unknown) => testConnectionCommand(secrets, arg) },
    { id: COMMANDS.addDataset, execute: (arg?: unknown, kind?: unknown, file?: unknown) => addDatasetCommand(arg, kind, file) },
  ]);
  return {
    open: (profile) => panels.show(profile),
    send: (message) => panels.receive(message),
    view: () => panels.lastView(),
    isReady: () => panels.isReady(),
  };
}
