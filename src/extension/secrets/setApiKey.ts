import * as vscode from 'vscode';
import { parseProfile } from '../../engine/config/loadProfile';
import { findProfileUris, profileText, profileUriOf } from '../profiles/profilePick';
import type { SecretResolver } from './secretLookup';
import type { SecretReference } from './secretNames';
import { SECRET_NAME_PATTERN, secretReferences } from './secretNames';

async function referencesOf(uri: vscode.Uri): Promise<SecretReference[]> {
  const text = await profileText(uri);
  return text === undefined ? [] : secretReferences(parseProfile(text, uri.fsPath).value);
}

// The names to offer: the given profile's, else those of every profile.
async function candidateNames(arg: unknown): Promise<{ name: string; detail: string }[]> {
  const given = profileUriOf(arg);
  const uris = given ? [given] : await findProfileUris();
  const byName = new Map<string, string[]>();
  for (const uri of uris) {
    for (const ref of await referencesOf(uri)) {
      const list = byName.get(ref.name) ?? [];
      list.push(`${vscode.workspace.asRelativePath(uri)}: ${ref.where}`);
      byName.set(ref.name, list);
    }
  }
  return [...byName].map(([name, where]) => ({ name, detail: where.join(' · ') }));
}

async function chooseName(arg: unknown, resolver: SecretResolver): Promise<string | undefined> {
  const names = await candidateNames(arg);
  if (names.length === 1) return names[0]?.name;
  if (names.length > 1) {
    const items = await Promise.all(
      names.map(async (n) => ({
        label: n.name,
        description: (await resolver.isStored(n.name)) ? 'stored' : process.env[n.name] ? 'set in the environment' : 'not set',
        detail: n.detail,
      })),
    );
    return (await vscode.window.showQuickPick(items, { placeHolder: 'Which secret to store?', matchOnDetail: true }))?.label;
  }
  // No profile names a secret yet: ask for the name the profile will use.
  return vscode.window
    .showInputBox({
      title: 'AI Quality: Set API Key',
      prompt: 'Name of the secret, as the run profile refers to it (e.g. target.auth.bearer_env: AIQK_TOKEN)',
      placeHolder: 'AIQK_TOKEN',
      validateInput: (v) => (SECRET_NAME_PATTERN.test(v.trim()) ? undefined : 'Letters, digits, _ . - (not starting with a digit)'),
    })
    .then((v) => v?.trim());
}

/**
 * "Set API Key": stores a secret in VS Code's SecretStorage under the name the
 * profile's `auth` (or judge / MCP env) refers to. The value never touches a
 * workspace file. Arguments (profile, name, value) skip the prompts; an empty
 * value deletes the stored secret. Returns the name stored.
 */
export async function setApiKeyCommand(
  resolver: SecretResolver,
  arg?: unknown,
  nameArg?: unknown,
  valueArg?: unknown,
): Promise<string | undefined> {
  const name = typeof nameArg === 'string' && SECRET_NAME_PATTERN.test(nameArg) ? nameArg : await chooseName(arg, resolver);
  if (!name) return undefined;
  const value =
    typeof valueArg === 'string'
      ? valueArg
      : await vscode.window.showInputBox({
          title: `AI Quality: Set API Key (${name})`,
          prompt: `Value of ${name}, kept in VS Code's secret storage (never in the workspace). Leave empty to delete it.`,
          password: true,
          ignoreFocusOut: true,
        });
  if (value === undefined) return undefined;
  await resolver.store(name, value);
  const shadowed = process.env[name] ? ` Note: the environment variable ${name} is set and is used first.` : '';
  void vscode.window.showInformationMessage(
    value === '' ? `Deleted the stored secret ${name}.${shadowed}` : `Stored ${name} in VS Code's secret storage.${shadowed}`,
  );
  return name;
}
