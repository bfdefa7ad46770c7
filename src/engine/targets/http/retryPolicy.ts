// When and how long to wait before trying a call again. Transient failures only
// (5xx, 429, a refused or reset connection): a 4xx says the request itself is
// wrong, and a timeout already cost the full budget, so neither is repeated.

import type { TargetError } from '../../model/target';

/** Backoff tuning; the defaults suit a test run against a live service. */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter (ms). */
  baseMs: number;
  /** Upper bound of a computed backoff delay (ms). */
  maxMs: number;
  /** Upper bound of a server-requested Retry-After wait (ms). */
  maxRetryAfterMs: number;
}

/** Defaults: 200 ms doubling to at most 5 s; Retry-After honoured up to 30 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, maxMs: 5000, maxRetryAfterMs: 30000 };

/** Whether a failed attempt is worth repeating. */
export function isTransient(error: TargetError): boolean {
  if (error.kind === 'connection_refused' || error.kind === 'connection_reset') return true;
  if (error.kind === 'http_status' && error.status !== undefined) return error.status >= 500 || error.status === 429;
  return false;
}

/**
 * Milliseconds to wait before retry number `retry` (1-based): the server's
 * Retry-After when it gave one (capped), else exponential backoff with full
 * jitter in [d/2, d] where d = base·2^(retry-1), capped.
 */
export function retryDelayMs(
  retry: number,
  error: TargetError,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (error.retryAfterMs !== undefined) return Math.min(Math.max(0, error.retryAfterMs), options.maxRetryAfterMs);
  const d = Math.min(options.maxMs, options.baseMs * 2 ** (retry - 1));
  return Math.round(d / 2 + (random() * d) / 2);
}

/** Parses a Retry-After header: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
