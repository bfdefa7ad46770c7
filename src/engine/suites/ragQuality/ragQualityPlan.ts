// Planning and case-building helpers shared by rag_quality, regression and
// performance: the three suites that put the qaset's questions to the target.
import { unansweredCase } from '../../model/caseOutcome';
import type { CaseResult } from '../../model/runTypes';
import type { AskFailure, TargetError } from '../../model/target';
import type { QaRecord } from '../../model/dataRecords';
import type { SuiteName } from '../../model/suiteNames';
import type { SuiteContext } from '../suite';
import type { PlannedCase } from '../../model/runTypes';

/**
 * The deterministic sample of a qaset: its first `size` items in file order.
 * Not a shuffle, so the same qids are asked run after run and regression can
 * compare them with the baseline; a size ≤ 0 or beyond the set means all items.
 */
export function sampleQaset(items: readonly QaRecord[], size: number): QaRecord[] {
  if (!Number.isFinite(size) || size <= 0 || size >= items.length) return [...items];
  return items.slice(0, Math.floor(size));
}

/** Plans one case per sampled qaset item, with id `<suite>:<qid>`. */
export function planQaCases(suite: SuiteName, items: readonly QaRecord[], size: number): PlannedCase<QaRecord>[] {
  return sampleQaset(items, size).map((qa) => ({
    id: `${suite}:${qa.qid}`,
    input: qa.question,
    expected: qa.expected_answer,
    payload: qa,
  }));
}

/**
 * The questions rag_quality and regression put to the target: one rule for both,
 * so regression can compare with a baseline's rag_quality answers by qid.
 */
export async function planQasetQuestions(suite: SuiteName, ctx: SuiteContext): Promise<PlannedCase<QaRecord>[]> {
  return planQaCases(suite, await ctx.data.get('qaset'), ctx.profile.volumes.qa_sample_size);
}

/** The qid of a case id `<suite>:<qid>` (qids may themselves contain ':'). */
export function qidOfCaseId(caseId: string): string {
  const i = caseId.indexOf(':');
  return i < 0 ? caseId : caseId.slice(i + 1);
}

/** A target error for a person: "timeout: no answer within 30000 ms" (HTTP status included when known). */
export function describeTargetError(error: TargetError): string {
  const status = error.status !== undefined && !error.message.includes(String(error.status)) ? ` (HTTP ${error.status})` : '';
  return `${error.kind}: ${error.message}${status}`;
}

/** The `error` case of a failed target call: not a crash, the reason is in `error`. */
export function targetErrorCase(
  suite: SuiteName,
  planned: PlannedCase,
  failure: AskFailure,
  metrics: Record<string, number | null>,
  details: Record<string, unknown> = {},
): CaseResult {
  return {
    ...unansweredCase(suite, planned, describeTargetError(failure.error), new Date().toISOString()),
    metrics,
    status: failure.error.kind === 'aborted' ? 'cancelled' : 'error',
    latency_ms: failure.latencyMs,
    details: {
      ...details,
      error_kind: failure.error.kind,
      ...(failure.error.status !== undefined ? { http_status: failure.error.status } : {}),
    },
  };
}

/** Metric names mapped to null: the metrics of a case that could not be evaluated. */
export function nullMetrics(names: readonly string[]): Record<string, number | null> {
  return Object.fromEntries(names.map((n) => [n, null]));
}
