// Okapi BM25 over a fixed set of documents, the retrieval of the built-in target.
// idf uses the Lucene form ln(1 + (N - df + 0.5) / (df + 0.5)), which stays
// positive for terms in most documents (the classic form goes negative there).

import { tokenize } from './textTokens';

/** BM25 tuning: k1 saturates term frequency, b normalises by document length. */
export interface Bm25Options {
  k1?: number;
  b?: number;
}

/** A document to index. */
export interface Bm25Document {
  id: string;
  text: string;
}

/** One ranked document. `index` is its position in the indexed list. */
export interface Bm25Hit {
  id: string;
  index: number;
  score: number;
  /** Distinct query terms found in the document. */
  matched: string[];
}

/** An in-memory BM25 index. Deterministic: ties keep the documents' original order. */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly termFreqs: Map<string, number>[] = [];
  private readonly lengths: number[] = [];
  private readonly docFreq = new Map<string, number>();
  private readonly avgLength: number;

  constructor(
    private readonly docs: readonly Bm25Document[],
    options: Bm25Options = {},
  ) {
    this.k1 = options.k1 ?? 1.5;
    this.b = options.b ?? 0.75;
    let total = 0;
    for (const doc of docs) {
      const tf = new Map<string, number>();
      const tokens = tokenize(doc.text);
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1);
      this.termFreqs.push(tf);
      this.lengths.push(tokens.length);
      total += tokens.length;
    }
    this.avgLength = docs.length ? total / docs.length : 0;
  }

  /** Number of indexed documents. */
  get size(): number {
    return this.docs.length;
  }

  /** Inverse document frequency of a (tokenized) term; terms in no document get the highest value. */
  idf(term: string): number {
    const n = this.docs.length;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 score of one document for already tokenized query terms (duplicates count once). */
  scoreDocument(index: number, queryTerms: readonly string[]): { score: number; matched: string[] } {
    const tf = this.termFreqs[index];
    const len = this.lengths[index];
    const norm = this.k1 * (1 - this.b + (this.b * len) / (this.avgLength || 1));
    let score = 0;
    const matched: string[] = [];
    for (const term of new Set(queryTerms)) {
      const f = tf.get(term) ?? 0;
      if (f === 0) continue;
      matched.push(term);
      score += (this.idf(term) * f * (this.k1 + 1)) / (f + norm);
    }
    return { score, matched };
  }

  /** The `k` best documents for a query with a positive score, best first. */
  search(query: string, k: number): Bm25Hit[] {
    const terms = tokenize(query);
    if (terms.length === 0) return [];
    const hits: Bm25Hit[] = [];
    for (let i = 0; i < this.docs.length; i++) {
      const { score, matched } = this.scoreDocument(i, terms);
      if (score > 0) hits.push({ id: this.docs[i].id, index: i, score, matched });
    }
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    return hits.slice(0, k);
  }
}
