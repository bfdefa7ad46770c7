import { createHash, timingSafeEqual } from 'node:crypto';

/** What a token may do: a `user` starts, cancels and reads its own runs; an `admin` sees and cancels all. */
export type Role = 'admin' | 'user';

/** Who made a request: the role and a stable name derived from the token (never the token itself). */
export interface Principal {
  role: Role;
  /** `<role>-<first 12 hex of the token's SHA-256>`: what the audit log and run owners record. */
  id: string;
}

interface Entry {
  principal: Principal;
  digest: Buffer;
}

const ROLES: readonly Role[] = ['admin', 'user'];
/** Shortest token accepted: anything shorter is guessable. */
export const MIN_TOKEN_LENGTH = 16;

function digestOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The server's tokens. Tokens are kept only as SHA-256 digests and compared with
 * timingSafeEqual against every entry, so how long a check takes says nothing
 * about which token (or which prefix) came close.
 */
export class TokenTable {
  private constructor(private readonly entries: readonly Entry[]) {}

  /** How many tokens are configured. */
  get size(): number {
    return this.entries.length;
  }

  /** The principal of a bearer token, or undefined when no token matches. */
  identify(token: string): Principal | undefined {
    const digest = digestOf(token);
    let found: Principal | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.digest, digest) && !found) found = e.principal;
    return found;
  }

  /** Builds the table from `role token` pairs; throws a message naming the bad entry (by position, never by value). */
  static from(pairs: readonly { role: string; token: string; where: string }[]): TokenTable {
    const entries: Entry[] = [];
    const seen = new Set<string>();
    for (const { role, token, where } of pairs) {
      if (!ROLES.includes(role as Role)) throw new Error(`${where}: unknown role '${role}' (use admin or user)`);
      if (token.length < MIN_TOKEN_LENGTH) throw new Error(`${where}: the token is shorter than ${MIN_TOKEN_LENGTH} characters`);
      const digest = digestOf(token);
      const hex = digest.toString('hex');
      if (seen.has(hex)) throw new Error(`${where}: the same token is given twice`);
      seen.add(hex);
      entries.push({ principal: { role: role as Role, id: `${role}-${hex.slice(0, 12)}` }, digest });
    }
    return new TokenTable(entries);
  }
}

/** Parses `AIQK_SERVER_TOKENS`: comma-separated `role:token` pairs. */
export function parseTokenList(value: string, where = 'AIQK_SERVER_TOKENS'): { role: string; token: string; where: string }[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((pair, i) => {
      const at = pair.indexOf(':');
      if (at <= 0) throw new Error(`${where}: entry ${i + 1} is not role:token`);
      return { role: pair.slice(0, at).trim(), token: pair.slice(at + 1).trim(), where: `${where} entry ${i + 1}` };
    });
}

/** Parses a tokens file: one `role token` a line; blank lines and `#` comments skipped. */
export function parseTokenFile(text: string, file: string): { role: string; token: string; where: string }[] {
  const out: { role: string; token: string; where: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    if (parts.length !== 2) throw new Error(`${file}:${i + 1}: expected 'role token'`);
    out.push({ role: parts[0] as string, token: parts[1] as string, where: `${file}:${i + 1}` });
  });
  return out;
}
