// The one place HTTP targets talk to the network: node:http exchanges (httpExchange.ts) with a per-attempt
// timeout combined with the run's signal, a reply size cap, classified failures
// and retries of transient ones. Nothing here throws for a failed call.

import type { TargetError } from '../../model/target';
import { exchange } from './httpExchange';
import type { ExchangeFailure, ExchangeReply, ReplyHeaders } from './httpExchange';
import { classifyNetworkError, describeUrl } from './httpErrors';
import { excerpt, maskSecrets } from '../../secrets/redact';
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
  headers: ReplyHeaders;
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
  const maxBytes = options.maxBytes ?? MAX_REPLY_BYTES;
  const onChunk = options.onChunk ? (text: string) => options.onChunk?.(text, attemptNo) : undefined;
  const result = await exchange(spec, {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes,
    otherBodyBytes: ERROR_BODY_BYTES,
    followRedirects: true,
    onChunk,
    secrets,
  });
  if (!result.ok) return { ok: false, error: failureError(result.failure, describeUrl(spec.url), secrets, options.timeoutMs, maxBytes) };
  const { reply } = result;
  if (reply.status < 200 || reply.status > 299) return { ok: false, error: statusError(reply, spec, secrets) };
  return {
    ok: true,
    reply: { status: reply.status, headers: reply.headers, body: reply.body, contentType: reply.headers.get('content-type') ?? '' },
  };
}

// An error body only needs an excerpt: at most 64 KB of it is read.
const ERROR_BODY_BYTES = 64 * 1024;

// What an exchange without a reply means for the run.
function failureError(
  failure: ExchangeFailure,
  where: string,
  secrets: readonly string[],
  timeoutMs: number,
  maxBytes: number,
): TargetError {
  switch (failure.reason) {
    case 'aborted':
      return { kind: 'aborted', message: 'cancelled' };
    case 'timeout':
      return { kind: 'timeout', message: `no complete reply within ${timeoutMs} ms` };
    case 'too_large':
      return tooLarge(failure.bytes, maxBytes, failure.status);
    case 'undecodable':
      return { kind: 'unparseable', message: failure.message, status: failure.status };
    case 'config':
      return { kind: 'config', message: `cannot send the request to ${where}: ${maskSecrets(failure.message, secrets).slice(0, 200)}` };
    case 'network':
      return classifyNetworkError(failure.error, where, secrets);
  }
}

function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

// `bytes` is what arrived before the read stopped (or the announced length): at least that much.
function tooLarge(bytes: number, maxBytes: number, status: number): TargetError {
  return { kind: 'unparseable', message: `reply too large (${bytes} bytes, limit ${maxBytes})`, status };
}

function statusError(reply: ExchangeReply, spec: HttpRequestSpec, secrets: readonly string[]): TargetError {
  const where = describeUrl(spec.url);
  const bodyExcerpt = excerpt(reply.body, secrets);
  const location = reply.status >= 300 && reply.status < 400 ? reply.headers.get('location') : null;
  const target = location ? describeUrl(resolveLocation(location, spec.url)) : '';
  // A redirect that is followed only ends up here when there were too many of them.
  const followed = reply.status === 307 || reply.status === 308 || spec.method === 'GET' || spec.method === 'HEAD';
  const detail = !location
    ? bodyExcerpt
      ? `: ${bodyExcerpt.slice(0, 120)}`
      : ''
    : followed
      ? `: too many redirects, the last to ${target}`
      : `: redirects to ${target} (a ${spec.method} is only re-sent after a 307 or 308; point the target at the new address)`;
  const error: TargetError = {
    kind: 'http_status',
    status: reply.status,
    message: `HTTP ${reply.status}${reply.statusText ? ` ${reply.statusText}` : ''} from ${where}${detail}`,
    bodyExcerpt,
  };
  const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'));
  if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
  return error;
}

/** Parses a reply body as JSON; an unparseable body becomes a TargetError with an excerpt. */
export function parseJsonReply(
  body: string,
  secrets: readonly string[] = [],
): { ok: true; value: unknown } | { ok: false; error: TargetError } {
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
  // Redirects are not followed: a protected route that redirects to a login page answered 3xx, it was not reachable.
  const result = await exchange(
    { url, method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body },
    { signal: init.signal, timeoutMs, maxBytes: MAX_REPLY_BYTES, otherBodyBytes: ERROR_BODY_BYTES, followRedirects: false },
  );
  // What matters to a probe is the status: the body is kept for an excerpt only.
  if (result.ok) return { status: result.reply.status, body: maskSecrets(result.reply.body.slice(0, ERROR_BODY_BYTES), secrets) };
  const error = failureError(result.failure, describeUrl(url), secrets, timeoutMs, MAX_REPLY_BYTES);
  throw new Error(`${error.kind}: ${error.message}`);
}
