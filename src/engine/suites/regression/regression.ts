import type { CaseResult } from '../../model/runTypes';
import type { QaRecord } from '../../model/dataRecords';
import type { SuiteDefinition } from '../suite';
import { rougeL, tokenF1 } from '../../metrics/lexical';
import { analysisNote, analysisPrefix, maxAnalysedChars } from '../../metrics/text';
import { nullMetrics, planQasetQuestions, targetErrorCase } from '../ragQuality/ragQualityPlan';
import { compareWithBaseline, indexBaseline } from './regressionCompare';
import { FIRST_RUN_NOTE, regressionFold } from './regressionSummary';

const COMPARISON_METRICS = ['similarity', 'delta_f1', 'delta_rouge_l', 'max_regression_delta'] as const;

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

  summarizer: (ctx, { index }) => regressionFold(ctx, index),
};
