import type * as vscode from 'vscode';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import { SecretResolver } from './secretLookup';
import { setApiKeyCommand } from './setApiKey';

/** What the secrets room needs from the extension. */
export interface SecretsDeps {
  commands: CommandManager;
}

/**
 * Registers "Set API Key" and returns the one secret resolver the runs and the
 * wizard share, so every value handed out is masked wherever text is shown.
 */
export function registerSecrets(context: vscode.ExtensionContext, deps: SecretsDeps): SecretResolver {
  const secrets = new SecretResolver(context.secrets);
  deps.commands.register({
    id: COMMANDS.setApiKey,
    execute: (arg?: unknown, name?: unknown, value?: unknown) => setApiKeyCommand(secrets, arg, name, value),
  });
  return secrets;
}
