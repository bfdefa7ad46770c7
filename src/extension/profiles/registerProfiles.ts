import type * as vscode from 'vscode';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import { createProfile } from './createProfile';

/** What the profiles room needs from the extension. */
export interface ProfilesDeps {
  commands: CommandManager;
}

/** Registers "Create Run Profile" (picking a profile is a helper the other rooms call). */
export function registerProfiles(_context: vscode.ExtensionContext, deps: ProfilesDeps): void {
  deps.commands.register({
    id: COMMANDS.createProfile,
    execute: (folder?: vscode.Uri, name?: string) => createProfile(folder, name),
  });
}
