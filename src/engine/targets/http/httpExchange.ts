// One HTTP exchange over node:http/https with keep-alive sockets: a request, its
// reply (redirects followed when asked), one budget for the whole exchange, the
// run's signal, and a cap on the body. Never throws: a failure says why.
// node:http rather than fetch: per request it costs a fraction of fetch's CPU,
// which is most of what an eval run spends against a fast target.

import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isSecretName } from '../../secrets/secretNames';

// Idle sockets are closed after 4 s, before common servers drop them (uvicorn and
// Node close idle keep-alive connections after 5 s), and never keep the process alive.
// A reset on a reused socket is not sent again here: like any reset it fails the
// attempt as transient, and the target's retries decide.
const IDLE_SOCKET_MS = 4000;
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
  'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
} as const;
const MAX_REDIRECTS = 5;
const USER_AGENT = 'ai-quality-kit';

/** Reply headers, looked up case-insensitively. */
export interface ReplyHeaders {
  get(name: string): string | null;
}

/** What to send. */
export interface ExchangeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** How to send it. */
export interface ExchangeOptions {
  /** Aborting it ends the exchange at once (reason 'aborted'). */
  signal: AbortSignal;
  /** Budget of the whole exchange: connecting, redirects and the body. */
  timeoutMs: number;
  /** Largest 2xx body: a bigger one fails as 'too_large'. */
  maxBytes: number;
  /** Most bytes kept of any other body: the rest is dropped. */
  otherBodyBytes: number;
  /** Follow redirects (307/308 always, others for GET and HEAD); else a 3xx is the reply. */
  followRedirects: boolean;
  /** Values that must not leave the origin: a header carrying one is dropped when a redirect goes elsewhere. */
  secrets?: readonly string[];
  /** Sees a 2xx body as it arrives. */
  onChunk?: (text: string) => void;
}

/** A complete reply (any status). */
export interface ExchangeReply {
  status: number;
  statusText: string;
  headers: ReplyHeaders;
  body: string;
}

/** Why an exchange gave no reply. */
export type ExchangeFailure =
  | { reason: 'aborted' }
  | { reason: 'timeout' }
  | { reason: 'too_large'; status: number; bytes: number }
  | { reason: 'config'; message: string }
  | { reason: 'undecodable'; status: number; message: string }
  | { reason: 'network'; error: unknown };

export type ExchangeResult = { ok: true; reply: ExchangeReply } | { ok: false; failure: ExchangeFailure };

class NodeReplyHeaders implements ReplyHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** Sends a request and reads its reply; resolves with the reply or why there is none. */
export function exchange(request: ExchangeRequest, options: ExchangeOptions): Promise<ExchangeResult> {
  if (options.signal.aborted) return Promise.resolve({ ok: false, failure: { reason: 'aborted' } });
  const target = parseTarget(request.url);
  if (typeof target === 'string') return Promise.resolve({ ok: false, failure: { reason: 'config', message: target } });
  return new Promise<ExchangeResult>((resolve) => {
    let settled = false;
    let live: { destroy(): unknown }[] = [];
    const finish = (result: ExchangeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const fail = (failure: ExchangeFailure): void => {
      finish({ ok: false, failure });
      for (const part of live) part.destroy();
      live = [];
    };
    const onAbort = (): void => fail({ reason: 'aborted' });
    const timer = setTimeout(() => fail({ reason: 'timeout' }), options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });

    // A Buffer body makes node:http write the header block as Latin-1, as fetch does: header values are byte strings.
    const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const send = (url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, redirectsLeft: number): void => {
      let req: ClientRequest;
      try {
        const outgoing: OutgoingHttpHeaders = { 'user-agent': USER_AGENT, ...headers };
        if (body !== undefined) outgoing['content-length'] = body.byteLength;
        const protocol = url.protocol as keyof typeof AGENTS;
        req = (protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers: outgoing, agent: AGENTS[protocol] });
      } catch (err) {
        // node:http validates the method and headers before sending anything.
        fail({ reason: 'config', message: err instanceof Error ? err.message : String(err) });
        return;
      }
      live = [req];
      req.on('error', (err) => fail({ reason: 'network', error: err }));
      req.on('response', (res: IncomingMessage) => {
        if (settled) {
          res.destroy();
          return;
        }
        live = [req, res];
        const next = options.followRedirects && redirectsLeft > 0 ? redirectOf(url, method, res) : undefined;
        if (next) {
          res.resume();
          const sameOrigin = next.origin === url.origin;
          send(next, method, sameOrigin ? headers : withoutCredentials(headers, options.secrets ?? []), body, redirectsLeft - 1);
          return;
        }
        readReply(res, options, live, finish, fail);
      });
      req.end(body);
    };
    send(target, request.method, request.headers, payload, MAX_REDIRECTS);
  });
}

// Parsed targets by URL: a run sends thousands of requests to a handful of URLs.
const parsedTargets = new Map<string, URL | string>();
const MAX_PARSED_TARGETS = 256;

// A URL node:http can send to, or what is wrong with it (node:http does not change the URL it is given).
function parseTarget(raw: string): URL | string {
  let parsed = parsedTargets.get(raw);
  if (parsed === undefined) {
    parsed = checkTarget(raw);
    if (parsedTargets.size >= MAX_PARSED_TARGETS) parsedTargets.clear();
    parsedTargets.set(raw, parsed);
  }
  return parsed;
}

function checkTarget(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `unsupported protocol ${url.protocol} (use http or https)`;
  // The user name and password of a URL would be sent as basic auth: credentials belong in the auth settings.
  if (url.username || url.password) return 'the URL includes credentials (a user name or password); put them in the auth settings';
  return url;
}

// Where a 3xx reply sends this request, when it is followed with the same method and body.
function redirectOf(from: URL, method: string, res: IncomingMessage): URL | undefined {
  const status = res.statusCode ?? 0;
  const location = res.headers.location;
  if (status < 300 || status > 399 || !location) return undefined;
  // A POST is only re-sent as it was (307/308): fetch turns it into a GET without body, which no API expects.
  if (status !== 307 && status !== 308 && method !== 'GET' && method !== 'HEAD') return undefined;
  try {
    const next = new URL(location, from);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : undefined;
  } catch {
    return undefined;
  }
}

// The auth header may have any name (target.auth.header): a header carrying a known
// secret, or with a secret-looking name, stays with the origin it was meant for.
function withoutCredentials(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretName(name) && !secrets.some((secret) => secret !== '' && value.includes(secret))) kept[name] = value;
  }
  return kept;
}

// Reads a reply body within its cap, decompressing it when the server compressed it anyway.
function readReply(
  res: IncomingMessage,
  options: ExchangeOptions,
  live: { destroy(): unknown }[],
  finish: (result: ExchangeResult) => void,
  fail: (failure: ExchangeFailure) => void,
): void {
  const status = res.statusCode ?? 0;
  const success = status >= 200 && status < 300;
  const limit = success ? options.maxBytes : options.otherBodyBytes;
  const announced = Number(res.headers['content-length'] ?? NaN);
  if (success && announced > limit) {
    fail({ reason: 'too_large', status, bytes: announced });
    return;
  }
  const source = decompressed(res);
  if (source !== res) live.push(source);
  const onChunk = success ? options.onChunk : undefined;
  const decoder = onChunk ? new StringDecoder('utf8') : undefined;
  const chunks: Buffer[] = [];
  let text = '';
  let bytes = 0;
  const reply = (body: string): ExchangeResult => ({
    ok: true,
    reply: { status, statusText: res.statusMessage ?? '', headers: new NodeReplyHeaders(res.headers), body },
  });
  const collected = (): string => (decoder ? text + decoder.end() : Buffer.concat(chunks).toString('utf8'));
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength;
    if (bytes > limit) {
      if (success) {
        fail({ reason: 'too_large', status, bytes });
        return;
      }
      chunks.push(chunk.subarray(0, chunk.byteLength - (bytes - limit)));
      finish(reply(collected()));
      for (const part of live) part.destroy();
      return;
    }
    if (decoder) {
      const piece = decoder.write(chunk);
      text += piece;
      if (piece) onChunk?.(piece);
    } else {
      chunks.push(chunk);
    }
  });
  source.on('end', () => {
    if (decoder) {
      const rest = decoder.end();
      if (rest) onChunk?.(rest);
      text += rest;
      finish(reply(text));
      return;
    }
    finish(reply(collected()));
  });
  source.on('error', (err: Error) => {
    if (source !== res && !(err as NodeJS.ErrnoException).code?.startsWith('ECONN'))
      fail({
        reason: 'undecodable',
        status,
        message: `the ${res.headers['content-encoding']} reply could not be decompressed (${err.message})`,
      });
    else fail({ reason: 'network', error: err });
  });
  if (source !== res) res.on('error', (err) => fail({ reason: 'network', error: err }));
  // A connection closed before the whole reply arrived.
  res.on('close', () => {
    if (!res.complete)
      fail({
        reason: 'network',
        error: Object.assign(new Error('the connection closed before the reply was complete'), { code: 'ECONNRESET' }),
      });
  });
}

function decompressed(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const inflater =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!inflater) return res;
  res.pipe(inflater);
  return inflater;
}
