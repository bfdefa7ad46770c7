import type { CaseResult, LogEntry, MetricVerdict, RunResult, RunStatus, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';
import { buildSummary } from '../metrics/verdict';
import { MetricMeans } from '../metrics/metricMeans';
import type { CaseCounts } from '../model/caseOutcome';
import { countCase, noCases, overallSummary } from '../model/caseOutcome';
import type { SummaryFold } from '../suites/suite';
import { formatMetricValue, meetsThreshold } from './reportModel';
import { newRunId } from '../model/runId';
import { checkShardSet, shardPartOf } from './shardSet';
import type { ReportWithoutCases } from './reportScan';

/** Starts the fold of a suite's merged cases into its summary (the suite's own, bound to a context by the caller). */
export type MergeSummarize = (suite: SuiteName) => SummaryFold;

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
 * The fallback fold of a suite's merged cases when the suite cannot summarise
 * them itself. Counts come from the merged cases. A metric whose name is also a
 * per-case metric is recomputed as the mean of the cases' values and judged
 * again against the same threshold (exact for every metric that is a mean of
 * case values). Any other metric is an aggregate (a percentile, a rate over
 * pairs, a maximum): it is kept as is when only one shard ran the suite, and
 * otherwise becomes unmeasured with a reason, never a guess.
 */
export function mergeRuleFold(suite: SuiteName, parts: readonly SuiteSummary[]): SummaryFold {
  const counts = noCases();
  const means = new MetricMeans();
  return {
    add: (c) => {
      countCase(counts, c);
      means.add(c.metrics);
    },
    finish: () => ruleSummary(suite, counts, means, parts),
  };
}

function ruleSummary(suite: SuiteName, counts: CaseCounts, means: MetricMeans, parts: readonly SuiteSummary[]): SuiteSummary {
  if (parts.length === 1) {
    const only = parts[0]!;
    return buildSummary(suite, counts, only.metrics, only.notes, only.details);
  }
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
    if (means.has(m.name)) {
      const value = means.mean(m.name);
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
  return buildSummary(suite, counts, metrics, notes, { shards: parts.map((p) => p.details ?? {}) });
}

function mergedLogs(results: readonly ReportWithoutCases[], labels: readonly string[], dropped: number): LogEntry[] {
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

/** A shard report to merge: its head (run, summary, inputs, logs) and how errors name it. */
export interface MergePart {
  head: ReportWithoutCases;
  label: string;
}

/**
 * Puts the shard reports of one run in shard order, throwing (naming the
 * reports) unless they are every shard of one run profile exactly once.
 */
export function orderShards<P extends MergePart>(parts: readonly P[]): P[] {
  checkShardSet(parts.map(({ head, label }) => shardPartOf({ ...head, cases: [] }, label)));
  return [...parts].sort((a, b) => a.head.run.shard!.index - b.head.run.shard!.index);
}

/**
 * Joins the cases of shard reports, given in shard order (see orderShards) one
 * at a time: a suite+case_id seen twice is kept once, each suite's cases are
 * folded into its summary as they come (`summarize`, else mergeRuleFold), and
 * each case is handed to `keep` (which may hold it, or write it to disk), so
 * merging holds the case ids but no case.
 */
export class ShardMerge {
  // The case ids seen, by suite (the ids themselves, not a string made of both: a third of the memory).
  private readonly seen = new Map<SuiteName, Set<string>>();
  private readonly folds = new Map<SuiteName, SummaryFold>();
  private readonly counts = noCases();
  private dropped = 0;

  constructor(
    private readonly ordered: readonly MergePart[],
    private readonly keep: (c: CaseResult) => void,
    private readonly summarize?: MergeSummarize,
  ) {}

  private partsOf(suite: SuiteName): SuiteSummary[] {
    return this.ordered.map(({ head }) => head.summary.suites[suite]).filter((s): s is SuiteSummary => s !== undefined);
  }

  private foldOf(suite: SuiteName): SummaryFold {
    let fold = this.folds.get(suite);
    if (!fold) this.folds.set(suite, (fold = this.summarize ? this.summarize(suite) : mergeRuleFold(suite, this.partsOf(suite))));
    return fold;
  }

  /** Adds the next case (shards in order, each shard's cases in its order). */
  add(c: CaseResult): void {
    let ids = this.seen.get(c.suite);
    if (!ids) this.seen.set(c.suite, (ids = new Set()));
    if (ids.has(c.case_id)) {
      this.dropped++;
      return;
    }
    ids.add(c.case_id);
    countCase(this.counts, c);
    this.foldOf(c.suite).add(c);
    this.keep(c);
  }

  /** The merged report, with `cases` as the caller kept them. */
  finish(cases: CaseResult[]): RunResult {
    this.seen.clear();
    const ordered = this.ordered.map(({ head }) => head);
    const first = ordered[0]!;
    const planned = new Set<SuiteName>(ordered.flatMap((r) => r.run.suites));
    for (const r of ordered) for (const name of Object.keys(r.summary.suites) as SuiteName[]) planned.add(name);
    const suites = SUITE_NAMES.filter((s) => planned.has(s));
    const summaries: RunResult['summary']['suites'] = {};
    for (const suite of suites) {
      const parts = this.partsOf(suite);
      if (parts.length === 0 && !this.folds.has(suite)) continue;
      const merged = this.foldOf(suite).finish();
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
      summary: { overall: overallSummary(this.counts, status), suites: summaries },
      cases,
      inputs,
      logs: mergedLogs(
        ordered,
        this.ordered.map(({ label }) => label),
        this.dropped,
      ),
    };
  }
}

/**
 * Joins the shard reports of one run, held in memory, into one report: cases
 * concatenated in shard order (a suite+case_id seen twice is kept once), counts
 * recomputed, run status the worst of the shards' and of the merged suites',
 * times spanning all shards. Suite summaries come from `opts.summarize` when
 * given, else from mergeRuleFold. Throws, naming the reports, unless they are
 * every shard of one run profile exactly once (checkShardSet).
 */
export function mergeReports(results: readonly RunResult[], opts: MergeOptions = {}): RunResult {
  const ordered = orderShards(results.map((r, i) => ({ head: r, label: opts.labels?.[i] ?? r.run.id, cases: r.cases })));
  const cases: CaseResult[] = [];
  const merge = new ShardMerge(ordered, (c) => cases.push(c), opts.summarize);
  for (const part of ordered) for (const c of part.cases) merge.add(c);
  return merge.finish(cases);
}
