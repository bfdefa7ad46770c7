// The HTTP client of the team server (`aiqk serve`): the orchestrator API called
// with fetch and a bearer token. No vscode here, so it is tested against a real
// server in plain Node. The token is sent in the Authorization header only; it is
// never part of a message, an error or a log line.
import type { DataKind } from '../../engine/model/dataKinds';
import { RUN_ID_PATTERN } from '../../engine/model/runId';
import type { ServerRun } from '../../engine/model/serverRun';

export type { ServerRun };

/** A located problem of a 422 answer. */
export interface ServerProblem {
  path: string;
  line?: number;
  column?: number;
  severity: string;
  code: string;
  message: string;
}

/** What went wrong talking to the server, by what the user can do about it. */
export type ServerErrorKind = 'unreachable' | 'unauthorized' | 'forbidden' | 'invalid' | 'busy' | 'not-found' | 'conflict' | 'other';

/** A failed call: its kind, HTTP status, the server's message and located problems. */
export class TeamServerError extends Error {
  constructor(
    readonly kind: ServerErrorKind,
    message: string,
    readonly status?: number,
    readonly problems: readonly ServerProblem[] = [],
    /** Seconds to wait before retrying (429 Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The answer of POST /testdata. */
export interface UploadedTestdata {
  id: string;
  ref: string;
  kind: string;
  records: number;
}

/** What a start sends besides the profile. */
export interface StartOptions {
  runId?: string;
  profileName?: string;
}

/** A checked server address without a trailing slash, or an error saying what is wrong with it. */
export function serverBaseUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'no team server is set: set aiQualityKit.server.url (e.g. http://127.0.0.1:8787)' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `aiQualityKit.server.url '${text}' is not a URL (e.g. https://aiqk.example.com)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: `aiQualityKit.server.url must start with http:// or https://, not ${url.protocol}` };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    return {
      ok: false,
      message: `aiQualityKit.server.url: http:// would send the token in clear text to ${url.hostname}; use https:// (http:// is for a server on this machine)`,
    };
  if (url.username || url.password)
    return { ok: false, message: 'aiQualityKit.server.url must not hold credentials: store the token with "Set Team Server Token"' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const KINDS: Record<number, ServerErrorKind> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'invalid',
  429: 'busy',
};

/** Calls one team server with one token. */
export class TeamServerClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** POST /orchestrator/start with the profile's YAML text; resolves with the run id. */
  async start(profileYaml: string, options: StartOptions = {}): Promise<{ runId: string; run?: ServerRun }> {
    const body = {
      profile: profileYaml,
      ...(options.runId ? { run_id: options.runId } : {}),
      ...(options.profileName ? { profile_name: options.profileName } : {}),
    };
    const answer = (await this.json('POST', '/orchestrator/start', body)) as { run_id: string; run?: ServerRun };
    return { runId: answer.run_id, ...(answer.run ? { run: answer.run } : {}) };
  }

  /** POST /testdata: the file's bytes as they are; resolves with its id (kept by content hash). */
  async upload(kind: DataKind, bytes: Uint8Array, fileName: string): Promise<UploadedTestdata> {
    const query = new URLSearchParams({ kind, filename: fileName.slice(-200) });
    const res = await this.send('POST', `/testdata?${query}`, {
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    return (await res.json()) as UploadedTestdata;
  }

  /** GET /orchestrator/runs: the history, newest first. */
  async runs(limit = 50): Promise<ServerRun[]> {
    return ((await this.json('GET', `/orchestrator/runs?limit=${limit}`)) as { runs: ServerRun[] }).runs;
  }

  /** GET /orchestrator/running-tests: runs queued or running. */
  async running(): Promise<ServerRun[]> {
    return ((await this.json('GET', '/orchestrator/running-tests')) as { running_tests: ServerRun[] }).running_tests;
  }

  /** GET /orchestrator/runs/{id}. */
  async run(runId: string): Promise<ServerRun> {
    return (await this.json('GET', `/orchestrator/runs/${checkedId(runId)}`)) as ServerRun;
  }

  /** POST /orchestrator/cancel/{id}: resolves with the status the server answers. */
  async cancel(runId: string): Promise<{ status: string; message?: string }> {
    return (await this.json('POST', `/orchestrator/cancel/${checkedId(runId)}`)) as { status: string; message?: string };
  }

  /** GET /orchestrator/report/{id}.json: the report's bytes. */
  async report(runId: string): Promise<Uint8Array> {
    const res = await this.send('GET', `/orchestrator/report/${checkedId(runId)}.json`);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Sends a request; a non-2xx answer or a failed connection throws a TeamServerError. */
  async send(
    method: string,
    route: string,
    init: { body?: string | Uint8Array; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(init.headers ?? {}) },
        ...(init.body !== undefined ? { body: init.body as BodyInit } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new TeamServerError('unreachable', `cannot reach the team server at ${this.baseUrl}: ${causeOf(err)}`);
    }
    if (res.ok) return res;
    throw await errorOf(res, `${method} ${route.split('?')[0]}`);
  }

  private async json(method: string, route: string, body?: unknown): Promise<unknown> {
    const res = await this.send(
      method,
      route,
      body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
    );
    return res.json();
  }
}

function checkedId(runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) throw new TeamServerError('invalid', `'${runId}' is not a run id (run_<yyyymmdd-hhmmss>_<8 hex>)`);
  return runId;
}

/** The network cause of a failed fetch, in words (connection refused, host not found, …). */
function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is `aiqk serve` running there?)',
    ENOTFOUND: 'host not found',
    ETIMEDOUT: 'the connection timed out',
    ECONNRESET: 'the connection was reset',
  };
  return words[code] ?? cause?.message ?? (err as Error).message ?? String(err);
}

async function errorOf(res: Response, what: string): Promise<TeamServerError> {
  let body: { message?: string; problems?: ServerProblem[] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: the status says enough
  }
  const kind = KINDS[res.status] ?? 'other';
  const said = body.message ?? res.statusText;
  const retry = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  const message = {
    unauthorized: `the team server refused the token (401: ${said}): set it with "AI Quality: Set Team Server Token"`,
    forbidden: `the team server's token may not do this (403: ${said}): ask for a token with that right and set it with "AI Quality: Set Team Server Token"`,
    busy: `the team server is busy (429: ${said}): retry ${retryAfter ? `in ${retryAfter} s` : 'later'}`,
    invalid: `the team server refused the request (422): ${said}`,
    'not-found': `${what}: not found (404: ${said})`,
    conflict: `${what}: ${said} (409)`,
    other: `${what} answered ${res.status}: ${said}`,
    unreachable: said,
  }[kind];
  return new TeamServerError(kind, message, res.status, body.problems ?? [], retryAfter);
}
