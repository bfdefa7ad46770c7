import type { CaseResult, SuiteSummary } from '../../model/runTypes';
import type { SuiteContext } from '../suite';
import type { CallRecord } from '../../resilience/guardedCall';
import type { BreakerTransition } from '../../resilience/circuitBreaker';
import { OUTCOMES, emptyOutcomeCounts } from '../../resilience/outcomes';
import { percentile } from '../../metrics/stats';
import { buildSummary, judgeMetric } from '../../metrics/verdict';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The call rows a resilience case recorded in its details (empty for a case that errored before calling). */
export function callsOf(c: CaseResult): CallRecord[] {
  const calls = c.details?.calls;
  if (!Array.isArray(calls)) return [];
  return calls.filter(
    (x): x is CallRecord => isRecord(x) && typeof x.outcome === 'string' && (OUTCOMES as readonly string[]).includes(x.outcome),
  );
}

/** The breaker transitions a resilience case recorded in its details. */
export function transitionsOf(c: CaseResult): BreakerTransition[] {
  const breaker = c.details?.breaker;
  if (!isRecord(breaker) || !Array.isArray(breaker.transitions)) return [];
  return breaker.transitions.filter((t): t is BreakerTransition => isRecord(t) && typeof t.to === 'string');
}

/**
 * Summarises resilience cases: success rate over every call (circuit_open
 * refusals count as failed calls), counts per outcome, p50/p95 of successful
 * calls, and every breaker transition tagged with its scenario.
 */
export function summarizeResilience(cases: readonly CaseResult[], ctx: SuiteContext): SuiteSummary {
  const counts = emptyOutcomeCounts();
  const okLatencies: number[] = [];
  let total = 0;
  const scenarios: Record<string, unknown>[] = [];
  const events: (BreakerTransition & { scenario: string })[] = [];
  for (const c of cases) {
    const calls = callsOf(c);
    for (const call of calls) {
      counts[call.outcome]++;
      total++;
      if (call.outcome === 'success') okLatencies.push(call.latencyMs);
    }
    for (const t of transitionsOf(c)) events.push({ ...t, scenario: c.case_id });
    scenarios.push({
      case_id: c.case_id,
      status: c.status,
      calls: calls.length,
      success_rate: c.metrics.success_rate ?? null,
      p95_ms: c.metrics.p95_ms ?? null,
      outcomes: c.details?.outcomes ?? null,
    });
  }
  const successRate = total === 0 ? null : counts.success / total;
  const p50 = percentile(okLatencies, 50);
  const p95 = percentile(okLatencies, 95);
  const metrics = [
    judgeMetric('success_rate', successRate, 'success_rate_min', ctx.profile.thresholds, total === 0 ? 'no call was made' : undefined),
    judgeMetric('p50_ms', p50, undefined, ctx.profile.thresholds, 'no successful call'),
    judgeMetric('p95_ms', p95, undefined, ctx.profile.thresholds, 'no successful call'),
    judgeMetric('calls', total, undefined, ctx.profile.thresholds),
  ];
  const notes = [
    `target: ${ctx.target.description}`,
    'each scenario calls the configured target through its own circuit breaker; circuit_open = a call the breaker refused (counted as not successful)',
  ];
  if (counts.circuit_open > 0) notes.push(`${counts.circuit_open} call(s) refused by an open circuit`);
  return buildSummary('resilience', cases, metrics, notes, {
    outcomes: counts,
    success_rate: successRate,
    p50_ms: p50,
    p95_ms: p95,
    breaker_events: events.sort((a, b) => a.at - b.at),
    scenarios,
  });
}
