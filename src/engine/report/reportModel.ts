import type { CaseResult, MetricVerdict, RunResult, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';

// Views of a RunResult that every report format shares, so the JSON, XLSX,
// JUnit and terminal views agree on order and wording.

/**
 * The suites a report shows, in run order: those the run planned, then any other with a summary or cases.
 * `caseSuites` (the suites of the cases, first seen first) replaces reading `result.cases` when the cases are streamed.
 */
export function reportSuites(result: RunResult, caseSuites?: Iterable<SuiteName>): SuiteName[] {
  const seen = new Set<SuiteName>(result.run.suites);
  for (const name of SUITE_NAMES) if (result.summary.suites[name]) seen.add(name);
  for (const suite of caseSuites ?? result.cases.map((c) => c.suite)) seen.add(suite);
  return [...seen];
}

/** A run's cases that can be read again from the start at each call (its case spill, or its cases in memory), in plan order. */
export type CaseSource = () => AsyncIterable<CaseResult>;

/** Cases held in memory as a case source. */
export function casesInMemory(cases: readonly CaseResult[]): CaseSource {
  return async function* () {
    yield* cases;
  };
}

/** The cases of one suite from a source, in order, one at a time. */
export async function* casesOfSuite(source: CaseSource, suite: SuiteName): AsyncGenerator<CaseResult> {
  for await (const c of source()) if (c.suite === suite) yield c;
}

/** What a report must know of a suite's cases before writing them: how many, and their metric names in first-seen order (the XLSX metric columns). */
export interface SuiteCasesOutline {
  count: number;
  metricNames: Set<string>;
}

/**
 * The outline of every suite with cases, in the order their first case comes, from one
 * streaming pass over the cases: it holds one case at a time (metric names per suite are few).
 */
export async function outlineCases(cases: AsyncIterable<CaseResult>, signal?: AbortSignal): Promise<Map<SuiteName, SuiteCasesOutline>> {
  const outline = new Map<SuiteName, SuiteCasesOutline>();
  for await (const c of cases) {
    signal?.throwIfAborted();
    let o = outline.get(c.suite);
    if (!o) outline.set(c.suite, (o = { count: 0, metricNames: new Set() }));
    o.count++;
    for (const k of Object.keys(c.metrics)) o.metricNames.add(k);
  }
  return outline;
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
