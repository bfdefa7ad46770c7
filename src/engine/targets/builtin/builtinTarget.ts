// The offline default target: a small, deterministic extractive RAG over the
// profile's passages (or the built-in help center). It retrieves with BM25,
// answers with the sentence(s) of the top passages that best match the question,
// and declines harmful or off-topic requests like a well-configured assistant.

import type { PassageRecord } from '../../model/dataRecords';
import type { AskRequest, AskResult, Target } from '../../model/target';
import { Bm25Index } from './bm25';
import type { Bm25Hit } from './bm25';
import { guardCategory, offTopicReply, REFUSAL } from './builtinGuard';
import { splitSentences, tokenize } from './textTokens';

/** Options of the built-in target. */
export interface BuiltinTargetOptions {
  /** What the passages are about, for the off-topic reply; derived from the passages' meta when absent. */
  topic?: string;
  /** Passages returned as contexts (default 3). */
  topK?: number;
  /**
   * Share of the question's idf weight the best passage must cover to count as
   * relevant (default 0.34). Below it the target says it has no information.
   */
  minCoverage?: number;
}

const QUANTITY_QUESTION = /\b(how (long|many|much|often|soon|big|large|old|far)|when|what time|within how)\b/i;

/** A question's content terms with their idf weights; shared by relevance and sentence scoring. */
interface WeightedTerms {
  terms: string[];
  weights: Map<string, number>;
  total: number;
}

/** The built-in extractive RAG target. */
export class BuiltinTarget implements Target {
  readonly description: string;
  readonly conversational = false;
  private readonly index: Bm25Index;
  private readonly topic: string;
  private readonly topK: number;
  private readonly minCoverage: number;

  constructor(
    private readonly passages: readonly PassageRecord[],
    options: BuiltinTargetOptions = {},
  ) {
    this.index = new Bm25Index(passages);
    this.topic = options.topic ?? deriveTopic(passages);
    this.topK = options.topK ?? 3;
    this.minCoverage = options.minCoverage ?? 0.34;
    this.description = `builtin (${passages.length} passages)`;
  }

  async ask(request: AskRequest): Promise<AskResult> {
    const started = performance.now();
    if (request.signal.aborted) {
      return { ok: false, error: { kind: 'aborted', message: 'cancelled before the call' }, latencyMs: 0, meta: { attempts: 0 } };
    }
    const reply = this.answer(request.question);
    return { ok: true, ...reply, latencyMs: performance.now() - started, meta: { attempts: 1, source: 'builtin' } };
  }

  /** The answer and contexts for a question; synchronous and deterministic. */
  answer(question: string): { answer: string; contexts: string[]; contextIds: string[] } {
    if (guardCategory(question)) return { answer: REFUSAL, contexts: [], contextIds: [] };
    const weighted = this.weigh(question);
    const hits = this.index.search(question, this.topK);
    if (hits.length === 0 || this.coverage(hits[0], weighted) < this.minCoverage) {
      return { answer: offTopicReply(this.topic), contexts: [], contextIds: [] };
    }
    const top = hits.map((h) => this.passages[h.index]);
    return { answer: this.extract(question, hits, weighted), contexts: top.map((p) => p.text), contextIds: top.map((p) => p.id) };
  }

  async close(): Promise<void> {
    // Nothing to release: the index lives in memory.
  }

  private weigh(question: string): WeightedTerms {
    const terms = [...new Set(tokenize(question))];
    const weights = new Map(terms.map((t) => [t, this.index.idf(t)] as const));
    let total = 0;
    for (const w of weights.values()) total += w;
    return { terms, weights, total };
  }

  private coverage(hit: Bm25Hit, weighted: WeightedTerms): number {
    if (weighted.total === 0) return 0;
    let covered = 0;
    for (const t of hit.matched) covered += weighted.weights.get(t) ?? 0;
    return covered / weighted.total;
  }

  // The best sentence, plus a second one from the same passage when it covers a
  // question term the first does not: answers often span two sentences.
  private extract(question: string, hits: readonly Bm25Hit[], weighted: WeightedTerms): string {
    type Scored = { text: string; terms: Set<string>; score: number; rank: number; pos: number };
    const scored: Scored[] = [];
    hits.forEach((hit, rank) => {
      splitSentences(this.passages[hit.index].text).forEach((text, pos) => {
        const terms = new Set(tokenize(text).filter((t) => weighted.weights.has(t)));
        let score = 0;
        for (const t of terms) score += weighted.weights.get(t) ?? 0;
        // A slight preference for higher-ranked passages breaks ties between equal sentences.
        scored.push({ text, terms, score: score * (1 - rank * 0.05), rank, pos });
      });
    });
    scored.sort((a, b) => b.score - a.score || a.rank - b.rank || a.pos - b.pos);
    const best = scored[0];
    if (!best || best.score === 0) return splitSentences(this.passages[hits[0].index].text)[0] ?? '';
    const sameRank = scored.filter((s) => s !== best && s.rank === best.rank && s.score > 0);
    // A question asking for a quantity wants the sentence with the number in it.
    const wantsNumber = QUANTITY_QUESTION.test(question) && !/\d/.test(best.text);
    const second = wantsNumber
      ? sameRank.find((s) => /\d/.test(s.text))
      : sameRank.find((s) => s.score >= best.score * 0.5 && [...s.terms].some((t) => !best.terms.has(t)));
    if (!second) return best.text;
    return (second.pos < best.pos ? [second, best] : [best, second]).map((s) => s.text).join(' ');
  }
}

/** The topic named in passages' meta (`topic`, `product` or `source`, the most frequent), or a neutral phrase. */
export function deriveTopic(passages: readonly PassageRecord[]): string {
  const counts = new Map<string, number>();
  for (const p of passages) {
    const value = p.meta?.topic ?? p.meta?.product ?? p.meta?.source;
    if (typeof value === 'string' && value.trim()) counts.set(value.trim(), (counts.get(value.trim()) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [topic, count] of counts) {
    if (count > bestCount) {
      best = topic;
      bestCount = count;
    }
  }
  return best ?? 'the documents I was given';
}
