import type { QaRecord } from '../../model/dataRecords';
import type { SuiteContext, SuiteDefinition } from '../suite';
import type { RagCaseEnv } from './ragQualityCases';
import { createJudge, envSecretLookup } from '../../judge/judgeClient';
import { describeFailures } from '../../metrics/verdict';
import { ragQualityFold } from './ragQualitySummary';
import { analysisNote, analysisPrefix, maxAnalysedChars } from '../../metrics/text';
import { scoreRagAnswer } from './ragQualityCases';
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

  summarizer: (ctx) => ragQualityFold(ctx, CORE_METRICS),
};
