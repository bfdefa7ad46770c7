// Aggregation of the performance suite's calls: percentiles overall and per
// phase, time to first token, throughput and error rate, against thresholds.
import type { CaseResult, MetricVerdict, SuiteSummary } from '../../model/runTypes';
import { mean, percentile, percentiles, throughput } from '../../metrics/stats';
import { buildSummary, judgeMetric } from '../../metrics/verdict';
import type { ThresholdValues } from '../manifests';

/** What a performance case keeps in its details (read back by the summary). */
export interface PerfCaseDetails {
  round: number;
  qid: string;
  /** cold = the first call of a question in this run; warm = a repeat. */
  phase: 'cold' | 'warm';
  /** Epoch ms when the call started and ended (for throughput). */
  started_at_ms: number;
  ended_at_ms: number;
  /** What the target reported (X-Perf-Phase, X-Source, X-Latency-MS), when it did. */
  server_phase?: string;
  source?: string;
  server_latency_ms?: number;
}

function perfDetails(c: CaseResult): PerfCaseDetails | undefined {
  const d = c.details as Partial<PerfCaseDetails> | undefined;
  return d && typeof d.started_at_ms === 'number' && typeof d.ended_at_ms === 'number' ? (d as PerfCaseDetails) : undefined;
}

function latencies(cases: readonly CaseResult[]): number[] {
  return cases.filter((c) => c.status !== 'error' && typeof c.metrics.latency_ms === 'number').map((c) => c.metrics.latency_ms as number);
}

function info(name: string, value: number | null, thresholds: ThresholdValues, reason: string): MetricVerdict {
  return judgeMetric(name, value, undefined, thresholds, value === null ? reason : undefined);
}

/**
 * Summarises performance calls. Latency percentiles cover successful calls only
 * (a timeout's latency is the timeout, not the target's speed); error_rate =
 * failed calls / calls; throughput = calls (successful or not) / seconds from
 * the first call's start to the last call's end. ttft_p95_ms is unmeasured, not
 * failed, when the target does not stream.
 */
export function summarizePerformance(cases: readonly CaseResult[], thresholds: ThresholdValues, notes: string[]): SuiteSummary {
  const counted = cases.filter((c) => c.status !== 'cancelled');
  const ok = counted.filter((c) => c.status !== 'error');
  const all = latencies(ok);
  const phaseOf = (c: CaseResult): string | undefined => perfDetails(c)?.phase;
  const cold = latencies(ok.filter((c) => phaseOf(c) === 'cold'));
  const warm = latencies(ok.filter((c) => phaseOf(c) === 'warm'));
  const ttft = ok.map((c) => c.metrics.ttft_ms).filter((v): v is number => typeof v === 'number');
  const p = percentiles(all);
  const noCalls = counted.length === 0 ? 'no call finished' : 'no call succeeded';

  const timed = counted.map(perfDetails).filter((d): d is PerfCaseDetails => d !== undefined);
  // A loop, not Math.min(...spread): a spread of 300,000 values overflows the stack.
  const firstStart = timed.reduce((m, d) => Math.min(m, d.started_at_ms), Infinity);
  const lastEnd = timed.reduce((m, d) => Math.max(m, d.ended_at_ms), -Infinity);
  const rps = timed.length === 0 ? null : throughput(timed.length, firstStart, lastEnd);
  const errorRate = counted.length === 0 ? null : (counted.length - ok.length) / counted.length;

  const metrics: MetricVerdict[] = [
    info('p50_ms', p.p50, thresholds, noCalls),
    info('p90_ms', p.p90, thresholds, noCalls),
    judgeMetric('p95_ms', p.p95, 'p95_ms_max', thresholds, p.p95 === null ? noCalls : undefined),
    info('p99_ms', p.p99, thresholds, noCalls),
    info('mean_ms', mean(all), thresholds, noCalls),
    info('cold_p50_ms', percentile(cold, 50), thresholds, 'no successful cold call'),
    info('cold_p95_ms', percentile(cold, 95), thresholds, 'no successful cold call'),
    info('warm_p50_ms', percentile(warm, 50), thresholds, 'no successful warm call (perf_repeats < 2?)'),
    info('warm_p95_ms', percentile(warm, 95), thresholds, 'no successful warm call (perf_repeats < 2?)'),
    judgeMetric(
      'ttft_p95_ms',
      percentile(ttft, 95),
      'ttft_p95_ms_max',
      thresholds,
      ttft.length === 0 ? 'the target does not stream: no time to first token' : undefined,
    ),
    info('throughput_rps', rps, thresholds, counted.length === 0 ? 'no call finished' : 'wall time too short to measure'),
    judgeMetric('error_rate', errorRate, 'error_rate_max', thresholds, errorRate === null ? 'no call finished' : undefined),
  ];

  const serverPhases: Record<string, number> = {};
  const sources: Record<string, number> = {};
  for (const d of timed) {
    if (d.server_phase) serverPhases[d.server_phase] = (serverPhases[d.server_phase] ?? 0) + 1;
    if (d.source) sources[d.source] = (sources[d.source] ?? 0) + 1;
  }
  const details: Record<string, unknown> = {
    calls: counted.length,
    successful: ok.length,
    cold_calls: cold.length,
    warm_calls: warm.length,
    ...(timed.length > 0 ? { wall_ms: lastEnd - firstStart } : {}),
    ...(Object.keys(serverPhases).length > 0 ? { server_phases: serverPhases } : {}),
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
  };
  if ((sources.cache ?? 0) > 0) notes.push(`${sources.cache} answers were served from the target's cache (X-Source: cache)`);
  return buildSummary('performance', cases, metrics, notes, details);
}
