import type { CaseResult, MetricVerdict } from '../../model/runTypes';
import type { QaRecord } from '../../model/dataRecords';
import type { SuiteContext, SuiteDefinition } from '../suite';
import type { RagCaseEnv } from './ragQualityCases';
import { createJudge, envSecretLookup } from '../../judge/judgeClient';
import { buildSummary, describeFailures, judgeMetric, meanMetric } from '../../metrics/verdict';
import { analysisNote, analysisPrefix, maxAnalysedChars } from '../../metrics/text';
import { RAG_METRIC_THRESHOLDS, scoreRagAnswer } from './ragQualityCases';
import { nullMetrics, planQasetQuestions, targetErrorCase } from './ragQualityPlan';

// The order metrics appear in cases and in the summary.
const CORE_METRICS = [
  'exact_match',
  'answer_recall',
  'f1',
  'rouge_l',
  'rouge_l_unicode',
  'context_recall',
  'faithfulness',
  'answer_relevancy',
] as const;

/** The per-run state of rag_quality: passages, schema and judge, loaded once on first use, not per case. */
export interface RagState {
  env(): Promise<Omit<RagCaseEnv, 'signal'>>;
}

function prepare(ctx: SuiteContext): RagState {
  let env: Promise<Omit<RagCaseEnv, 'signal'>> | undefined;
  return { env: () => (env ??= loadEnv(ctx)) };
}

async function loadEnv(ctx: SuiteContext): Promise<Omit<RagCaseEnv, 'signal'>> {
  const passages = new Map((await ctx.data.get('passages')).map((p) => [p.id, p.text] as const));
  // Only a schema the profile gives makes answers JSON: a built-in default must not turn a text RAG into a failure.
  const schemas = ctx.data.isProvided('schema') ? await ctx.data.get('schema') : [];
  const judgeConfig = ctx.profile.raw.judge;
  return {
    thresholds: ctx.profile.thresholds,
    passages,
    ...(schemas.length > 0 ? { schema: schemas[0] } : {}),
    ...(judgeConfig ? { judge: createJudge(judgeConfig, ctx.secrets ?? envSecretLookup) } : {}),
  };
}

/** The metric names a rag_quality case of this context reports (schema and judge metrics only when configured). */
async function metricNames(state: RagState): Promise<string[]> {
  const env = await state.env();
  return [...CORE_METRICS, ...(env.schema ? ['schema_valid'] : []), ...(env.judge ? ['judge_faithfulness', 'judge_correctness'] : [])];
}

function firstReason(cases: readonly CaseResult[], metric: string): string | undefined {
  for (const c of cases) {
    const unmeasured = c.details?.unmeasured as Record<string, string> | undefined;
    if (unmeasured?.[metric]) return unmeasured[metric];
  }
  return undefined;
}

/**
 * rag_quality: the sampled qaset questions are put to the target and each
 * answer is scored (exact match, token F1, ROUGE-L, context recall,
 * faithfulness, answer relevancy; schema validity with data.schema; judge
 * grades with `judge:`). A case passes when none of its thresholded metrics
 * fails (unmeasured ones are listed, not failed). The suite compares the mean of
 * every metric, and the share of passing cases, with the thresholds.
 */
export const ragQualitySuite: SuiteDefinition<QaRecord, RagState> = {
  name: 'rag_quality',
  title: 'RAG quality: correctness, faithfulness, context recall and relevancy of answers to the qaset',

  prepare,

  plan(ctx) {
    return planQasetQuestions('rag_quality', ctx);
  },

  async runCase(planned, ctx, state) {
    const qa = planned.payload;
    const result = await ctx.target.ask({ question: qa.question, signal: ctx.signal });
    if (!result.ok) return targetErrorCase('rag_quality', planned, result, nullMetrics(await metricNames(state)));
    const analysed = analysisPrefix(result.answer, maxAnalysedChars(ctx.profile.raw));
    const score = await scoreRagAnswer(qa, { ...result, answer: analysed.text }, { ...(await state.env()), signal: ctx.signal });
    const failure = describeFailures(score.verdicts);
    return {
      suite: 'rag_quality',
      case_id: planned.id,
      input: qa.question,
      expected: qa.expected_answer,
      output: result.answer,
      contexts: score.contexts,
      metrics: score.metrics,
      status: failure ? 'failed' : 'passed',
      pass: failure === null,
      error: failure,
      latency_ms: result.latencyMs,
      timestamp: new Date().toISOString(),
      details: { ...score.details, ...(result.contextIds ? { context_ids: result.contextIds } : {}), ...analysisNote(analysed) },
    };
  },

  summarize(cases, ctx) {
    const thresholds = ctx.profile.thresholds;
    const counted = cases.filter((c) => c.status !== 'cancelled');
    const present = new Set(counted.flatMap((c) => Object.keys(c.metrics)));
    const names = [...CORE_METRICS, 'schema_valid', 'judge_faithfulness', 'judge_correctness'].filter(
      (n) => present.has(n) || (CORE_METRICS as readonly string[]).includes(n),
    );
    const metrics: MetricVerdict[] = names.map((name) => {
      const value = meanMetric(counted, name);
      const reason =
        value === null
          ? (firstReason(counted, name) ?? (counted.length === 0 ? 'no case finished' : 'no case could be scored'))
          : undefined;
      return judgeMetric(name, value, RAG_METRIC_THRESHOLDS[name], thresholds, reason);
    });
    const passRate = counted.length === 0 ? null : counted.filter((c) => c.status === 'passed').length / counted.length;
    metrics.push(
      judgeMetric('case_pass_rate', passRate, 'case_pass_rate_min', thresholds, passRate === null ? 'no case finished' : undefined),
    );

    const notes: string[] = [];
    const errors = counted.filter((c) => c.status === 'error').length;
    if (errors > 0) notes.push(`${errors} of ${counted.length} questions got no answer (target errors); they count as failing cases`);
    // Counted from the contexts themselves: context_recall is also unmeasured for an expected answer without content terms ("No.").
    const noContext = counted.filter((c) => c.status !== 'error' && c.contexts.length === 0).length;
    if (noContext > 0) notes.push(`${noContext} answers came without contexts: context_recall and faithfulness are unmeasured for them`);
    if (!ctx.data.isProvided('qaset')) notes.push('using the built-in qaset');
    return buildSummary('rag_quality', cases, metrics, notes);
  },
};
