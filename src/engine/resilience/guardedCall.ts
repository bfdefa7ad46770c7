import type { Target } from '../model/target';
import type { CircuitBreaker } from './circuitBreaker';
import type { Outcome } from './outcomes';
import { classifyResult } from './outcomes';

/** What one call of a scenario did: the evidence row of the Resilience details. */
export interface CallRecord {
  /** 1-based call number within the scenario. */
  n: number;
  outcome: Outcome;
  /** Milliseconds from the scenario start to the call start. */
  startMs: number;
  latencyMs: number;
  /** The target's error kind (e.g. unparseable, connection_reset), when the call failed. */
  errorKind?: string;
  status?: number;
  message?: string;
  attempts?: number;
  retryAfterMs?: number;
}

/** Per-call settings of a guarded call. */
export interface GuardedCallOptions {
  question: string;
  timeoutMs: number;
  retries: number;
  signal: AbortSignal;
  /** Scenario start, from the same clock as `now`. */
  origin: number;
  n: number;
  now?: () => number;
}

/**
 * Makes one call through a circuit breaker: refused without calling the target
 * when the circuit is open (outcome circuit_open), otherwise classified and
 * reported to the breaker. Never throws.
 */
export async function guardedCall(target: Target, breaker: CircuitBreaker, options: GuardedCallOptions): Promise<CallRecord> {
  const now = options.now ?? Date.now;
  const startMs = now() - options.origin;
  if (!breaker.tryAcquire()) {
    return { n: options.n, outcome: 'circuit_open', startMs, latencyMs: 0, message: 'refused by the circuit breaker (open)' };
  }
  const began = now();
  try {
    const result = await target.ask({
      question: options.question,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      noRetry: options.retries === 0,
    });
    const outcome = classifyResult(result);
    const attempts = result.meta.attempts;
    if (result.ok) {
      breaker.recordSuccess();
      return { n: options.n, outcome, startMs, latencyMs: result.latencyMs, ...(attempts !== undefined ? { attempts } : {}) };
    }
    breaker.recordFailure(outcome);
    const e = result.error;
    return {
      n: options.n,
      outcome,
      startMs,
      latencyMs: result.latencyMs,
      errorKind: e.kind,
      message: e.message,
      ...(e.status !== undefined ? { status: e.status } : {}),
      ...(attempts !== undefined ? { attempts } : {}),
      ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
    };
  } catch (err) {
    // Targets should never throw; if one does, the call still gets a row instead of sinking the scenario.
    breaker.recordFailure('connection_error');
    return {
      n: options.n,
      outcome: 'connection_error',
      startMs,
      latencyMs: now() - began,
      errorKind: 'exception',
      message: err instanceof Error ? err.message : String(err),
    };
  }
}

/** Waits `ms` milliseconds; resolves early (false) when the signal aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
