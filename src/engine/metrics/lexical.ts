import { rougeScoreTokens, squadNormalize, squadTokens, unicodeWordTokens } from './referenceTokens';

/** SQuAD v1.1 exact match: 1 when the two texts are equal after its normalisation (two empty texts too), else 0. */
export function exactMatch(prediction: string, reference: string): number {
  return squadNormalize(prediction) === squadNormalize(reference) ? 1 : 0;
}

/** Size of the multiset intersection of two token lists (each shared token counted as often as both have it). */
export function sharedTokenCount(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  return common;
}

/** F1 of two token lists: two empty lists score 1; one empty list scores 0. */
export function tokenListF1(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const common = sharedTokenCount(a, b);
  if (common === 0) return 0;
  const precision = common / a.length;
  const recall = common / b.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Token recall of the reference in the prediction (SQuAD v1.1 tokens, the recall half of tokenF1): the share of
 * the expected answer's tokens the answer contains. Unlike F1 it does not punish
 * a correct answer for being a full sentence around a short expected phrase.
 */
export function tokenRecall(prediction: string, reference: string): number {
  const ref = squadTokens(reference);
  if (ref.length === 0) return 1;
  return sharedTokenCount(ref, squadTokens(prediction)) / ref.length;
}

/**
 * SQuAD v1.1 token F1: precision and recall of the multiset of shared normalised
 * tokens; 0 when no token is shared, so an empty text (or two) scores 0.
 */
export function tokenF1(prediction: string, reference: string): number {
  const pred = squadTokens(prediction);
  const ref = squadTokens(reference);
  return sharedTokenCount(pred, ref) === 0 ? 0 : tokenListF1(pred, ref);
}

/** Length of the longest common subsequence of two token lists (O(n·m) time, O(m) memory). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Tokens become small integers and rows typed arrays: long answers (thousands of tokens) stay fast.
  const ids = new Map<string, number>();
  const intern = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) {
      id = ids.size;
      ids.set(t, id);
    }
    return id;
  };
  const x = Int32Array.from(a, intern);
  const y = Int32Array.from(b, intern);
  let prev = new Int32Array(y.length + 1);
  let curr = new Int32Array(y.length + 1);
  const m = y.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    let left = 0;
    for (let j = 0; j < m; j++) {
      const up = prev[j + 1];
      left = xi === y[j] ? prev[j] + 1 : up > left ? up : left;
      curr[j + 1] = left;
    }
    const swap = prev;
    prev = curr;
    curr = swap;
  }
  return prev[m];
}

/** Tokens of each side ROUGE-L reads at most (its LCS costs the product of the two lengths). */
export const ROUGE_L_MAX_TOKENS = 4096;

/**
 * LCS F-measure (β = 1) of two token lists, as rouge_score computes it: with L the
 * LCS length, P = L/|prediction|, R = L/|reference|, F = 2PR/(P+R); an empty side
 * scores 0. Each side is cut to its first ROUGE_L_MAX_TOKENS tokens first.
 */
export function lcsFMeasure(pred: readonly string[], ref: readonly string[]): number {
  if (pred.length === 0 || ref.length === 0) return 0;
  // LCS is quadratic by nature: past ROUGE_L_MAX_TOKENS tokens a side is measured by its start.
  const p = pred.length > ROUGE_L_MAX_TOKENS ? pred.slice(0, ROUGE_L_MAX_TOKENS) : pred;
  const r = ref.length > ROUGE_L_MAX_TOKENS ? ref.slice(0, ROUGE_L_MAX_TOKENS) : ref;
  const lcs = lcsLength(p, r);
  if (lcs === 0) return 0;
  const precision = lcs / p.length;
  const recall = lcs / r.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * ROUGE-L F-measure exactly as Google's rouge_score computes it by default
 * (lower-cased, a–z and 0–9 tokens, no stemming). Letters outside a–z are
 * separators there, so non-English text scores near 0: see rougeLUnicode.
 */
export function rougeL(prediction: string, reference: string): number {
  return lcsFMeasure(rougeScoreTokens(prediction), rougeScoreTokens(reference));
}

/**
 * ROUGE-L F-measure over words of any script (NFKC, lower-cased; letters, digits
 * and marks; Chinese and Japanese characters one token each). Equals rougeL on
 * plain ASCII text.
 */
export function rougeLUnicode(prediction: string, reference: string): number {
  return lcsFMeasure(unicodeWordTokens(prediction), unicodeWordTokens(reference));
}

/**
 * Similarity of two answers for the regression suite: the SQuAD token F1 of
 * the two (symmetric, order-insensitive, so a reworded sentence with the same
 * facts stays similar while a changed fact or a different answer drops).
 */
export function answerSimilarity(a: string, b: string): number {
  // Unlike SQuAD F1, two answers that are both empty are the same answer.
  return tokenListF1(squadTokens(a), squadTokens(b));
}
