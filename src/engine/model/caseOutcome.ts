import type { PlannedCase } from './runTypes';
import type { SuiteName } from './suiteNames';
import type { CaseResult, OverallSummary, RunResult, RunStatus, SuiteSummary } from './runTypes';

/** The error message of anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return typeof err === 'string' ? err : String(err);
}

/** The row of a planned case that has no answer: status `error` with the reason, no output. */
export function unansweredCase(suite: SuiteName, planned: PlannedCase, error: string, timestamp: string): CaseResult {
  return {
    suite,
    case_id: planned.id,
    input: planned.input,
    expected: planned.expected ?? null,
    output: null,
    contexts: [],
    metrics: {},
    status: 'error',
    pass: false,
    error,
    latency_ms: null,
    timestamp,
  };
}

/** The case row of a case whose evaluation threw: an `error` case, never a crashed run. */
export function errorCase(suite: SuiteName, planned: PlannedCase, err: unknown, timestamp: string): CaseResult {
  return unansweredCase(suite, planned, `the case could not be evaluated: ${errorMessage(err)}`, timestamp);
}

/** The summary of a suite that could not plan or summarise: status `error`, counts from its cases. */
export function errorSummary(suite: SuiteName, cases: readonly CaseResult[] | CaseCounts, note: string): SuiteSummary {
  return { suite, status: 'error', ...countsOf(cases), metrics: [], notes: [note] };
}

/** The summary of a suite the run never reached because it was cancelled. */
export function notRunSummary(suite: SuiteName, planned: number): SuiteSummary {
  return {
    suite,
    status: 'cancelled',
    total: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    metrics: [],
    notes: [`not run: the run was cancelled before this suite (${planned} cases planned)`],
  };
}

/** Case counts by status. */
export function countCases(cases: readonly CaseResult[]): CaseCounts {
  const counts = noCases();
  for (const c of cases) countCase(counts, c);
  return counts;
}

/** How many cases there are, and how many passed, failed and errored. */
export interface CaseCounts {
  total: number;
  passed: number;
  failed: number;
  errors: number;
}

/** The counts of a list of cases, or a copy of counts already taken. */
export function countsOf(cases: readonly CaseResult[] | CaseCounts): CaseCounts {
  return Array.isArray(cases) ? countCases(cases) : { ...(cases as CaseCounts) };
}

/** Counts of no case, to count cases into one at a time. */
export function noCases(): CaseCounts {
  return { total: 0, passed: 0, failed: 0, errors: 0 };
}

/** Adds the counts `more` into `counts`. */
export function addCounts(counts: CaseCounts, more: CaseCounts): void {
  counts.total += more.total;
  counts.passed += more.passed;
  counts.failed += more.failed;
  counts.errors += more.errors;
}

/** Counts one more case into `counts`. */
export function countCase(counts: CaseCounts, c: Pick<CaseResult, 'status'>): void {
  counts.total++;
  if (c.status === 'passed') counts.passed++;
  else if (c.status === 'failed') counts.failed++;
  else if (c.status === 'error') counts.errors++;
}

/**
 * The run's verdict from its suites. Precedence: cancelled (a suite was cut
 * short), then error (a suite could not be evaluated), then failed (a suite
 * missed a threshold), then inconclusive (a suite measured too little: too many
 * unclassified replies, or no gated metric), else passed. Only `passed` passes
 * the run gate. `unmeasured` is what reports written before inconclusive existed
 * call a suite that measured nothing; new runs never write it, and an old
 * report's keeps the meaning it was written with: it did not fail the run.
 */
export function runStatus(summaries: readonly SuiteSummary[]): RunStatus {
  if (summaries.some((s) => s.status === 'cancelled')) return 'cancelled';
  if (summaries.some((s) => s.status === 'error')) return 'error';
  if (summaries.some((s) => s.status === 'failed')) return 'failed';
  if (summaries.some((s) => s.status === 'inconclusive')) return 'inconclusive';
  return 'passed';
}

/**
 * How many cases of a run (or of one of its suites) are inconclusive: counted
 * from its cases when the result holds them all, else from the counts (the cases
 * neither passed, failed nor errored), for a run that kept only a window of them.
 */
export function inconclusiveIn(result: RunResult, suite?: SuiteName): number {
  const counts = suite ? result.summary.suites[suite] : result.summary.overall;
  if (!counts) return 0;
  const all = suite ? result.cases.filter((c) => c.suite === suite) : result.cases;
  if (all.length >= counts.total) return all.filter((c) => c.status === 'inconclusive').length;
  return Math.max(0, counts.total - counts.passed - counts.failed - counts.errors);
}

/** Overall counts of a run. */
export function overallSummary(cases: readonly CaseResult[] | CaseCounts, status: RunStatus): OverallSummary {
  const counts = countsOf(cases);
  return { ...counts, pass_rate: counts.total === 0 ? null : counts.passed / counts.total, status };
}

/**
 * Why a suite is inconclusive, for a person: the unclassified replies (the
 * unclear_rate verdict's reason says whether a judge would grade them), or the
 * gated metrics that could not be measured.
 */
export function inconclusiveReason(s: SuiteSummary): string {
  const unclear = s.metrics.find((m) => m.name === 'unclear_rate' && m.pass === false);
  if (unclear && unclear.value !== null) {
    const share = `unclear_rate ${unclear.value.toFixed(2)} > ${unclear.threshold ?? 0}`;
    return unclear.reason ? `${unclear.reason} (${share})` : share;
  }
  const missing = s.metrics.filter((m) => m.threshold !== undefined && m.value === null);
  const list = missing.map((m) => `${m.name}${m.reason ? ` (${m.reason})` : ''}`).join('; ');
  return `no gated metric could be measured${list ? `: ${list}` : ''}`;
}
