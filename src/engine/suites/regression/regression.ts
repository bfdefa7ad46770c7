import type { CaseResult, MetricVerdict } from '../../model/runTypes';
import type { QaRecord } from '../../model/dataRecords';
import type { SuiteDefinition } from '../suite';
import { rougeL, tokenF1 } from '../../metrics/lexical';
import { buildSummary, judgeMetric, meanMetric } from '../../metrics/verdict';
import { analysisNote, analysisPrefix, maxAnalysedChars } from '../../metrics/text';
import { nullMetrics, planQasetQuestions, qidOfCaseId, targetErrorCase } from '../ragQuality/ragQualityPlan';
import { compareWithBaseline, indexBaseline } from './regressionCompare';

const COMPARISON_METRICS = ['similarity', 'delta_f1', 'delta_rouge_l', 'max_regression_delta'] as const;

/** The note of a run without a baseline. */
export const FIRST_RUN_NOTE = 'no baseline: no earlier run of this profile passed, so this run is the baseline';

/** The per-run state of regression: the baseline's cases by question id, when there is a baseline. */
export interface RegressionState {
  index?: Map<string, CaseResult>;
}

function uncompared(
  base: Omit<CaseResult, 'metrics' | 'status' | 'pass' | 'error' | 'details'>,
  f1: number,
  rouge: number,
  note: string,
): CaseResult {
  return {
    ...base,
    metrics: { f1, rouge_l: rouge, ...nullMetrics(COMPARISON_METRICS) },
    status: 'passed',
    pass: true,
    error: null,
    details: { note },
  };
}

/**
 * regression: the sampled qaset questions are asked again and each answer is
 * compared with the baseline run's answer (see compareWithBaseline for the
 * exact rule). A question the target answered in the baseline but fails now
 * counts as regressed. Without a baseline every case passes unmeasured and the
 * suite passes with the note FIRST_RUN_NOTE (no earlier run of the profile passed).
 */
export const regressionSuite: SuiteDefinition<QaRecord, RegressionState> = {
  name: 'regression',
  title: 'Regression: answers compared with the baseline run (similarity and drops of f1 / ROUGE-L)',

  prepare(ctx) {
    return ctx.baseline ? { index: indexBaseline(ctx.baseline.cases) } : {};
  },

  plan(ctx) {
    return planQasetQuestions('regression', ctx);
  },

  async runCase(planned, ctx, { index }) {
    const qa = planned.payload;
    const result = await ctx.target.ask({ question: qa.question, signal: ctx.signal });
    if (!result.ok) return targetErrorCase('regression', planned, result, { f1: null, rouge_l: null, ...nullMetrics(COMPARISON_METRICS) });
    const base = {
      suite: 'regression' as const,
      case_id: planned.id,
      input: qa.question,
      expected: qa.expected_answer,
      output: result.answer,
      contexts: result.contexts,
      latency_ms: result.latencyMs,
      timestamp: new Date().toISOString(),
    };
    const limit = maxAnalysedChars(ctx.profile.raw);
    const analysed = analysisPrefix(result.answer, limit);
    const f1 = tokenF1(analysed.text, qa.expected_answer);
    const rouge = rougeL(analysed.text, qa.expected_answer);
    if (!index) return uncompared(base, f1, rouge, FIRST_RUN_NOTE);
    const previous = index.get(qa.qid);
    if (!previous) return uncompared(base, f1, rouge, `not in the baseline ${ctx.baseline?.runId}: a new question`);
    if (previous.output === null)
      return uncompared(
        base,
        f1,
        rouge,
        `the baseline ${ctx.baseline?.runId} has no answer to compare with (${previous.error ?? previous.status})`,
      );
    const t = ctx.profile.thresholds;
    const cmp = compareWithBaseline(analysed.text, analysisPrefix(previous.output, limit).text, qa.expected_answer, {
      similarityMin: t.similarity_min,
      deltaMax: t.regression_delta_max,
    });
    return {
      ...base,
      metrics: {
        similarity: cmp.similarity,
        f1: cmp.f1,
        rouge_l: cmp.rouge_l,
        delta_f1: cmp.delta_f1,
        delta_rouge_l: cmp.delta_rouge_l,
        max_regression_delta: cmp.max_drop,
      },
      status: cmp.regressed ? 'failed' : 'passed',
      pass: !cmp.regressed,
      error: cmp.regressed ? `regressed: ${cmp.reasons.join('; ')}` : null,
      details: {
        baseline: {
          run_id: ctx.baseline?.runId,
          case_id: previous.case_id,
          answer: previous.output,
          f1: cmp.baseline_f1,
          rouge_l: cmp.baseline_rouge_l,
        },
        regressed: cmp.regressed,
        ...analysisNote(analysed),
      },
    };
  },

  summarize(cases, ctx, { index }) {
    const t = ctx.profile.thresholds;
    const counted = cases.filter((c) => c.status !== 'cancelled');
    const compared = counted.filter((c) => typeof c.metrics.similarity === 'number');
    // A question answered in the baseline that now gets no answer has regressed too.
    const lostAnswers = index
      ? counted.filter((c) => c.status === 'error' && typeof index.get(qidOfCaseId(c.case_id))?.output === 'string')
      : [];
    const regressed = [...compared.filter((c) => c.status === 'failed'), ...lostAnswers].map((c) => c.case_id);
    const judged = compared.length + lostAnswers.length;
    const noBaseline = !index
      ? 'no baseline to compare with: no earlier run of this profile passed'
      : 'no question of this run has an answer in the baseline';
    const drops = compared.map((c) => c.metrics.max_regression_delta).filter((v): v is number => typeof v === 'number');
    const metrics: MetricVerdict[] = [
      judgeMetric('similarity', meanMetric(compared, 'similarity'), 'similarity_min', t, compared.length === 0 ? noBaseline : undefined),
      judgeMetric(
        'regressed_ratio',
        judged === 0 ? null : regressed.length / judged,
        'regressed_ratio_max',
        t,
        judged === 0 ? noBaseline : undefined,
      ),
      judgeMetric(
        'max_regression_delta',
        drops.length === 0 ? null : Math.max(...drops),
        'regression_delta_max',
        t,
        drops.length === 0 ? noBaseline : undefined,
      ),
      judgeMetric('f1', meanMetric(counted, 'f1'), undefined, t),
      judgeMetric('rouge_l', meanMetric(counted, 'rouge_l'), undefined, t),
    ];
    const details: Record<string, unknown> = {
      regressed,
      compared: compared.length,
      ...(ctx.baseline ? { baseline: { run_id: ctx.baseline.runId, file: ctx.baseline.file } } : {}),
    };
    const notes: string[] = [];
    const newQuestions = counted.filter((c) => c.status !== 'error' && c.metrics.similarity === null).length;
    if (lostAnswers.length > 0)
      notes.push(`${lostAnswers.length} questions answered in the baseline got no answer now (counted as regressed)`);
    if (!index) notes.push(FIRST_RUN_NOTE);
    else if (judged === 0)
      notes.push(`no question of this run has an answer in the baseline ${ctx.baseline?.runId}: this run is the new baseline`);
    else if (newQuestions > 0) notes.push(`${newQuestions} questions have no answer in the baseline and were not compared`);
    const summary = buildSummary('regression', cases, metrics, notes, details);
    // Nothing to compare with is a recorded baseline, not a missing measurement.
    return judged === 0 && summary.status === 'inconclusive' ? { ...summary, status: 'passed' } : summary;
  },
};
