// A real team server for tests: built in-process on 127.0.0.1, port 0, in a fresh data
// folder; called with fetch; every JSON answer checkable against the server's /openapi.json.
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { TeamServer } from '../../../src/server/createServer';
import { createServer } from '../../../src/server/createServer';
import type { ServerOptions } from '../../../src/server/serverOptions';
import { SERVER_DEFAULTS } from '../../../src/server/serverOptions';
import { TokenTable } from '../../../src/server/tokens';

/** Tokens of the test servers: one admin and two users. */
export const TOKENS = {
  admin: 'admin-token-0123456789abc',
  alice: 'alice-token-0123456789abc',
  bob: 'bob-token-0123456789abcdef',
} as const;

/** The token table of TOKENS, as AIQK_SERVER_TOKENS would give it. */
export function tokenEnv(): string {
  return `admin:${TOKENS.admin},user:${TOKENS.alice},user:${TOKENS.bob}`;
}

/** An answer of the server. */
export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls the server with fetch. `json` is sent as a JSON body; `raw` as is. */
export async function call(
  base: string,
  method: string,
  route: string,
  opts: { token?: string; json?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    headers['content-type'] ??= 'application/octet-stream';
    body = typeof opts.raw === 'string' ? opts.raw : opts.raw.toString('utf8');
  }
  const res = await fetch(`${base}${route}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('application/json') ? await res.json() : await res.text();
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A test server and what the tests use of it. */
export interface TestServer {
  url: string;
  dataDir: string;
  server: TeamServer;
  call(method: string, route: string, opts?: Parameters<typeof call>[3]): Promise<Answer>;
  /** Stops the server (cancelling runs) and removes its data folder unless `keep`. */
  close(keep?: boolean): Promise<void>;
}

/** Starts a team server in-process on 127.0.0.1:0. */
export async function startTestServer(overrides: Partial<ServerOptions> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'aiqk-serve-')));
  const options: ServerOptions = {
    host: '127.0.0.1',
    port: 0,
    tokens: TokenTable.from([
      { role: 'admin', token: TOKENS.admin, where: 'test' },
      { role: 'user', token: TOKENS.alice, where: 'test' },
      { role: 'user', token: TOKENS.bob, where: 'test' },
    ]),
    dataDir: dir,
    ...SERVER_DEFAULTS,
    rateLimit: 1000,
    behindProxy: false,
    secretNames: [],
    ...overrides,
  };
  const server = await createServer(options);
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    dataDir: dir,
    server,
    call: (method, route, opts) => call(url, method, route, opts),
    async close(keep = false) {
      await server.stop('test over');
      if (!keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Checks answers against the server's own /openapi.json (the schema of the route, method and status). */
export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });

  constructor(readonly doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: 'openapi.json' } as object);
  }

  /** Throws when `answer` is not what the document promises for `method route`. */
  check(method: string, route: string, answer: Answer): void {
    const op = this.doc.paths[route]?.[method.toLowerCase()];
    if (!op) throw new Error(`/openapi.json has no ${method} ${route}`);
    const response = op.responses[String(answer.status)] as { content?: Record<string, { schema: unknown }> } | undefined;
    if (!response) throw new Error(`/openapi.json does not list status ${answer.status} for ${method} ${route}`);
    const type = (answer.headers.get('content-type') ?? '').split(';')[0] as string;
    const media = response.content?.[type];
    if (!media) throw new Error(`/openapi.json lists no ${type} answer for ${answer.status} of ${method} ${route}`);
    const pointer = `openapi.json#/paths/${route.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${answer.status}/content/${type.replace(/\//g, '~1')}/schema`;
    const validate = this.ajv.getSchema(pointer);
    if (!validate) throw new Error(`cannot compile ${pointer}`);
    if (!validate(answer.body)) throw new Error(`${method} ${route} ${answer.status}: ${this.ajv.errorsText(validate.errors)}`);
  }
}
