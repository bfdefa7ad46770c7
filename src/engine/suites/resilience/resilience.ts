import type { CaseResult, MetricVerdict } from '../../model/runTypes';
import type { SuiteContext, SuiteDefinition } from '../suite';
import { collectingFold } from '../suite';
import type { PlannedCase } from '../../model/runTypes';
import type { CallRecord } from '../../resilience/guardedCall';
import type { ResilienceScenario } from './resilienceScenarios';
import { CircuitBreaker } from '../../resilience/circuitBreaker';
import { delay, guardedCall } from '../../resilience/guardedCall';
import { CasePool } from '../../resilience/pool';
import { emptyOutcomeCounts } from '../../resilience/outcomes';
import { percentile } from '../../metrics/stats';
import { buildScenarios, MAX_RESET_WAIT_MS } from './resilienceScenarios';
import { describeFailures, judgeMetric } from '../../metrics/verdict';
import { summarizeResilience } from './resilienceSummary';
import { resilienceDetailRows } from './resilienceSheet';

/** The question every resilience call asks: short and harmless, so only the transport is tested. */
export const RESILIENCE_QUESTION = 'Resilience check: in one short sentence, what can you help me with?';

/** The circuit breaker key of a target: its description plus provider:model, as the original keyed breakers. */
export function breakerKey(ctx: SuiteContext): string {
  const t = ctx.profile.raw.target;
  return t.provider || t.model ? `${ctx.target.description} ${t.provider ?? ''}:${t.model ?? ''}` : ctx.target.description;
}

/** Outcome counts, success rate and success percentiles of a list of calls. */
export function callStats(calls: readonly CallRecord[]): {
  counts: ReturnType<typeof emptyOutcomeCounts>;
  successRate: number | null;
  p50: number | null;
  p95: number | null;
} {
  const counts = emptyOutcomeCounts();
  for (const c of calls) counts[c.outcome]++;
  const ok = calls.filter((c) => c.outcome === 'success').map((c) => c.latencyMs);
  return { counts, successRate: calls.length === 0 ? null : ok.length / calls.length, p50: percentile(ok, 50), p95: percentile(ok, 95) };
}

async function runScenario(
  sc: ResilienceScenario,
  ctx: SuiteContext,
  breaker: CircuitBreaker,
): Promise<{ calls: CallRecord[]; notes: string[] }> {
  const origin = Date.now();
  const notes: string[] = [];
  const common = { question: RESILIENCE_QUESTION, timeoutMs: sc.timeoutMs, retries: sc.retries, signal: ctx.signal, origin };
  // Call i lands at index i whatever order calls finish in; calls not started before a cancel leave no entry.
  const made: (CallRecord | undefined)[] = [];
  await new CasePool(sc.concurrency).run(
    Array.from({ length: sc.calls }, (_, i) => i + 1),
    ctx.signal,
    async (n, i) => {
      made[i] = await guardedCall(ctx.target, breaker, { ...common, n });
    },
  );
  const calls = made.filter((c): c is CallRecord => c !== undefined);
  if (sc.probeAfterOpen && breaker.transitions.some((t) => t.to === 'open') && !ctx.signal.aborted) {
    const wait = breaker.msUntilTrial();
    if (wait > MAX_RESET_WAIT_MS)
      notes.push(`reset time ${wait} ms is longer than the ${MAX_RESET_WAIT_MS} ms a scenario waits: the trial call may be refused`);
    // Timers may fire a millisecond before the clock says the time has passed: wait until the breaker agrees.
    const deadline = Date.now() + MAX_RESET_WAIT_MS;
    while (breaker.msUntilTrial() > 0 && Date.now() < deadline && !ctx.signal.aborted) {
      await delay(Math.min(breaker.msUntilTrial() + 1, deadline - Date.now()), ctx.signal);
    }
    if (!ctx.signal.aborted) calls.push(await guardedCall(ctx.target, breaker, { ...common, n: calls.length + 1 }));
  }
  return { calls, notes };
}

function outcomeLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${o} ${n}`)
    .join(', ');
}

/** resilience: a catalogue of timeout, burst, retry and circuit-breaker scenarios against the configured target. */
export const resilienceSuite: SuiteDefinition<ResilienceScenario, void> = {
  name: 'resilience',
  title: 'Resilience: timeouts, bursts, retries and a circuit breaker against the configured target',
  sequential: true,

  async plan(ctx: SuiteContext): Promise<PlannedCase<ResilienceScenario>[]> {
    return buildScenarios(ctx.profile).map((sc) => ({ id: `resilience:${sc.id}`, input: sc.title, expected: null, payload: sc }));
  },

  async runCase(planned: PlannedCase<ResilienceScenario>, ctx: SuiteContext): Promise<CaseResult> {
    const sc = planned.payload;
    const started = Date.now();
    const breaker = new CircuitBreaker({ failureThreshold: sc.circuit.fails, resetMs: sc.circuit.resetMs, key: breakerKey(ctx) });
    const { calls, notes } = await runScenario(sc, ctx, breaker);
    const { counts, successRate, p50, p95 } = callStats(calls);
    const verdict: MetricVerdict = judgeMetric('success_rate', successRate, 'success_rate_min', ctx.profile.thresholds);
    const cancelled = ctx.signal.aborted;
    const allConfig = calls.length > 0 && calls.every((c) => c.errorKind === 'config');
    const status = cancelled ? 'cancelled' : allConfig ? 'error' : verdict.pass === true ? 'passed' : 'failed';
    const summary = calls.length === 0 ? 'no call made' : `${counts.success}/${calls.length} succeeded (${outcomeLine(counts)})`;
    const firstFailure = calls.find((c) => c.outcome !== 'success');
    let error: string | null = null;
    if (status === 'cancelled') error = 'run cancelled';
    else if (status === 'error') error = `target misconfigured: ${firstFailure?.message ?? ''}`;
    else if (status === 'failed')
      error = `${describeFailures([verdict]) ?? 'success_rate unmeasured'}: ${outcomeLine(counts)}${firstFailure?.message ? ` (first failure: ${firstFailure.message})` : ''}`;
    ctx.log(status === 'passed' ? 'info' : 'warn', `resilience ${sc.id}: ${summary}`);
    return {
      suite: 'resilience',
      case_id: planned.id,
      input: sc.title,
      expected: `success rate ≥ ${verdict.threshold ?? ''}`,
      output: summary,
      contexts: [],
      metrics: { success_rate: successRate, p50_ms: p50, p95_ms: p95, calls: calls.length, circuit_open: counts.circuit_open },
      status,
      pass: status === 'passed',
      error,
      latency_ms: Date.now() - started,
      timestamp: new Date(started).toISOString(),
      details: {
        scenario: {
          kind: sc.kind,
          calls: sc.calls,
          concurrency: sc.concurrency,
          timeout_ms: sc.timeoutMs,
          retries: sc.retries,
          circuit: { fails: sc.circuit.fails, reset_ms: sc.circuit.resetMs },
        },
        outcomes: counts,
        calls,
        breaker: {
          key: breaker.transitions[0]?.key ?? breakerKey(ctx),
          final_state: breaker.state,
          rejected: breaker.rejected,
          transitions: [...breaker.transitions],
        },
        ...(notes.length > 0 ? { notes } : {}),
      },
    };
  },

  // Its cases are bounded by design, not by a dataset: kept until the summary.
  summarizer: (ctx: SuiteContext) => collectingFold((cases) => summarizeResilience(cases, ctx)),

  detailRows: resilienceDetailRows,
};
