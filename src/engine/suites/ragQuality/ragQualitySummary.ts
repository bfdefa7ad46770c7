// rag_quality's summary, folded case by case: the mean of every metric and the
// share of passing cases against their thresholds, with notes on what could not
// be scored.
import type { CaseResult, MetricVerdict, SuiteSummary } from '../../model/runTypes';
import type { SuiteContext, SummaryFold } from '../suite';
import { countCase, noCases } from '../../model/caseOutcome';
import { MetricMeans } from '../../metrics/metricMeans';
import { buildSummary, judgeMetric } from '../../metrics/verdict';
import { RAG_METRIC_THRESHOLDS } from './ragQualityCases';

/** Folds rag_quality cases into its summary; `coreMetrics` are reported even when no case measured them. */
export function ragQualityFold(ctx: SuiteContext, coreMetrics: readonly string[]): SummaryFold {
  const counts = noCases();
  const means = new MetricMeans();
  // The first reason a case gave for leaving each metric unmeasured.
  const reasons = new Map<string, string>();
  let counted = 0;
  let passed = 0;
  let errors = 0;
  let noContext = 0;
  const add = (c: CaseResult): void => {
    countCase(counts, c);
    if (c.status === 'cancelled') return;
    counted++;
    means.add(c.metrics);
    if (c.status === 'passed') passed++;
    if (c.status === 'error') errors++;
    // Counted from the contexts themselves: context_recall is also unmeasured for an expected answer without content terms ("No.").
    else if (c.contexts.length === 0) noContext++;
    const unmeasured = c.details?.unmeasured as Record<string, string> | undefined;
    if (unmeasured) for (const [metric, why] of Object.entries(unmeasured)) if (why && !reasons.has(metric)) reasons.set(metric, why);
  };
  const finish = (): SuiteSummary => {
    const thresholds = ctx.profile.thresholds;
    const names = [...coreMetrics, 'schema_valid', 'judge_faithfulness', 'judge_correctness'].filter(
      (n) => means.has(n) || coreMetrics.includes(n),
    );
    const metrics: MetricVerdict[] = names.map((name) => {
      const value = means.mean(name);
      const reason = value === null ? (reasons.get(name) ?? (counted === 0 ? 'no case finished' : 'no case could be scored')) : undefined;
      return judgeMetric(name, value, RAG_METRIC_THRESHOLDS[name], thresholds, reason);
    });
    const passRate = counted === 0 ? null : passed / counted;
    metrics.push(
      judgeMetric('case_pass_rate', passRate, 'case_pass_rate_min', thresholds, passRate === null ? 'no case finished' : undefined),
    );
    const notes: string[] = [];
    if (errors > 0) notes.push(`${errors} of ${counted} questions got no answer (target errors); they count as failing cases`);
    if (noContext > 0) notes.push(`${noContext} answers came without contexts: context_recall and faithfulness are unmeasured for them`);
    if (!ctx.data.isProvided('qaset')) notes.push('using the built-in qaset');
    return buildSummary('rag_quality', counts, metrics, notes);
  };
  return { add, finish };
}
