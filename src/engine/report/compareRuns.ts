// Comparison of a run with an earlier run of the same profile: what got better,
// what got worse. Pure: two results in, one comparison out. The report view shows
// it; anything else (CLI, CI comments) may reuse it.
import type { CaseResult, CaseStatus, MetricVerdict, RunResult, SuiteStatus, SuiteSummary } from '../model/runTypes';
import { SUITE_NAMES } from '../model/suiteNames';
import type { SuiteName } from '../model/suiteNames';
import { THRESHOLDS } from '../metrics/thresholds';
import type { CaseChange, ChangeKind, MetricDelta, MetricNoise, RunComparison, SuiteComparison } from '../model/runComparison';
import type { NoiseOptions } from './metricNoise';
import { metricNoise, withinNoise } from './metricNoise';

/** What the comparison needs of a case: where it belongs, its outcome, and why it failed (read only for the cases listed). */
export type CaseOutcome = Pick<CaseResult, 'suite' | 'case_id' | 'status' | 'error'>;

/** What the comparison needs of a run: a whole result, or its head with its cases streamed from an index. */
export interface ComparedRun {
  run: Pick<RunResult['run'], 'id' | 'started_at' | 'status'>;
  summary: RunResult['summary'];
  cases: Iterable<CaseOutcome>;
}

/** Options of compareRuns: the noise a metric may move by and still count as the same (see metricNoise). */
export interface CompareOptions extends NoiseOptions {
  /** Longest case lists kept (counts stay exact). Default 500. */
  maxCases?: number;
}

const STATUS_RANK: Record<SuiteStatus, number | null> = { passed: 3, unmeasured: 2, inconclusive: 2, failed: 1, error: 0, cancelled: null };

/**
 * Which way is better for a metric without a verdict direction: the threshold
 * table's direction for its base name (`attack_success_rate[category=x]` →
 * attack_success_rate), lower for latencies, else unknown.
 */
export function metricDirection(name: string): 'min' | 'max' | undefined {
  const base = name.replace(/\[.*\]$/, '');
  const spec = THRESHOLDS.find((t) => t.metric === base);
  if (spec) return spec.direction;
  if (/(_ms|^unclear_rate|^leaked)$/.test(base)) return 'max';
  if (/^(throughput_rps|safety_score|pass_rate)$/.test(base)) return 'min';
  return undefined;
}

function judge(
  metric: string,
  before: number | null,
  after: number | null,
  direction: 'min' | 'max' | undefined,
  noise: MetricNoise,
): ChangeKind {
  if (before === null && after === null) return 'same';
  if (before === null || after === null) return 'changed';
  if (withinNoise(metric, before, after, noise)) return 'same';
  if (!direction) return 'changed';
  return (direction === 'min') === after - before > 0 ? 'better' : 'worse';
}

function compareMetric(before: MetricVerdict | undefined, after: MetricVerdict | undefined, opts: NoiseOptions): MetricDelta {
  const m = (after ?? before) as MetricVerdict;
  const noise = metricNoise(m.name, opts);
  const direction = after?.direction ?? before?.direction ?? metricDirection(m.name);
  const b = before?.value ?? null;
  const a = after?.value ?? null;
  const passBefore = before?.pass ?? null;
  const passAfter = after?.pass ?? null;
  let change: ChangeKind;
  if (!before) change = 'new';
  else if (!after) change = 'gone';
  // A threshold crossed outweighs any tolerance.
  else if (passBefore === true && passAfter === false) change = 'worse';
  else if (passBefore === false && passAfter === true) change = 'better';
  else change = judge(m.name, b, a, direction, noise);
  return {
    metric: m.name,
    before: b,
    after: a,
    delta: a !== null && b !== null ? a - b : null,
    ...(direction ? { direction } : {}),
    ...(after?.threshold !== undefined ? { threshold: after.threshold } : {}),
    passBefore,
    passAfter,
    change,
    noise,
  };
}

function passRate(s: { total: number; passed: number } | undefined): number | null {
  return s && s.total > 0 ? s.passed / s.total : null;
}

function suiteChange(before: SuiteSummary | undefined, after: SuiteSummary | undefined, opts: NoiseOptions): ChangeKind {
  if (!before) return 'new';
  if (!after) return 'gone';
  const rb = STATUS_RANK[before.status];
  const ra = STATUS_RANK[after.status];
  if (rb !== null && ra !== null && rb !== ra) return ra > rb ? 'better' : 'worse';
  return judge('pass_rate', passRate(before), passRate(after), 'min', metricNoise('pass_rate', opts));
}

const isFailure = (s: CaseStatus): boolean => s === 'failed' || s === 'error';

/**
 * Compares `current` with `previous` (normally the previous finished run of the
 * same profile): per suite, every metric's delta judged by its direction, and the
 * cases (matched by suite and case id) that newly fail or newly pass. Cancelled
 * cases count neither way.
 */
export function compareRuns(previous: ComparedRun, current: ComparedRun, opts: CompareOptions = {}): RunComparison {
  const maxCases = opts.maxCases ?? 500;

  // Nested maps (suite → id → case): no key strings built per case.
  const before = new Map<string, Map<string, CaseOutcome>>();
  for (const c of previous.cases) {
    let bySuite = before.get(c.suite);
    if (!bySuite) before.set(c.suite, (bySuite = new Map()));
    bySuite.set(c.case_id, c);
  }
  const newlyFailing: CaseChange[] = [];
  const newlyPassing: CaseChange[] = [];
  const perSuite = new Map<SuiteName, { failing: number; passing: number }>();
  const totals = { compared: 0, newlyFailing: 0, newlyPassing: 0, added: 0, removed: 0 };
  for (const c of current.cases) {
    const old = before.get(c.suite)?.get(c.case_id);
    if (!old) {
      totals.added++;
      continue;
    }
    totals.compared++;
    const counts = perSuite.get(c.suite) ?? { failing: 0, passing: 0 };
    perSuite.set(c.suite, counts);
    if (old.status === 'passed' && isFailure(c.status)) {
      totals.newlyFailing++;
      counts.failing++;
      if (newlyFailing.length < maxCases)
        newlyFailing.push({ suite: c.suite, case_id: c.case_id, before: old.status, after: c.status, error: c.error });
    } else if (isFailure(old.status) && c.status === 'passed') {
      totals.newlyPassing++;
      counts.passing++;
      if (newlyPassing.length < maxCases)
        newlyPassing.push({ suite: c.suite, case_id: c.case_id, before: old.status, after: c.status, error: old.error });
    }
  }
  // Ids are unique per suite in a report, so whatever was not matched was removed.
  for (const bySuite of before.values()) totals.removed += bySuite.size;
  totals.removed -= totals.compared;

  const suites: SuiteComparison[] = [];
  for (const suite of SUITE_NAMES) {
    const sb = previous.summary.suites[suite];
    const sa = current.summary.suites[suite];
    if (!sb && !sa) continue;
    const names = [...new Set([...(sa?.metrics ?? []), ...(sb?.metrics ?? [])].map((m) => m.name))];
    const metrics = names.map((n) =>
      compareMetric(
        sb?.metrics.find((m) => m.name === n),
        sa?.metrics.find((m) => m.name === n),
        opts,
      ),
    );
    const counts = perSuite.get(suite) ?? { failing: 0, passing: 0 };
    suites.push({
      suite,
      statusBefore: sb?.status ?? null,
      statusAfter: sa?.status ?? null,
      passRateBefore: passRate(sb),
      passRateAfter: passRate(sa),
      change: suiteChange(sb, sa, opts),
      metrics,
      newlyFailing: counts.failing,
      newlyPassing: counts.passing,
    });
  }

  return {
    previous: { id: previous.run.id, started_at: previous.run.started_at, status: previous.run.status },
    passRateBefore: previous.summary.overall.pass_rate,
    passRateAfter: current.summary.overall.pass_rate,
    suites,
    newlyFailing,
    newlyPassing,
    totals,
  };
}
