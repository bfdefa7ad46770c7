import type { CaseCounts } from '../model/caseOutcome';
import { countsOf } from '../model/caseOutcome';
import type { CaseResult, MetricVerdict, SuiteStatus, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import type { ThresholdKey } from '../suites/manifests';
import { thresholdSpec } from './thresholds';

/**
 * Compares a metric with the threshold named by `thresholdKey` (its direction
 * comes from the suite manifest that declares it). A null value is unmeasured:
 * pass is null, never true.
 */
export function judgeMetric(
  name: string,
  value: number | null,
  thresholdKey: ThresholdKey | undefined,
  thresholds: Readonly<Partial<Record<ThresholdKey, number>>>,
  reason?: string,
): MetricVerdict {
  if (thresholdKey === undefined)
    return value === null ? { name, value, pass: null, reason: reason ?? 'not measured' } : { name, value, pass: null };
  const spec = thresholdSpec(thresholdKey);
  if (!spec) throw new Error(`unknown threshold '${thresholdKey}'`);
  const threshold = thresholds[thresholdKey] ?? spec.default;
  if (value === null || Number.isNaN(value)) {
    return { name, value: null, threshold, direction: spec.direction, pass: null, reason: reason ?? 'not measured' };
  }
  const pass = spec.direction === 'min' ? value >= threshold : value <= threshold;
  return { name, value, threshold, direction: spec.direction, pass, ...(reason ? { reason } : {}) };
}

/**
 * Metrics that gate the evidence rather than the quality: missing their threshold
 * makes a suite inconclusive (too little was measured), not failed.
 */
const EVIDENCE_METRICS: ReadonlySet<string> = new Set(['unclear_rate']);

/** Whether missing a metric's threshold makes a suite inconclusive rather than failed. */
export function isEvidenceMetric(name: string): boolean {
  return EVIDENCE_METRICS.has(name);
}

/**
 * The share of answered replies nobody could classify, judged by unclear_rate_max
 * (red_team and safety). Null when nothing was answered.
 */
export function unclearRateMetric(
  unclear: number,
  answered: number,
  thresholds: Readonly<Partial<Record<ThresholdKey, number>>>,
  judgeConfigured: boolean,
): MetricVerdict {
  if (answered === 0) return judgeMetric('unclear_rate', null, 'unclear_rate_max', thresholds, 'no reply was received');
  const why =
    unclear === 0
      ? undefined
      : `${unclear} of ${answered} replies could not be classified${judgeConfigured ? '' : '; a judge (judge: in the profile) would grade them'}`;
  return judgeMetric('unclear_rate', unclear / answered, 'unclear_rate_max', thresholds, why);
}

/** The note on the replies nobody could classify: `neither` what they were not, `leftOut` what they are left out of. */
export function unclearNote(count: number, neither: string, leftOut: string, judgeConfigured: boolean): string {
  const replies = `${count} repl${count === 1 ? 'y was' : 'ies were'}`;
  return `${replies} unclear (neither ${neither}): inconclusive, left out of ${leftOut}; review them${judgeConfigured ? '' : ' or configure judge: to grade them'}`;
}

/** The note on the requests the target did not answer, left out of the rates. */
export function noAnswerNote(count: number, noun: string, rates: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'} got no answer (target errors) and are left out of the ${rates}`;
}

/** The note on a rate computed over classified replies only. */
export function overClassified(classified: number, unclear: number): string | undefined {
  return unclear === 0 ? undefined : `over the ${classified} classified replies; ${unclear} unclear left out`;
}

/**
 * Builds a suite summary from its cases (or their counts) and metric verdicts. The verdict:
 * error when every case errored; failed when a thresholded quality metric
 * fails; inconclusive when an evidence metric (unclear_rate) misses its
 * threshold or no thresholded metric could be measured (older reports call
 * that `unmeasured`); passed otherwise.
 */
export function buildSummary(
  suite: SuiteName,
  cases: readonly CaseResult[] | CaseCounts,
  metrics: MetricVerdict[],
  notes: string[] = [],
  details?: Record<string, unknown>,
): SuiteSummary {
  const { total, passed, failed, errors } = countsOf(cases);
  const judged = metrics.filter((m) => m.threshold !== undefined);
  const quality = judged.filter((m) => !isEvidenceMetric(m.name));
  const evidence = judged.filter((m) => isEvidenceMetric(m.name));
  let status: SuiteStatus;
  if (total > 0 && errors === total) status = 'error';
  else if (quality.some((m) => m.pass === false)) status = 'failed';
  else if (evidence.some((m) => m.pass === false)) status = 'inconclusive';
  else if (quality.length > 0 && quality.every((m) => m.pass === null)) status = 'inconclusive';
  else status = 'passed';
  return { suite, status, total, passed, failed, errors, metrics, notes, ...(details ? { details } : {}) };
}

/** The failure message of a case whose metrics failed: "faithfulness 0.42 < 0.80". */
export function describeFailures(verdicts: readonly MetricVerdict[]): string | null {
  const failed = verdicts.filter((v) => v.pass === false);
  if (failed.length === 0) return null;
  return failed
    .map((v) => `${v.name} ${formatValue(v.value)} ${v.direction === 'min' ? '<' : '>'} ${formatValue(v.threshold ?? null)}`)
    .join('; ');
}

function formatValue(v: number | null): string {
  if (v === null) return 'unmeasured';
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
