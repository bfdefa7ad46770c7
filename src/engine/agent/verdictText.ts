// A run's verdict as short text for a model: the run, then each suite with its
// metrics against their thresholds, then (on request) the cases that did not pass.
import type { CaseResult, MetricVerdict, RunResult, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';
import { EXCERPT_CHARS } from '../secrets/redact';

/** Cases whose outcome needs reading: failed, in error or inconclusive. */
export function casesToRead(result: RunResult, suite: SuiteName): CaseResult[] {
  return result.cases.filter((c) => c.suite === suite && c.status !== 'passed' && c.status !== 'cancelled');
}

/** A rate as a percentage with one decimal, or n/a. */
export const percent = (rate: number | null): string => (rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`);

/** A metric value as people read it: whole numbers as they are, others to three decimals. */
export function formatValue(v: number | null): string {
  if (v === null) return 'unmeasured';
  return Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/0+$/, '');
}

/** One metric: its value, its threshold and whether it holds. */
export function metricLine(m: MetricVerdict): string {
  const mark = m.pass === true ? 'ok' : m.pass === false ? 'FAIL' : m.threshold === undefined ? 'info' : 'unmeasured';
  const bound = m.threshold === undefined ? '' : ` (${m.direction === 'max' ? 'at most' : 'at least'} ${formatValue(m.threshold)})`;
  return `${mark} ${m.name} = ${formatValue(m.value)}${bound}${m.reason ? `: ${m.reason}` : ''}`;
}

function suiteLines(result: RunResult, s: SuiteSummary, allMetrics: boolean): string[] {
  const lines = [`- ${s.suite}: ${s.status} (${s.passed}/${s.total} cases passed, ${s.failed} failed, ${s.errors} in error)`];
  // Metrics with a threshold decide the verdict; the informational ones are shown for one suite at a time.
  const shown = allMetrics ? s.metrics : s.metrics.filter((m) => m.threshold !== undefined);
  for (const m of shown) lines.push(`    ${metricLine(m)}`);
  if (shown.length < s.metrics.length)
    lines.push(
      `    ${s.metrics.length - shown.length} informational metric(s) without a threshold: read_report with suite "${s.suite}" shows them`,
    );
  for (const note of s.notes.slice(0, 3)) lines.push(`    note: ${note}`);
  const toRead = casesToRead(result, s.suite);
  if (toRead.length > 0)
    lines.push(
      `    ${toRead.length} case(s) failed, in error or inconclusive: read_report with suite "${s.suite}" and detail "cases" lists them with reasons`,
    );
  return lines;
}

/**
 * The run's verdict: one line for the run, then every suite with its thresholded
 * metrics; with `suite`, that suite only, with every metric.
 */
export function verdictLines(result: RunResult, profileShown: string, suite?: SuiteName): string[] {
  const o = result.summary.overall;
  const lines = [
    `Run ${result.run.id} of ${profileShown}: ${result.run.status.toUpperCase()}. ${o.passed}/${o.total} cases passed (pass rate ${percent(o.pass_rate)}), ${o.failed} failed, ${o.errors} in error. Started ${result.run.started_at}, took ${Math.round(result.run.duration_ms / 1000)} s.`,
  ];
  if (result.run.error) lines.push(`Run error: ${result.run.error}`);
  for (const name of suite ? [suite] : SUITE_NAMES) {
    const s = result.summary.suites[name];
    if (s) lines.push(...suiteLines(result, s, suite !== undefined));
    else if (suite) lines.push(`- ${suite}: not in this run`);
  }
  const unrun = result.run.suites.filter((s) => !result.summary.suites[s]);
  if (unrun.length > 0 && !suite) lines.push(`Not run (the run ended first): ${unrun.join(', ')}`);
  return lines;
}

const short = (text: string | null, max = EXCERPT_CHARS) =>
  text === null ? '(none)' : JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

/** One case that did not pass: why, then what was asked, expected and answered (shortened). */
export function caseLines(c: CaseResult): string[] {
  const metrics = Object.entries(c.metrics)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(', ');
  return [
    `- ${c.case_id} [${c.status}]: ${c.error ?? 'no reason recorded'}`,
    `    input: ${short(c.input)}`,
    ...(c.expected !== null ? [`    expected: ${short(c.expected)}`] : []),
    `    output: ${short(c.output)}`,
    ...(metrics ? [`    metrics: ${metrics}`] : []),
  ];
}
