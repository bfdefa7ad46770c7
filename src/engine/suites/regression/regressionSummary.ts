// regression's summary, folded case by case: mean similarity to the baseline's
// answers, the share of compared questions that regressed, the largest drop,
// and the mean f1 / ROUGE-L of this run's answers.
import type { CaseResult, MetricVerdict, SuiteSummary } from '../../model/runTypes';
import type { SuiteContext, SummaryFold } from '../suite';
import { countCase, noCases } from '../../model/caseOutcome';
import { MetricMeans } from '../../metrics/metricMeans';
import { buildSummary, judgeMetric } from '../../metrics/verdict';
import { qidOfCaseId } from '../ragQuality/ragQualityPlan';

/** The note of a run without a baseline. */
export const FIRST_RUN_NOTE = 'no baseline: no earlier run of this profile passed, so this run is the baseline';

/** Folds regression cases into its summary; `index` holds the baseline's cases by question id, when there is a baseline. */
export function regressionFold(ctx: SuiteContext, index: ReadonlyMap<string, CaseResult> | undefined): SummaryFold {
  const counts = noCases();
  const all = new MetricMeans();
  const comparedMeans = new MetricMeans();
  const failedIds: string[] = [];
  const lostIds: string[] = [];
  let compared = 0;
  let newQuestions = 0;
  let maxDrop: number | null = null;
  const add = (c: CaseResult): void => {
    countCase(counts, c);
    if (c.status === 'cancelled') return;
    all.add(c.metrics);
    if (c.status !== 'error' && c.metrics.similarity === null) newQuestions++;
    // A question answered in the baseline that now gets no answer has regressed too.
    if (index && c.status === 'error' && typeof index.get(qidOfCaseId(c.case_id))?.output === 'string') lostIds.push(c.case_id);
    if (typeof c.metrics.similarity !== 'number') return;
    compared++;
    comparedMeans.add({ similarity: c.metrics.similarity });
    if (c.status === 'failed') failedIds.push(c.case_id);
    const drop = c.metrics.max_regression_delta;
    if (typeof drop === 'number') maxDrop = maxDrop === null ? drop : Math.max(maxDrop, drop);
  };
  const finish = (): SuiteSummary => {
    const t = ctx.profile.thresholds;
    const regressed = [...failedIds, ...lostIds];
    const judged = compared + lostIds.length;
    const noBaseline = !index
      ? 'no baseline to compare with: no earlier run of this profile passed'
      : 'no question of this run has an answer in the baseline';
    const metrics: MetricVerdict[] = [
      judgeMetric('similarity', comparedMeans.mean('similarity'), 'similarity_min', t, compared === 0 ? noBaseline : undefined),
      judgeMetric(
        'regressed_ratio',
        judged === 0 ? null : regressed.length / judged,
        'regressed_ratio_max',
        t,
        judged === 0 ? noBaseline : undefined,
      ),
      judgeMetric('max_regression_delta', maxDrop, 'regression_delta_max', t, maxDrop === null ? noBaseline : undefined),
      judgeMetric('f1', all.mean('f1'), undefined, t),
      judgeMetric('rouge_l', all.mean('rouge_l'), undefined, t),
    ];
    const details: Record<string, unknown> = {
      regressed,
      compared,
      ...(ctx.baseline ? { baseline: { run_id: ctx.baseline.runId, file: ctx.baseline.file } } : {}),
    };
    const notes: string[] = [];
    if (lostIds.length > 0) notes.push(`${lostIds.length} questions answered in the baseline got no answer now (counted as regressed)`);
    if (!index) notes.push(FIRST_RUN_NOTE);
    else if (judged === 0)
      notes.push(`no question of this run has an answer in the baseline ${ctx.baseline?.runId}: this run is the new baseline`);
    else if (newQuestions > 0) notes.push(`${newQuestions} questions have no answer in the baseline and were not compared`);
    const summary = buildSummary('regression', counts, metrics, notes, details);
    // Nothing to compare with is a recorded baseline, not a missing measurement.
    return judged === 0 && summary.status === 'inconclusive' ? { ...summary, status: 'passed' } : summary;
  };
  return { add, finish };
}
