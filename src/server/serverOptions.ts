import type { TokenTable } from './tokens';

/** The port `aiqk serve` listens on unless told otherwise. */
export const DEFAULT_PORT = 8787;

/** How the team server is set up. */
export interface ServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  tokens: TokenTable;
  /** Where the server keeps reports, uploaded datasets and its audit log. */
  dataDir: string;
  /** Runs executing at once. */
  maxConcurrent: number;
  /** Runs waiting for a slot beyond those; one more is answered 429. */
  maxQueue: number;
  /** Requests per second each token may make (with a burst of twice that). */
  rateLimit: number;
  /** Largest JSON body (bytes). */
  bodyLimit: number;
  /** Largest uploaded dataset (bytes). */
  uploadLimit: number;
  tls?: { cert: Buffer; key: Buffer };
  behindProxy: boolean;
  /** Names of the server's environment variables a profile may use as secrets (target auth, judge key). */
  secretNames: readonly string[];
}

/** The defaults of everything but host, port, tokens and data folder. */
export const SERVER_DEFAULTS = {
  maxConcurrent: 4,
  maxQueue: 100,
  rateLimit: 20,
  bodyLimit: 1024 * 1024,
  uploadLimit: 10 * 1024 * 1024,
} as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Why the server may not start with these options, or undefined when it may. */
export function bindProblem(options: Pick<ServerOptions, 'host' | 'tls' | 'behindProxy' | 'tokens'>): string | undefined {
  if (options.tokens.size === 0)
    return 'no token is configured: set AIQK_SERVER_TOKENS (role:token,...) or give --tokens-file (one "role token" a line)';
  if (!LOOPBACK.has(options.host) && !options.tls && !options.behindProxy)
    return `--host ${options.host} would serve tokens and reports in clear text to the network: give --tls-cert and --tls-key, or --behind-proxy when a TLS proxy in front of it is the only way in`;
  return undefined;
}
