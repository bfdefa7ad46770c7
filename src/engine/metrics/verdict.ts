import { countCases } from '../model/caseOutcome';
import type { CaseResult, MetricVerdict, SuiteStatus, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { mean } from './stats';
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

/** Mean of the measured values; null when none was measured. */
export function meanOf(values: readonly (number | null | undefined)[]): number | null {
  return mean(values.filter((v): v is number => typeof v === 'number'));
}

/** Mean of one metric over cases. */
export function meanMetric(cases: readonly CaseResult[], metric: string): number | null {
  return meanOf(cases.map((c) => c.metrics[metric]));
}

/**
 * Builds a suite summary from its cases and metric verdicts. The verdict:
 * failed when a thresholded metric fails; unmeasured when no thresholded metric
 * could be measured; error when every case errored; passed otherwise.
 */
export function buildSummary(
  suite: SuiteName,
  cases: readonly CaseResult[],
  metrics: MetricVerdict[],
  notes: string[] = [],
  details?: Record<string, unknown>,
): SuiteSummary {
  const { total, passed, failed, errors } = countCases(cases);
  const judged = metrics.filter((m) => m.threshold !== undefined);
  let status: SuiteStatus;
  if (total > 0 && errors === total) status = 'error';
  else if (judged.some((m) => m.pass === false)) status = 'failed';
  else if (judged.length > 0 && judged.every((m) => m.pass === null)) status = 'unmeasured';
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
