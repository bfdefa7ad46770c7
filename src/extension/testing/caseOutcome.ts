import { caseFailureText, describeVerdict } from '../../engine/report/reportModel';
import type { CaseResult, SuiteSummary } from '../../engine/model/runTypes';
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
}

/** Suites whose cases compare the target's answer with an expected answer. */
export const ANSWER_CHECK_SUITES: ReadonlySet<SuiteName> = new Set<SuiteName>(['rag_quality', 'regression']);

/** The label of a case: its id without the `<suite>:` prefix the engine gives it. */
export function caseLabel(c: Pick<CaseResult, 'suite' | 'case_id'>): string {
  const prefix = `${c.suite}:`;
  return c.case_id.startsWith(prefix) ? c.case_id.slice(prefix.length) : c.case_id;
}

/**
 * The Test Explorer outcome of a case. `summary` (the suite's, once known)
 * lets a failure name the metrics that missed their thresholds.
 */
export function caseOutcome(c: CaseResult, summary?: SuiteSummary): TestOutcome {
  const durationMs = c.latency_ms ?? undefined;
  const timing = durationMs !== undefined ? { durationMs } : {};
  switch (c.status) {
    case 'passed':
      return { state: 'passed', ...timing };
    case 'cancelled':
      return { state: 'skipped', ...timing };
    case 'inconclusive':
      return { state: 'skipped', message: c.error ?? 'inconclusive: the reply could not be classified', ...timing };
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

/** The Test Explorer outcome of a suite: its verdict, with every failing or unmeasured metric explained. */
export function suiteOutcome(s: SuiteSummary): TestOutcome {
  const misses = s.metrics.filter((m) => m.threshold !== undefined && m.pass === false).map(describeVerdict);
  const counts = `${s.passed}/${s.total} cases passed${s.errors ? `, ${s.errors} errored` : ''}`;
  switch (s.status) {
    case 'passed':
      return { state: 'passed' };
    case 'failed':
      return { state: 'failed', message: [misses.length ? misses.join('\n') : 'the suite failed', counts, ...s.notes].join('\n') };
    case 'error':
      return { state: 'errored', message: [s.notes[0] ?? 'every case errored', counts].join('\n') };
    case 'cancelled':
      return { state: 'skipped', message: [counts, ...s.notes].join('\n') };
    case 'inconclusive':
      return { state: 'skipped', message: ['inconclusive: too many replies could not be judged', counts, ...s.notes].join('\n') };
    case 'unmeasured': {
      const why = s.metrics.filter((m) => m.value === null).map(describeVerdict);
      return { state: 'skipped', message: ['no metric could be measured', ...why, ...s.notes].join('\n') };
    }
  }
}

function metricsText(c: CaseResult): string {
  const parts = Object.entries(c.metrics).map(([k, v]) => `${k} ${v === null ? 'unmeasured' : Number(v.toFixed(3))}`);
  return parts.length ? parts.join(', ') : 'the case failed';
}
