import type * as vscode from 'vscode';
import type { SecretLookup } from '../../engine/model/target';

/**
 * Looks secrets up by the name a profile gives: the environment variable
 * first (CI and shells keep working), then VS Code's SecretStorage. Remembers
 * the values it handed out so logs can mask them.
 */
export class SecretResolver {
  private readonly handedOut = new Set<string>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  /** The lookup given to runs. */
  readonly lookup: SecretLookup = async (name) => {
    const fromEnv = process.env[name];
    const value = fromEnv !== undefined && fromEnv !== '' ? fromEnv : await this.storage.get(name);
    if (value === undefined || value === '') return undefined;
    this.handedOut.add(value);
    return value;
  };

  /** Every secret value given to a run so far (for masking text we show). */
  values(): string[] {
    return [...this.handedOut];
  }

  /** Whether a secret is stored in SecretStorage (not looking at the environment). */
  async isStored(name: string): Promise<boolean> {
    const v = await this.storage.get(name);
    return v !== undefined && v !== '';
  }

  /** Stores a secret under its name; an empty value deletes it. */
  async store(name: string, value: string): Promise<void> {
    if (value === '') await this.storage.delete(name);
    else await this.storage.store(name, value);
  }
}
