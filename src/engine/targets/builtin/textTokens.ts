// The tokenizer of the built-in target's retrieval: lowercase words, English stop
// words removed, and a light stemmer that only folds plurals, so "passwords" finds
// "password" without the surprises of an aggressive stemmer.

const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her here hers him his how i if in into is it its ' +
    'just me my myself no nor not of off on once only or other our ours out over own same she should so some such than that the their theirs them then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself ' +
    "about above after again against all am any because before below between both down during each few further more most s t don't i'm i've it's " +
    "please tell know want need get got also may might must shall can't won't isn't aren't doesn't didn't"
  )
    .split(/\s+/)
    .filter(Boolean),
);

/** Folds English plurals and -ly adverbs ("policies" → "policy", "monthly" → "month", "automatically" → "automatic"); other words are kept. */
export function stem(word: string): string {
  if (word.length > 7 && word.endsWith('ically')) return word.slice(0, -4);
  if (word.length > 5 && word.endsWith('ly') && !word.endsWith('lly')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 4 && /(?:sses|shes|ches|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Whether a lowercase word is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Splits text into lowercase, stemmed content words (stop words and single letters dropped). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = m[0].replace(/['’]s$/u, '').replace(/’/gu, "'");
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (STOP_WORDS.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/** Splits a passage into sentences (ends at . ! ? followed by space, or a line break); keeps the punctuation. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
