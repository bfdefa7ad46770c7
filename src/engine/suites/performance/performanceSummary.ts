// Aggregation of the performance suite's calls: percentiles overall and per
// phase, time to first token, throughput and error rate, against thresholds.
import type { CaseResult, MetricVerdict, SuiteSummary } from '../../model/runTypes';
import { mean, percentile, percentiles, throughput } from '../../metrics/stats';
import { buildSummary, judgeMetric } from '../../metrics/verdict';
import type { ThresholdValues } from '../manifests';
import type { SummaryFold } from '../suite';
import { countCase, noCases } from '../../model/caseOutcome';

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

function info(name: string, value: number | null, thresholds: ThresholdValues, reason: string): MetricVerdict {
  return judgeMetric(name, value, undefined, thresholds, value === null ? reason : undefined);
}

/**
 * Folds performance calls into the suite's summary. Latency percentiles cover
 * successful calls only (a timeout's latency is the timeout, not the target's
 * speed); error_rate = failed calls / calls; throughput = calls (successful or
 * not) / seconds from the first call's start to the last call's end.
 * ttft_p95_ms is unmeasured, not failed, when the target does not stream. A call
 * costs the fold a few numbers (its latencies), never the call itself.
 */
export function performanceFold(thresholds: ThresholdValues, notes: string[]): SummaryFold {
  const counts = noCases();
  const all: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const ttft: number[] = [];
  const serverPhases: Record<string, number> = {};
  const sources: Record<string, number> = {};
  let counted = 0;
  let ok = 0;
  let timed = 0;
  let firstStart = Infinity;
  let lastEnd = -Infinity;
  const add = (c: CaseResult): void => {
    countCase(counts, c);
    if (c.status === 'cancelled') return;
    counted++;
    const d = perfDetails(c);
    if (d) {
      timed++;
      firstStart = Math.min(firstStart, d.started_at_ms);
      lastEnd = Math.max(lastEnd, d.ended_at_ms);
      if (d.server_phase) serverPhases[d.server_phase] = (serverPhases[d.server_phase] ?? 0) + 1;
      if (d.source) sources[d.source] = (sources[d.source] ?? 0) + 1;
    }
    if (c.status === 'error') return;
    ok++;
    const latency = c.metrics.latency_ms;
    if (typeof latency === 'number') {
      all.push(latency);
      if (d?.phase === 'cold') cold.push(latency);
      else if (d?.phase === 'warm') warm.push(latency);
    }
    const first = c.metrics.ttft_ms;
    if (typeof first === 'number') ttft.push(first);
  };
  const finish = (): SuiteSummary => {
    const p = percentiles(all);
    const noCalls = counted === 0 ? 'no call finished' : 'no call succeeded';
    const rps = timed === 0 ? null : throughput(timed, firstStart, lastEnd);
    const errorRate = counted === 0 ? null : (counted - ok) / counted;
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
      info('throughput_rps', rps, thresholds, counted === 0 ? 'no call finished' : 'wall time too short to measure'),
      judgeMetric('error_rate', errorRate, 'error_rate_max', thresholds, errorRate === null ? 'no call finished' : undefined),
    ];
    const details: Record<string, unknown> = {
      calls: counted,
      successful: ok,
      cold_calls: cold.length,
      warm_calls: warm.length,
      ...(timed > 0 ? { wall_ms: lastEnd - firstStart } : {}),
      ...(Object.keys(serverPhases).length > 0 ? { server_phases: serverPhases } : {}),
      ...(Object.keys(sources).length > 0 ? { sources } : {}),
    };
    if ((sources.cache ?? 0) > 0) notes.push(`${sources.cache} answers were served from the target's cache (X-Source: cache)`);
    return buildSummary('performance', counts, metrics, notes, details);
  };
  return { add, finish };
}
