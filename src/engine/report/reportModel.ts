import type { CaseResult, MetricVerdict, RunResult, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';

// Views of a RunResult that every report format shares, so the JSON, XLSX,
// JUnit and terminal views agree on order and wording.

/** The suites a report shows, in run order: those the run planned, then any other with a summary or cases. */
export function reportSuites(result: RunResult): SuiteName[] {
  const seen = new Set<SuiteName>(result.run.suites);
  for (const name of SUITE_NAMES) if (result.summary.suites[name]) seen.add(name);
  for (const c of result.cases) seen.add(c.suite);
  return [...seen];
}

/** The cases of each suite, in report order. */
export function casesBySuite(result: RunResult): Map<SuiteName, CaseResult[]> {
  const groups = new Map<SuiteName, CaseResult[]>();
  for (const c of result.cases) {
    let list = groups.get(c.suite);
    if (!list) groups.set(c.suite, (list = []));
    list.push(c);
  }
  return groups;
}

/** A metric value for people: integers as is, others with up to 3 significant decimals. */
export function formatMetricValue(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'unmeasured';
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(1);
  return String(Number(value.toFixed(3)));
}

/** Whether a value meets a threshold in a direction. */
export function meetsThreshold(value: number, threshold: number, direction: 'min' | 'max'): boolean {
  return direction === 'min' ? value >= threshold : value <= threshold;
}

/** `faithfulness 0.62 < 0.8`, `p95_ms 812 ≤ 5000`, `toxicity unmeasured (no answers)`, `latency 3.2` (informational). */
export function describeVerdict(m: MetricVerdict): string {
  const reason = m.reason ? ` (${m.reason})` : '';
  if (m.value === null || Number.isNaN(m.value)) return `${m.name} unmeasured${reason}`;
  if (m.threshold === undefined || m.direction === undefined) return `${m.name} ${formatMetricValue(m.value)}${reason}`;
  const ok = meetsThreshold(m.value, m.threshold, m.direction);
  const op = m.direction === 'min' ? (ok ? '≥' : '<') : ok ? '≤' : '>';
  return `${m.name} ${formatMetricValue(m.value)} ${op} ${formatMetricValue(m.threshold)}${reason}`;
}

/**
 * Why a failed case failed, for a person: the case's own error text when it has
 * one, else its metrics that miss the suite's thresholds ("faithfulness 0.42 < 0.8").
 */
export function caseFailureText(c: CaseResult, summary: SuiteSummary | undefined): string {
  if (c.error) return c.error;
  const misses: string[] = [];
  for (const m of summary?.metrics ?? []) {
    const value = c.metrics[m.name];
    if (typeof value !== 'number' || m.threshold === undefined || m.direction === undefined) continue;
    if (!meetsThreshold(value, m.threshold, m.direction))
      misses.push(describeVerdict({ name: m.name, value, threshold: m.threshold, direction: m.direction, pass: false }));
  }
  return misses.length > 0 ? misses.join('; ') : `case ${c.status}`;
}

/** The metric names used by a suite's cases, in first-seen order (the XLSX metric columns). */
export function caseMetricNames(cases: readonly CaseResult[]): string[] {
  const names = new Set<string>();
  for (const c of cases) for (const k of Object.keys(c.metrics)) names.add(k);
  return [...names];
}
