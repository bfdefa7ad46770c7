import type { CaseResult, LogEntry, MetricVerdict, RunResult, RunStatus, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';
import { buildSummary, meanMetric } from '../metrics/verdict';
import { overallSummary } from '../model/caseOutcome';
import { formatMetricValue, meetsThreshold } from './reportModel';
import { newRunId } from '../model/runId';
import { checkShardSet, shardPartOf } from './shardSet';

/** Recomputes a suite's summary from the merged cases (the suite's own summarize(), bound to a context by the caller). */
export type MergeSummarize = (suite: SuiteName, cases: CaseResult[]) => SuiteSummary;

/** Options of mergeReports. */
export interface MergeOptions {
  /** Exact suite summaries; without it the fallback rule of mergeReports applies. */
  summarize?: MergeSummarize;
  /** How to name each report in errors (its file), in the order of the results; default: run ids. */
  labels?: readonly string[];
}

const STATUS_RANK: Record<RunStatus, number> = { passed: 0, inconclusive: 1, failed: 2, cancelled: 3, error: 4 };

function worst(statuses: readonly RunStatus[]): RunStatus {
  return statuses.reduce<RunStatus>((a, b) => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a), 'passed');
}

/**
 * Fallback suite summary when no summarize() is given. Counts come from the
 * merged cases. A metric whose name is also a per-case metric is recomputed as
 * the mean of the cases' values and judged again against the same threshold
 * (exact for every metric that is a mean of case values). Any other metric is an
 * aggregate (a percentile, a rate over pairs, a maximum): it is kept as is when
 * only one shard ran the suite, and otherwise becomes unmeasured with a reason,
 * never a guess.
 */
export function mergeSuiteSummary(suite: SuiteName, cases: readonly CaseResult[], parts: readonly SuiteSummary[]): SuiteSummary {
  if (parts.length === 1) {
    const only = parts[0]!;
    return buildSummary(suite, cases, only.metrics, only.notes, only.details);
  }
  const caseMetrics = new Set(cases.flatMap((c) => Object.keys(c.metrics)));
  const metrics: MetricVerdict[] = [];
  const seen = new Set<string>();
  for (const m of parts.flatMap((p) => p.metrics)) {
    if (seen.has(m.name)) continue;
    seen.add(m.name);
    const judged = {
      name: m.name,
      ...(m.threshold !== undefined ? { threshold: m.threshold } : {}),
      ...(m.direction ? { direction: m.direction } : {}),
    };
    if (caseMetrics.has(m.name)) {
      const value = meanMetric(cases, m.name);
      const pass = value === null || m.threshold === undefined || !m.direction ? null : meetsThreshold(value, m.threshold, m.direction);
      metrics.push({ ...judged, value, pass, ...(value === null ? { reason: 'not measured in any shard' } : {}) });
    } else {
      const values = parts.map((p) => p.metrics.find((x) => x.name === m.name)).map((x) => (x ? formatMetricValue(x.value) : '–'));
      metrics.push({
        ...judged,
        value: null,
        pass: null,
        reason: `aggregate over shards (shard values ${values.join(', ')}): recompute with the suite to judge it`,
      });
    }
  }
  const notes = [...new Set(parts.flatMap((p) => p.notes))];
  return buildSummary(suite, cases, metrics, notes, { shards: parts.map((p) => p.details ?? {}) });
}

function mergedLogs(results: readonly RunResult[], labels: readonly string[], dropped: number): LogEntry[] {
  const logs = results.flatMap((r) => r.logs).sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const time = results
    .map((r) => r.run.finished_at)
    .sort()
    .at(-1)!;
  const total = results[0]!.run.shard!.total;
  const shown = labels.length > 8 ? [...labels.slice(0, 8), `… ${labels.length - 8} more`] : labels;
  logs.push({ time, level: 'info', message: `merged shards 1 to ${total} of ${total}: ${shown.join(', ')}` });
  if (dropped > 0) logs.push({ time, level: 'warn', message: `${dropped} duplicate case(s) dropped while merging` });
  return logs;
}

/**
 * Joins the shard reports of one run into one report: cases concatenated in
 * shard order (a suite+case_id seen twice is kept once), counts recomputed, run
 * status the worst of the shards' and of the merged suites', times spanning all
 * shards. Suite summaries come from `opts.summarize` when given, else from
 * mergeSuiteSummary's rule. Throws, naming the reports, unless they are every
 * shard of one run profile exactly once (checkShardSet).
 */
export function mergeReports(results: readonly RunResult[], opts: MergeOptions = {}): RunResult {
  const labelled = results.map((r, i) => ({ r, label: opts.labels?.[i] ?? r.run.id }));
  checkShardSet(labelled.map(({ r, label }) => shardPartOf(r, label)));
  labelled.sort((a, b) => a.r.run.shard!.index - b.r.run.shard!.index);
  const ordered = labelled.map(({ r }) => r);
  const first = ordered[0]!;

  const keys = new Set<string>();
  const cases: CaseResult[] = [];
  let dropped = 0;
  for (const r of ordered) {
    for (const c of r.cases) {
      const key = `${c.suite}\u0000${c.case_id}`;
      if (keys.has(key)) dropped++;
      else {
        keys.add(key);
        cases.push(c);
      }
    }
  }

  const planned = new Set<SuiteName>(ordered.flatMap((r) => r.run.suites));
  for (const r of ordered) for (const name of Object.keys(r.summary.suites) as SuiteName[]) planned.add(name);
  const suites = SUITE_NAMES.filter((s) => planned.has(s));
  const summaries: RunResult['summary']['suites'] = {};
  for (const suite of suites) {
    const suiteCases = cases.filter((c) => c.suite === suite);
    const parts = ordered.map((r) => r.summary.suites[suite]).filter((s): s is SuiteSummary => s !== undefined);
    if (parts.length === 0 && suiteCases.length === 0) continue;
    const merged = opts.summarize ? opts.summarize(suite, suiteCases) : mergeSuiteSummary(suite, suiteCases, parts);
    // Shards run side by side: the suite took as long as its slowest shard.
    const durations = parts.map((p) => p.duration_ms).filter((d): d is number => d !== undefined);
    summaries[suite] = durations.length > 0 ? { ...merged, duration_ms: Math.max(...durations) } : merged;
  }

  const merged = Object.values(summaries);
  const suiteVerdict: RunStatus = merged.some((s) => s.status === 'failed' || s.status === 'error')
    ? 'failed'
    : merged.some((s) => s.status === 'inconclusive')
      ? 'inconclusive'
      : 'passed';
  const status = worst([...ordered.map((r) => r.run.status), suiteVerdict]);
  const started = ordered.map((r) => r.run.started_at).sort()[0]!;
  const finished = ordered
    .map((r) => r.run.finished_at)
    .sort()
    .at(-1)!;
  const sameId = ordered.every((r) => r.run.id === first.run.id);
  const runErrors = [...new Set(ordered.flatMap((r) => (r.run.error ? [r.run.error] : [])))];
  const { shard: _shard, ...inputs } = first.inputs;

  return {
    version: 1,
    run: {
      id: sameId ? first.run.id : newRunId(new Date(started)),
      profile: first.run.profile,
      started_at: started,
      finished_at: finished,
      duration_ms: Math.max(0, Date.parse(finished) - Date.parse(started)),
      status,
      target: first.run.target,
      suites,
      options: first.run.options,
      ...(runErrors.length ? { error: runErrors.join('; ') } : {}),
    },
    summary: { overall: overallSummary(cases, status), suites: summaries },
    cases,
    inputs,
    logs: mergedLogs(
      ordered,
      labelled.map(({ label }) => label),
      dropped,
    ),
  };
}
