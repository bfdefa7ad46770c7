import { contentTermSet, contentTerms, splitSentences } from './text';

/** A metric value, or null (unmeasured) with the reason. */
export interface MeasuredValue {
  value: number | null;
  reason?: string;
}

/** Input of context recall. */
export interface ContextRecallInput {
  expectedAnswer: string;
  /** The qaset item's `contexts` (passage ids, or passage texts). */
  expectedContexts?: readonly string[];
  /** Ids of the known passages, to tell an id list from a list of texts (a set, or a map keyed by id). */
  passageIds?: PassageIdLookup;
  /** Context texts the target returned. */
  contexts: readonly string[];
  /** Context ids the target returned, when it says. */
  contextIds?: readonly string[];
}

/** Context recall with how it was computed. */
export interface ContextRecallResult extends MeasuredValue {
  mode?: 'ids' | 'text';
}

/** The known passage ids: a Set, or the id → text Map itself (no copy of its keys per case). */
export type PassageIdLookup = Pick<ReadonlySet<string>, 'has' | 'size'>;

const ID_LIKE = /^[\w.:/#-]{1,128}$/u;

/**
 * Whether the qaset's `contexts` name passages rather than quote them: every
 * entry is a known passage id, or (no passages known) every entry looks like an id.
 */
export function isPassageIdList(expected: readonly string[], passageIds?: PassageIdLookup): boolean {
  if (expected.length === 0) return false;
  if (passageIds && passageIds.size > 0) return expected.every((id) => passageIds.has(id));
  return expected.every((id) => ID_LIKE.test(id));
}

function nonEmpty(texts: readonly string[] | undefined): string[] {
  return (texts ?? []).filter((t) => t.trim().length > 0);
}

/**
 * Context recall. ID-based when the qaset item's `contexts` are passage ids AND
 * the target returned context ids: the share of expected ids among the returned
 * ids. Otherwise text-based: the share of the expected answer's distinct content
 * terms (see contentTerms) that occur in the union of the returned contexts.
 * Unmeasured when the target returned no context at all, or the expected answer
 * has no content term.
 */
export function contextRecall(input: ContextRecallInput): ContextRecallResult {
  const contexts = nonEmpty(input.contexts);
  const ids = nonEmpty(input.contextIds);
  if (contexts.length === 0 && ids.length === 0) return { value: null, reason: 'the target returned no contexts' };
  const expected = nonEmpty(input.expectedContexts);
  if (ids.length > 0 && isPassageIdList(expected, input.passageIds)) {
    const retrieved = new Set(ids);
    const wanted = new Set(expected);
    let found = 0;
    for (const id of wanted) if (retrieved.has(id)) found++;
    return { value: found / wanted.size, mode: 'ids' };
  }
  if (contexts.length === 0)
    return { value: null, reason: 'the target returned context ids but no context text, and the qaset names no passage ids' };
  const wanted = contentTermSet(input.expectedAnswer);
  if (wanted.size === 0) return { value: null, reason: 'the expected answer has no content terms' };
  const available = contentTermSet(contexts.join('\n'));
  let found = 0;
  for (const t of wanted) if (available.has(t)) found++;
  return { value: found / wanted.size, mode: 'text' };
}

/** Share of a sentence's distinct content terms that must occur in the contexts for it to count as supported. */
export const SUPPORT_MIN_SHARE = 0.5;

/** Faithfulness with the per-claim evidence. */
export interface FaithfulnessResult extends MeasuredValue {
  claims: number;
  supported: number;
  /** The claims judged unsupported, for the report. */
  unsupported: string[];
}

/**
 * Faithfulness: the answer is split into sentences (claims, see splitSentences);
 * sentences without content terms are ignored. A claim is supported when at
 * least SUPPORT_MIN_SHARE (half) of its distinct content terms occur in the union
 * of the returned contexts. Value = supported claims / claims. Unmeasured when
 * the target returned no context text, or the answer has no claim.
 */
export function faithfulness(answer: string, contexts: readonly string[]): FaithfulnessResult {
  const texts = nonEmpty(contexts);
  if (texts.length === 0) return { value: null, reason: 'the target returned no context text', claims: 0, supported: 0, unsupported: [] };
  const available = contentTermSet(texts.join('\n'));
  let claims = 0;
  let supported = 0;
  const unsupported: string[] = [];
  for (const sentence of splitSentences(answer)) {
    const terms = contentTermSet(sentence);
    if (terms.size === 0) continue;
    claims++;
    let found = 0;
    for (const t of terms) if (available.has(t)) found++;
    if (found / terms.size >= SUPPORT_MIN_SHARE) supported++;
    else unsupported.push(sentence);
  }
  if (claims === 0) return { value: null, reason: 'the answer has no content to check', claims, supported, unsupported };
  return { value: supported / claims, claims, supported, unsupported };
}

/**
 * Answer relevancy: the share of the question's distinct content terms that
 * occur in the answer. A terse answer ("Paris") to "What is the capital of
 * France?" scores 0: it measures whether the answer addresses the question's
 * terms, not whether it is correct (that is f1 / the judge). Unmeasured when the
 * question has no content term.
 */
export function answerRelevancy(question: string, answer: string): MeasuredValue {
  const wanted = contentTermSet(question);
  if (wanted.size === 0) return { value: null, reason: 'the question has no content terms' };
  const present = new Set(contentTerms(answer));
  let found = 0;
  for (const t of wanted) if (present.has(t)) found++;
  return { value: found / wanted.size };
}
