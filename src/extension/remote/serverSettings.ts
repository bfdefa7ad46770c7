// The team server's address (the user setting aiQualityKit.server.url) and its bearer
// token (VS Code's SecretStorage, kept per server address, so a token is only ever sent
// to the server it was stored for; never in settings, never logged).
import * as vscode from 'vscode';
import { COMMANDS, CONFIG_SECTION, SERVER_URL_SETTING } from '../core/constants';
import { serverBaseUrl, TeamServerClient } from './serverClient';

const TOKEN_KEY_PREFIX = 'aiQualityKit.serverToken:';

/** The configured server address as written in the settings (may be empty). */
export function configuredServerUrl(): string {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>(SERVER_URL_SETTING, '') ?? '';
}

/** A client for the configured server, or why there is none (no address, a bad one, no token). */
export type Connection = { ok: true; client: TeamServerClient } | { ok: false; missing: 'url' | 'token'; message: string };

/** The server's token store. */
export class ServerTokens {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** Stores (or, when empty, deletes) the token of the server at `baseUrl`. */
  async store(baseUrl: string, token: string): Promise<void> {
    if (token === '') await this.secrets.delete(TOKEN_KEY_PREFIX + baseUrl);
    else await this.secrets.store(TOKEN_KEY_PREFIX + baseUrl, token);
  }

  get(baseUrl: string): Thenable<string | undefined> {
    return this.secrets.get(TOKEN_KEY_PREFIX + baseUrl);
  }

  /** The configured server with its token. */
  async connection(): Promise<Connection> {
    const url = serverBaseUrl(configuredServerUrl());
    if (!url.ok) return { ok: false, missing: 'url', message: url.message };
    const token = await this.get(url.url);
    if (!token)
      return {
        ok: false,
        missing: 'token',
        message: `no token is stored for the team server ${url.url}: run "AI Quality: Set Team Server Token"`,
      };
    return { ok: true, client: new TeamServerClient(url.url, token) };
  }
}

/** Says why there is no connection, with the action that fixes it. */
export function showNoConnection(connection: Extract<Connection, { ok: false }>): void {
  const action = connection.missing === 'url' ? 'Open Settings' : 'Set Team Server Token';
  void vscode.window.showErrorMessage(`AI Quality Kit: ${connection.message}`, action).then((pick) => {
    if (pick === 'Open Settings')
      void vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIG_SECTION}.${SERVER_URL_SETTING}`);
    else if (pick) void vscode.commands.executeCommand(COMMANDS.setServerToken);
  });
}

/**
 * "Set Team Server Token": asks for the token (a password box) and keeps it in
 * SecretStorage for the configured server. A string argument skips the prompt; an
 * empty one deletes the token. Returns whether something was stored or deleted.
 */
export async function setServerTokenCommand(tokens: ServerTokens, tokenArg?: unknown): Promise<boolean> {
  const url = serverBaseUrl(configuredServerUrl());
  if (!url.ok) {
    showNoConnection({ ok: false, missing: 'url', message: url.message });
    return false;
  }
  const token =
    typeof tokenArg === 'string'
      ? tokenArg
      : await vscode.window.showInputBox({
          title: 'AI Quality: Set Team Server Token',
          prompt: `Bearer token for ${url.url}, kept in VS Code's secret storage (never in settings). Leave empty to delete it.`,
          password: true,
          ignoreFocusOut: true,
        });
  if (token === undefined) return false;
  if (/\s/.test(token.trim()) || (token !== '' && token.trim() === '')) {
    void vscode.window.showErrorMessage('AI Quality Kit: a token has no spaces; nothing was stored.');
    return false;
  }
  await tokens.store(url.url, token.trim());
  if (typeof tokenArg !== 'string')
    void vscode.window.showInformationMessage(
      token === '' ? `Deleted the token of ${url.url}.` : `Stored the token of ${url.url} in VS Code's secret storage.`,
    );
  return true;
}
