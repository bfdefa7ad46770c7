// The one place HTTP targets talk to the network: Node's fetch with a per-attempt
// timeout combined with the run's signal, a reply size cap, classified failures
// and retries of transient ones. Nothing here throws for a failed call.

import type { TargetError } from './target';
import { classifyFetchError, describeUrl } from './httpErrors';
import type { AttemptSignals } from './httpErrors';
import { excerpt, maskSecrets } from './redact';
import { DEFAULT_BACKOFF, isTransient, parseRetryAfter, retryDelayMs, sleep } from './retryPolicy';
import type { BackoffOptions } from './retryPolicy';

/** Largest reply body accepted (10 MB); a bigger one fails as unparseable. */
export const MAX_REPLY_BYTES = 10 * 1024 * 1024;

/** What to send. */
export interface HttpRequestSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** How to send it. */
export interface HttpCallOptions {
  /** The run's signal: aborting it ends the call at once with kind 'aborted'. */
  signal: AbortSignal;
  /** Budget of one attempt, body included. */
  timeoutMs: number;
  /** Extra attempts for transient failures. */
  retries: number;
  noRetry?: boolean;
  /** Values that must never appear in errors (the bearer token). */
  secrets?: readonly string[];
  maxBytes?: number;
  backoff?: BackoffOptions;
  /** Sees a successful reply's body as it arrives (streaming); `attempt` changes when a retry starts over. */
  onChunk?: (text: string, attempt: number) => void;
}

/** A reply with a 2xx status. */
export interface HttpReply {
  status: number;
  headers: Headers;
  body: string;
  contentType: string;
}

/** The outcome of a call; `latencyMs` spans all attempts and the waits between them. */
export type HttpCallResult =
  | { ok: true; reply: HttpReply; latencyMs: number; attempts: number }
  | { ok: false; error: TargetError; latencyMs: number; attempts: number };

type AttemptResult = { ok: true; reply: HttpReply } | { ok: false; error: TargetError };

/** Sends a request, retrying transient failures with backoff (and Retry-After); never throws. */
export async function httpCall(spec: HttpRequestSpec, options: HttpCallOptions): Promise<HttpCallResult> {
  const started = performance.now();
  const maxAttempts = options.noRetry ? 1 : Math.max(0, options.retries) + 1;
  const elapsed = (): number => performance.now() - started;
  let attempts = 0;
  for (;;) {
    attempts++;
    const result = await attempt(spec, options, attempts);
    if (result.ok) return { ok: true, reply: result.reply, latencyMs: elapsed(), attempts };
    const error = result.error;
    if (attempts >= maxAttempts || !isTransient(error)) {
      if (attempts > 1) error.message += ` (after ${attempts} attempts)`;
      return { ok: false, error, latencyMs: elapsed(), attempts };
    }
    try {
      await sleep(retryDelayMs(attempts, error, options.backoff ?? DEFAULT_BACKOFF), options.signal);
    } catch {
      return { ok: false, error: { kind: 'aborted', message: 'cancelled while waiting to retry' }, latencyMs: elapsed(), attempts };
    }
  }
}

async function attempt(spec: HttpRequestSpec, options: HttpCallOptions, attemptNo: number): Promise<AttemptResult> {
  const secrets = options.secrets ?? [];
  const where = describeUrl(spec.url);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signals: AttemptSignals = { run: options.signal, timeout, timeoutMs: options.timeoutMs };
  if (options.signal.aborted) return { ok: false, error: { kind: 'aborted', message: 'cancelled before the call' } };
  const signal = AbortSignal.any([options.signal, timeout]);
  let response: Response;
  try {
    response = await fetch(spec.url, { method: spec.method, headers: spec.headers, body: spec.body, signal });
  } catch (err) {
    return { ok: false, error: classifyFetchError(err, signals, where, secrets) };
  }
  const maxBytes = options.maxBytes ?? MAX_REPLY_BYTES;
  const contentType = response.headers.get('content-type') ?? '';
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, error: tooLarge(maxBytes, response.status) };
  }
  const onChunk = response.ok && options.onChunk ? (text: string) => options.onChunk?.(text, attemptNo) : undefined;
  // An error body only needs an excerpt: read at most 64 KB of it.
  const body = await readBody(response, response.ok ? maxBytes : 64 * 1024, !response.ok, onChunk).catch((err: unknown) => err);
  if (typeof body !== 'string') {
    if (body === TOO_LARGE) return { ok: false, error: tooLarge(maxBytes, response.status) };
    return { ok: false, error: classifyFetchError(body, signals, where, secrets) };
  }
  if (!response.ok) return { ok: false, error: statusError(response, body, where, secrets) };
  return { ok: true, reply: { status: response.status, headers: response.headers, body, contentType } };
}

const TOO_LARGE = Symbol('too large');

// Reads the body as text, stopping at `limit` bytes: either failing (a reply too
// large) or, for error bodies, keeping what was read (`truncate`).
async function readBody(response: Response, limit: number, truncate: boolean, onChunk?: (text: string) => void): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      if (truncate) return text + decoder.decode(value.subarray(0, Math.max(0, value.byteLength - (bytes - limit))));
      throw TOO_LARGE;
    }
    const chunk = decoder.decode(value, { stream: true });
    text += chunk;
    if (chunk && onChunk) onChunk(chunk);
  }
  const rest = decoder.decode();
  if (rest) {
    text += rest;
    onChunk?.(rest);
  }
  return text;
}

function tooLarge(maxBytes: number, status: number): TargetError {
  return { kind: 'unparseable', message: `reply too large (over ${Math.round(maxBytes / 1024 / 1024)} MB)`, status };
}

function statusError(response: Response, body: string, where: string, secrets: readonly string[]): TargetError {
  const bodyExcerpt = excerpt(body, secrets);
  const error: TargetError = {
    kind: 'http_status',
    status: response.status,
    message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${where}${bodyExcerpt ? `: ${bodyExcerpt.slice(0, 120)}` : ''}`,
    bodyExcerpt,
  };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
  return error;
}

/** Parses a reply body as JSON; an unparseable body becomes a TargetError with an excerpt. */
export function parseJsonReply(body: string, secrets: readonly string[] = []): { ok: true; value: unknown } | { ok: false; error: TargetError } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const bodyExcerpt = excerpt(body, secrets);
    return { ok: false, error: { kind: 'unparseable', message: `reply is not JSON (${maskSecrets(why, secrets)})`, bodyExcerpt } };
  }
}

/**
 * A single request for suites that probe routes (compliance RBAC): no retries,
 * no auth added, body capped. Rejects with a secret-free Error when no reply came.
 */
export async function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
  timeoutMs: number,
  secrets: readonly string[] = [],
): Promise<{ status: number; body: string }> {
  const where = describeUrl(url);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signals: AttemptSignals = { run: init.signal, timeout, timeoutMs };
  try {
    // Redirects are not followed: a protected route that redirects to a login page answered 3xx, it was not reachable.
    const response = await fetch(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body, signal: AbortSignal.any([init.signal, timeout]), redirect: 'manual' });
    const body = await readBody(response, 64 * 1024, true);
    return { status: response.status, body: maskSecrets(body, secrets) };
  } catch (err) {
    const error = classifyFetchError(err, signals, where, secrets);
    // The cause is dropped on purpose: undici errors can carry request details (headers).
    throw new Error(`${error.kind}: ${error.message}`); // eslint-disable-line preserve-caught-error
  }
}
