import type { AskResult, TargetError } from '../model/target';

/** Every outcome a resilience call can have, in report order. */
export const OUTCOMES = ['success', 'timeout', 'upstream_5xx', 'upstream_429', 'circuit_open', 'client_4xx', 'connection_error'] as const;

/** The outcome of one resilience call. */
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Classifies a failed call. Rules (documented in the README's resilience section):
 * - `timeout` (and `aborted` when the run itself was not cancelled, i.e. the call's own budget ran out) → timeout;
 * - HTTP 429 → upstream_429; 5xx → upstream_5xx; any other 4xx → client_4xx;
 * - an answer the client cannot use (non-JSON, truncated body, wrong shape: `unparseable`/`protocol`)
 *   and any other unexpected status → upstream_5xx, because the upstream failed to produce a valid reply;
 * - refused, reset or broken connections → connection_error;
 * - `config` (the client cannot even build the request) → client_4xx.
 * The raw error kind is always kept next to the outcome, so a reader can tell a 502 from a truncated body.
 */
export function classifyError(error: TargetError): Outcome {
  switch (error.kind) {
    case 'timeout':
    case 'aborted':
      return 'timeout';
    case 'http_status': {
      const status = error.status ?? 0;
      if (status === 429) return 'upstream_429';
      if (status >= 400 && status < 500) return 'client_4xx';
      return 'upstream_5xx';
    }
    case 'unparseable':
    case 'protocol':
      return 'upstream_5xx';
    case 'connection_refused':
    case 'connection_reset':
    case 'connection_error':
      return 'connection_error';
    case 'config':
      return 'client_4xx';
  }
}

/** Classifies the result of one call. */
export function classifyResult(result: AskResult): Outcome {
  return result.ok ? 'success' : classifyError(result.error);
}

/** A zeroed count per outcome. */
export function emptyOutcomeCounts(): Record<Outcome, number> {
  const counts = {} as Record<Outcome, number>;
  for (const o of OUTCOMES) counts[o] = 0;
  return counts;
}
