// How one answer compares with the baseline run's answer to the same question.
import type { CaseResult } from '../../model/runTypes';
import { answerSimilarity, rougeL, tokenF1 } from '../../metrics/lexical';
import { qidOfCaseId } from '../ragQuality/ragQualityPlan';

/** Below this a drop is rounding noise, not a drop. */
const EPSILON = 1e-9;

/**
 * The baseline's answers by qid, from its regression cases, or from its
 * rag_quality cases for questions the regression suite did not ask.
 */
export function indexBaseline(cases: readonly CaseResult[]): Map<string, CaseResult> {
  const byQid = new Map<string, CaseResult>();
  for (const suite of ['regression', 'rag_quality'] as const) {
    for (const c of cases) {
      if (c.suite !== suite) continue;
      const qid = qidOfCaseId(c.case_id);
      if (!byQid.has(qid)) byQid.set(qid, c);
    }
  }
  return byQid;
}

/** The comparison of one answer with its baseline answer. Deltas are current − baseline (negative = worse). */
export interface RegressionComparison {
  similarity: number;
  f1: number;
  rouge_l: number;
  baseline_f1: number;
  baseline_rouge_l: number;
  delta_f1: number;
  delta_rouge_l: number;
  /** The largest drop of f1 or rouge_l (0 when neither dropped). */
  max_drop: number;
  regressed: boolean;
  /** Why it regressed, for a person; empty when it did not. */
  reasons: string[];
}

/** The thresholds the regression rule reads. */
export interface RegressionLimits {
  similarityMin: number;
  deltaMax: number;
}

/**
 * Compares an answer with the baseline answer to the same question. Both are
 * scored against the CURRENT expected answer (f1 and rouge_l recomputed from the
 * baseline's text), so an edited qaset does not fake a drop. The rule: a case
 * regresses when (similarity < similarity_min AND its f1 dropped) OR (f1 or
 * rouge_l dropped by more than regression_delta_max). A reworded answer that is
 * as correct as before is therefore not a regression; a changed answer that
 * lost correctness is.
 */
export function compareWithBaseline(
  answer: string,
  baselineAnswer: string,
  expected: string,
  limits: RegressionLimits,
): RegressionComparison {
  const similarity = answerSimilarity(answer, baselineAnswer);
  const f1 = tokenF1(answer, expected);
  const rouge = rougeL(answer, expected);
  const baseF1 = tokenF1(baselineAnswer, expected);
  const baseRouge = rougeL(baselineAnswer, expected);
  const dropF1 = baseF1 - f1;
  const dropRouge = baseRouge - rouge;
  const maxDrop = Math.max(0, dropF1, dropRouge);
  const reasons: string[] = [];
  if (similarity < limits.similarityMin && dropF1 > EPSILON) {
    reasons.push(
      `answer changed (similarity ${similarity.toFixed(2)} < ${limits.similarityMin}) and f1 dropped ${baseF1.toFixed(2)} → ${f1.toFixed(2)}`,
    );
  }
  if (maxDrop > limits.deltaMax + EPSILON) {
    const which =
      dropF1 >= dropRouge ? `f1 ${baseF1.toFixed(2)} → ${f1.toFixed(2)}` : `rouge_l ${baseRouge.toFixed(2)} → ${rouge.toFixed(2)}`;
    reasons.push(`${which}: a drop of ${maxDrop.toFixed(2)} > regression_delta_max ${limits.deltaMax}`);
  }
  return {
    similarity,
    f1,
    rouge_l: rouge,
    baseline_f1: baseF1,
    baseline_rouge_l: baseRouge,
    delta_f1: f1 - baseF1,
    delta_rouge_l: rouge - baseRouge,
    max_drop: maxDrop,
    regressed: reasons.length > 0,
    reasons,
  };
}
