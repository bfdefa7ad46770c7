// Evidence spans and the span arithmetic the detectors share. Every verdict a
// detector gives keeps the exact span of the reply that caused it, so a report
// reader can see why a case failed.

/** A span of the analysed text that supports a verdict; `end` is exclusive. */
export interface Evidence {
  /** The text of the span (for decoded replies: the decoded text). */
  text: string;
  start: number;
  end: number;
  /** The rule that matched, e.g. `refusal:cannot-help` or `leak:canary`. */
  rule: string;
}

/** A half-open character range. */
export interface Span {
  start: number;
  end: number;
}

/** Every match of a global regex as evidence; `offset` shifts the spans. */
export function matchAll(text: string, regex: RegExp, rule: string, offset = 0): Evidence[] {
  const re = globalOf(regex);
  const out: Evidence[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    const start = (m.index ?? 0) + offset;
    out.push({ text: m[0], start, end: start + m[0].length, rule });
  }
  return out;
}

const globals = new WeakMap<RegExp, RegExp>();

// matchAll needs a global regex; compiling one per call would cost more than the match.
function globalOf(regex: RegExp): RegExp {
  if (regex.global) return regex;
  let g = globals.get(regex);
  if (!g) {
    g = new RegExp(regex.source, `${regex.flags}g`);
    globals.set(regex, g);
  }
  return g;
}

/** Whether a span lies inside one of the ranges (overlap by at least half counts). */
export function insideAny(span: Span, ranges: readonly Span[]): boolean {
  const len = Math.max(1, span.end - span.start);
  return ranges.some((r) => Math.min(span.end, r.end) - Math.max(span.start, r.start) >= len / 2);
}

/** Sentence ranges of a text (split on . ! ? and line breaks; offsets into the text). */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  // The period of a list number ("1. Mix") does not end a sentence.
  const re = /(?:(?<!(?:^|\s)\d{1,3})[.!?]+(?=\s|$)|\n+)/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    if (text.slice(start, end).trim().length > 0) spans.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim().length > 0) spans.push({ start, end: text.length });
  return spans;
}

/** The sentence that contains a position, or the whole text when none does. */
export function sentenceAt(sentences: readonly Span[], pos: number): Span {
  // Sentences are sorted and disjoint: a binary search keeps many lookups in a long reply linear overall.
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return s;
  }
  return { start: 0, end: Number.MAX_SAFE_INTEGER };
}

const QUOTE_PAIRS: readonly [string, string][] = [
  ['"', '"'],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['\u00ab', '\u00bb'],
  ['`', '`'],
];

/**
 * Ranges of quoted text (double, curly, guillemet and backtick quotes; single
 * straight quotes only when they open after a space and close before a word
 * boundary, so apostrophes in "don't" are not quotes). Quotes stay on one line.
 */
export function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    let i = text.indexOf(open);
    while (i >= 0) {
      const j = text.indexOf(close, i + 1);
      if (j < 0) break;
      const inner = text.slice(i + 1, j);
      if (!inner.includes('\n') && inner.length > 0) {
        // A curly single quote is also an apostrophe: only a quote when it opens after a space or line start.
        if (open !== '\u2018' || i === 0 || /\s/.test(text[i - 1])) spans.push({ start: i, end: j + 1 });
        i = text.indexOf(open, j + 1);
      } else {
        i = text.indexOf(open, i + 1);
      }
    }
  }
  for (const m of text.matchAll(/(^|[\s(:])'([^'\n]{1,200}?)'(?=[\s.,;:!?)]|$)/g)) {
    const start = (m.index ?? 0) + m[1].length;
    spans.push({ start, end: start + m[2].length + 2 });
  }
  // Fenced code blocks are not quotations of the question: callers decide; we only mark inline quotes.
  return spans.filter((s) => !isFence(text, s));
}

const DELIVERY = /(?:here(?:'s| is| are| you go)|sure|okay|ok|done|as requested|of course|certainly)\b[^.!?\n"]{0,40}[:,-]?\s*$/i;

/**
 * Whether a quotation is the reply delivering what was asked ("Here you go: \"…\"")
 * rather than quoting someone: then its content is the reply's own.
 */
export function isDeliveredQuote(text: string, span: Span): boolean {
  return DELIVERY.test(text.slice(Math.max(0, span.start - 60), span.start));
}

function isFence(text: string, s: Span): boolean {
  return text.startsWith('```', s.start) || text.startsWith('``', s.start);
}

interface WordPos {
  word: string;
  start: number;
  end: number;
}

// The detectors of one reply ask for its words several times: the last answer's are kept.
let lastWords: { text: string; words: WordPos[] } | undefined;

function words(text: string): WordPos[] {
  if (lastWords?.text === text) return lastWords.words;
  const out = wordsOf(text);
  lastWords = { text, words: out };
  return out;
}

function wordsOf(text: string): WordPos[] {
  const out: WordPos[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)?/gu)) {
    const start = m.index ?? 0;
    const lower = m[0].toLowerCase();
    out.push({ word: lower.includes('\u2019') ? lower.replace(/\u2019/g, "'") : lower, start, end: start + m[0].length });
  }
  return out;
}

/**
 * Ranges of the answer that repeat the prompt: runs of at least `minWords`
 * consecutive words that also occur consecutively in the prompt. An answer that
 * quotes the question must not be credited with what the question contains.
 */
export function echoedSpans(answer: string, prompt: string, minWords = 4): Span[] {
  const pw = words(prompt).map((w) => w.word);
  if (pw.length < minWords) return [];
  // Words become the ids of the prompt's vocabulary; a gram is looked up only where
  // `minWords` words in a row are prompt words, so a long answer costs one pass.
  const vocab = new Map<string, number>();
  const pid = pw.map((w) => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size));
    return id;
  });
  // A gram is a number (its word ids in base V) while that is exact, else a string.
  const base = vocab.size + 1;
  const numeric = Math.pow(base, minWords) < Number.MAX_SAFE_INTEGER;
  const keyOf = (ids: ArrayLike<number>, from: number): number | string => {
    if (!numeric) return Array.prototype.slice.call(ids, from, from + minWords).join(',');
    let k = 0;
    for (let x = from; x < from + minWords; x++) k = k * base + ids[x];
    return k;
  };
  const grams = new Set<number | string>();
  for (let i = 0; i + minWords <= pid.length; i++) grams.add(keyOf(pid, i));
  const aw = words(answer);
  const aid = Int32Array.from(aw, (w) => vocab.get(w.word) ?? -1);
  const spans: Span[] = [];
  let current: Span | null = null;
  let run = 0;
  for (let j = 0; j < aw.length; j++) {
    run = aid[j] >= 0 ? run + 1 : 0;
    if (run < minWords) continue;
    const i = j - minWords + 1;
    if (!grams.has(keyOf(aid, i))) continue;
    const span = { start: aw[i].start, end: aw[j].end };
    if (current && span.start <= current.end + 1) current.end = Math.max(current.end, span.end);
    else {
      if (current) spans.push(current);
      current = span;
    }
  }
  if (current) spans.push(current);
  return spans;
}

/** Removes duplicate evidence (same rule and span) and sorts by position. */
export function dedupeEvidence(items: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of [...items].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const key = `${e.rule}@${e.start}-${e.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
