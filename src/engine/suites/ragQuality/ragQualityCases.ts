// Scoring of one rag_quality answer: every per-case metric, its verdict against
// the profile's thresholds, and the evidence kept in the case's details.
import type { MetricVerdict } from '../../model/runTypes';
import type { AskSuccess } from '../../model/target';
import type { LlmJudge } from '../../judge/judgeClient';
import type { JudgeVerdict } from '../../judge/judgeTasks';
import type { AnswerSchemaRecord, QaRecord } from '../../model/dataRecords';
import { correctnessTask, faithfulnessTask } from '../../judge/judgeTasks';
import { exactMatch, rougeL, rougeLUnicode, tokenF1, tokenRecall } from '../../metrics/lexical';
import { answerRelevancy, contextRecall, faithfulness } from '../../metrics/ragMetrics';
import { checkAnswerSchema } from '../../metrics/schemaCheck';
import { judgeMetric } from '../../metrics/verdict';
import type { ThresholdKey, ThresholdValues } from '../manifests';

/**
 * The threshold key each rag_quality metric is judged by, per case and in the
 * summary. The judge's faithfulness shares faithfulness_min with the lexical one.
 */
export const RAG_METRIC_THRESHOLDS: Readonly<Partial<Record<string, ThresholdKey>>> = {
  exact_match: 'exact_match_min',
  answer_recall: 'answer_recall_min',
  f1: 'f1_min',
  rouge_l: 'rouge_l_min',
  context_recall: 'context_recall_min',
  faithfulness: 'faithfulness_min',
  answer_relevancy: 'answer_relevancy_min',
  schema_valid: 'schema_valid_min',
  judge_faithfulness: 'faithfulness_min',
  judge_correctness: 'judge_correctness_min',
};

/** What scoring a case needs besides the answer, loaded once per run. */
export interface RagCaseEnv {
  thresholds: ThresholdValues;
  /** Known passage ids → texts (to read id-only contexts and id-based qasets). */
  passages: ReadonlyMap<string, string>;
  /** data.schema, when the profile gives one: answers must then be JSON valid against it. */
  schema?: AnswerSchemaRecord;
  judge?: LlmJudge;
  signal: AbortSignal;
}

/** The scored case: metric values (null = unmeasured), verdicts, the contexts used, evidence. */
export interface RagCaseScore {
  metrics: Record<string, number | null>;
  verdicts: MetricVerdict[];
  contexts: string[];
  details: Record<string, unknown>;
}

/** The contexts to score: the texts the target returned, or the passages its ids name when it returned ids only. */
export function resolveContexts(answer: AskSuccess, passages: ReadonlyMap<string, string>): string[] {
  const texts = answer.contexts.filter((c) => c.trim().length > 0);
  if (texts.length > 0 || !answer.contextIds) return texts;
  return answer.contextIds.map((id) => passages.get(id)).filter((t): t is string => t !== undefined);
}

async function judgeBoth(
  judge: LlmJudge,
  qa: QaRecord,
  answer: string,
  contexts: string[],
  signal: AbortSignal,
): Promise<{ faithfulness: JudgeVerdict; correctness: JudgeVerdict }> {
  const faith: Promise<JudgeVerdict> =
    contexts.length > 0
      ? judge.grade(faithfulnessTask(qa.question, answer, contexts), signal)
      : Promise.resolve({ score: null, reason: 'the target returned no context text', raw: null });
  const [f, c] = await Promise.all([faith, judge.grade(correctnessTask(qa.question, qa.expected_answer, answer), signal)]);
  return { faithfulness: f, correctness: c };
}

/** Scores one successful answer of rag_quality. */
export async function scoreRagAnswer(qa: QaRecord, answer: AskSuccess, env: RagCaseEnv): Promise<RagCaseScore> {
  const contexts = resolveContexts(answer, env.passages);
  const reasons: Record<string, string> = {};
  const values: Record<string, number | null> = {};
  const put = (name: string, value: number | null, reason?: string): void => {
    values[name] = value;
    if (value === null && reason) reasons[name] = reason;
  };
  const details: Record<string, unknown> = {};

  put('exact_match', exactMatch(answer.answer, qa.expected_answer));
  put('answer_recall', tokenRecall(answer.answer, qa.expected_answer));
  put('f1', tokenF1(answer.answer, qa.expected_answer));
  put('rouge_l', rougeL(answer.answer, qa.expected_answer));
  put('rouge_l_unicode', rougeLUnicode(answer.answer, qa.expected_answer));
  const recall = contextRecall({
    expectedAnswer: qa.expected_answer,
    expectedContexts: qa.contexts,
    passageIds: env.passages,
    contexts,
    contextIds: answer.contextIds,
  });
  put('context_recall', recall.value, recall.reason);
  if (recall.mode) details.context_recall_mode = recall.mode;
  const faith = faithfulness(answer.answer, contexts);
  put('faithfulness', faith.value, faith.reason);
  if (faith.claims > 0) details.faithfulness_claims = { claims: faith.claims, supported: faith.supported, unsupported: faith.unsupported };
  const relevancy = answerRelevancy(qa.question, answer.answer);
  put('answer_relevancy', relevancy.value, relevancy.reason);
  if (env.schema) {
    const check = checkAnswerSchema(answer.answer, env.schema.validate);
    put('schema_valid', check.value, check.reason);
    if (check.value === 0) details.schema_errors = { reason: check.reason, errors: check.errors ?? [] };
  }
  if (env.judge) {
    const verdicts = await judgeBoth(env.judge, qa, answer.answer, contexts, env.signal);
    put('judge_faithfulness', verdicts.faithfulness.score, verdicts.faithfulness.reason);
    put('judge_correctness', verdicts.correctness.score, verdicts.correctness.reason);
    details.judge = verdicts;
  }

  const verdicts = Object.entries(values).map(([name, value]) =>
    judgeMetric(name, value, RAG_METRIC_THRESHOLDS[name], env.thresholds, reasons[name]),
  );
  if (Object.keys(reasons).length > 0) details.unmeasured = reasons;
  return { metrics: values, verdicts, contexts, details };
}
