import * as vscode from 'vscode';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import { readmeLinks } from '../core/readmeLinks';
import { createProfile } from './createProfile';
import { openDemo } from './openDemo';

/** What the profiles room needs from the extension. */
export interface ProfilesDeps {
  commands: CommandManager;
}

/**
 * Registers "Create Run Profile", "Open the Demo" and "Open Documentation" (the
 * ways in that the AI Quality view's welcome offers; picking a profile is a
 * helper the other rooms call).
 */
export function registerProfiles(context: vscode.ExtensionContext, deps: ProfilesDeps): void {
  const readme = readmeLinks(context.extensionUri);
  deps.commands.registerAll([
    { id: COMMANDS.createProfile, execute: (folder?: vscode.Uri, name?: string) => createProfile(folder, name) },
    { id: COMMANDS.openDemo, execute: (folder?: vscode.Uri) => openDemo(context.extensionUri, folder) },
    { id: COMMANDS.openReadme, execute: () => openReadme(readme('')) },
  ]);
}

/** The README rendered (Markdown preview); the text editor when there is no preview. */
async function openReadme(link: vscode.Uri): Promise<void> {
  const file = link.with({ fragment: '' });
  try {
    await vscode.commands.executeCommand('markdown.showPreview', file);
  } catch {
    await vscode.commands.executeCommand('vscode.open', link);
  }
}
