import { caseFailureText, describeVerdict } from '../../engine/report/reportModel';
import type { CaseResult, RunStatus, SuiteStatus, SuiteSummary } from '../../engine/model/runTypes';
import { inconclusiveReason } from '../../engine/model/caseOutcome';
import type { SuiteName } from '../../engine/model/suiteNames';

// How a case or suite shows in the Test Explorer, decided without `vscode`
// (unit-tested); testResults.ts turns it into TestRun calls.

/** The Test Explorer states we report. */
export type TestState = 'passed' | 'failed' | 'errored' | 'skipped';

/** A case's Test Explorer outcome. */
export interface TestOutcome {
  state: TestState;
  /** What a person reads on failure (metric vs threshold, or the error). */
  message?: string;
  /** Expected vs actual answer, shown as a diff (answer checks only). */
  diff?: { expected: string; actual: string };
  durationMs?: number;
  /** Text attached to the item as output, for states that carry no message (passed, skipped). */
  note?: string;
  /** A word for the item's description when its state's icon cannot say it ("inconclusive", "cancelled"). */
  mark?: string;
}

/** Suites whose cases compare the target's answer with an expected answer. */
export const ANSWER_CHECK_SUITES: ReadonlySet<SuiteName> = new Set<SuiteName>(['rag_quality', 'regression']);

/** The label of a case: its id without the `<suite>:` prefix the engine gives it. */
export function caseLabel(c: Pick<CaseResult, 'suite' | 'case_id'>): string {
  const prefix = `${c.suite}:`;
  return c.case_id.startsWith(prefix) ? c.case_id.slice(prefix.length) : c.case_id;
}

/**
 * VS Code's ranking of test states: the Test Explorer and the gutter show a
 * parent (a suite, the profile) in the highest state of itself and its
 * children. Every choice below keeps a parent equal to the verdict it stands for.
 */
export const STATE_RANK: Readonly<Record<TestState, number>> = { skipped: 1, passed: 2, failed: 4, errored: 5 };

/** The state VS Code shows for a parent whose own and children's states are these (undefined: none). */
export function shownState(states: readonly TestState[]): TestState | undefined {
  return states.reduce<TestState | undefined>((a, b) => (a === undefined || STATE_RANK[b] > STATE_RANK[a] ? b : a), undefined);
}

/**
 * The Test Explorer state of a suite or run verdict. Ordered as the run's
 * precedence (cancelled > error > failed > inconclusive > passed) so that the
 * profile, shown in its highest suite's state, reads as the run does: inconclusive
 * is not passing, so it shows failed, named "inconclusive" in its message and
 * description. A suite the run did not finish (cancelled) shows skipped, as VS
 * Code shows tests a cancelled run left, named "cancelled" in its description and
 * the profile's. An old report's `unmeasured` did not count in its run's status,
 * so it shows skipped too, below passed.
 */
export function verdictState(status: SuiteStatus | RunStatus): TestState {
  switch (status) {
    case 'passed':
      return 'passed';
    case 'unmeasured':
    case 'cancelled':
      return 'skipped';
    case 'failed':
    case 'inconclusive':
      return 'failed';
    case 'error':
      return 'errored';
  }
}

/** The word an item's description shows when its state's icon cannot say it (inconclusive, cancelled, unmeasured); undefined otherwise. */
export function verdictMark(status: SuiteStatus | RunStatus): string | undefined {
  return status === 'inconclusive' || status === 'cancelled' || status === 'unmeasured' ? status : undefined;
}

/** A case's own state, before its suite's verdict is taken into account. */
function ownOutcome(c: CaseResult, summary: SuiteSummary | undefined, timing: { durationMs?: number }): TestOutcome {
  switch (c.status) {
    case 'passed':
      return { state: 'passed', ...timing };
    case 'cancelled':
      return { state: 'skipped', note: 'not run: the run was cancelled', ...timing };
    case 'inconclusive':
      return { state: 'skipped', note: c.error ?? 'inconclusive: the reply could not be classified', ...timing };
    case 'error':
      return { state: 'errored', message: c.error ?? 'the case could not be evaluated', ...timing };
    case 'failed': {
      const why = summary ? caseFailureText(c, summary) : (c.error ?? metricsText(c));
      const message = `${why}\n\ninput: ${c.input}${c.expected !== null && !ANSWER_CHECK_SUITES.has(c.suite) ? `\nexpected: ${c.expected}` : ''}${c.output !== null && !ANSWER_CHECK_SUITES.has(c.suite) ? `\noutput: ${c.output}` : ''}`;
      const diff =
        ANSWER_CHECK_SUITES.has(c.suite) && c.expected !== null && c.output !== null
          ? { diff: { expected: c.expected, actual: c.output } }
          : {};
      return { state: 'failed', message, ...diff, ...timing };
    }
  }
}

/** Whether a case's state waits for its suite's verdict (it may rank above it). */
export function needsSuiteVerdict(c: CaseResult): boolean {
  return STATE_RANK[ownOutcome(c, undefined, {}).state] > STATE_RANK.passed;
}

/**
 * The Test Explorer outcome of a case. With its suite's summary, the case never
 * ranks above the suite's verdict, so the suite and the profile read as the run
 * does: a case that failed in a suite that passed its thresholds shows passed,
 * with its failure attached as output; a case that errored in a suite that did
 * not error shows skipped, with its error as output. A case of a failed suite
 * stays failed, with metrics against thresholds and expected vs actual.
 */
export function caseOutcome(c: CaseResult, summary?: SuiteSummary): TestOutcome {
  const durationMs = c.latency_ms ?? undefined;
  const timing = durationMs !== undefined ? { durationMs } : {};
  const own = ownOutcome(c, summary, timing);
  if (!summary) return own;
  const cap = verdictState(summary.status);
  if (STATE_RANK[own.state] <= STATE_RANK[cap]) return own;
  const detail = own.message ?? '';
  if (own.state === 'failed' && cap === 'passed')
    return { state: 'passed', note: `failed, within the thresholds ${summary.suite} passed: ${detail}`, ...timing };
  if (cap === 'skipped') {
    const why =
      summary.status === 'cancelled'
        ? `the run was cancelled before ${summary.suite}'s verdict`
        : `${summary.suite} measured none of its gated metrics`;
    return { state: 'skipped', note: `${c.status}; ${why}${detail ? `: ${detail}` : ''}`, ...timing };
  }
  return {
    state: 'skipped',
    note: `could not be evaluated, left out of ${summary.suite}'s metrics (the suite ${summary.status}): ${detail}`,
    ...timing,
  };
}

/** The Test Explorer outcome of a suite: its verdict, with every failing or unmeasured metric explained. */
export function suiteOutcome(s: SuiteSummary): TestOutcome {
  const misses = s.metrics.filter((m) => m.threshold !== undefined && m.pass === false).map(describeVerdict);
  const counts = `${s.passed}/${s.total} cases passed${s.errors ? `, ${s.errors} errored` : ''}`;
  const mark = verdictMark(s.status);
  const marked = mark ? { mark } : {};
  switch (s.status) {
    case 'passed':
      return { state: 'passed' };
    case 'failed':
      return { state: 'failed', message: [misses.length ? misses.join('\n') : 'the suite failed', counts, ...s.notes].join('\n') };
    case 'error':
      return { state: 'errored', message: [s.notes[0] ?? 'every case errored', counts].join('\n') };
    case 'cancelled':
      return { state: 'skipped', message: ['cancelled', counts, ...s.notes].join('\n'), ...marked };
    case 'inconclusive':
      return {
        state: 'failed',
        message: [`inconclusive (not passed): ${inconclusiveReason(s)}`, counts, ...s.notes].join('\n'),
        ...marked,
      };
    case 'unmeasured': {
      const why = s.metrics.filter((m) => m.value === null).map(describeVerdict);
      return { state: 'skipped', message: ['no metric could be measured', ...why, ...s.notes].join('\n'), ...marked };
    }
  }
}

function metricsText(c: CaseResult): string {
  const parts = Object.entries(c.metrics).map(([k, v]) => `${k} ${v === null ? 'unmeasured' : Number(v.toFixed(3))}`);
  return parts.length ? parts.join(', ') : 'the case failed';
}
