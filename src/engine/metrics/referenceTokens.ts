// The tokenisations of the reference metric definitions, reproduced exactly so our
// exact_match, f1 and rouge_l equal what users compute with the SQuAD v1.1
// evaluation script and Google's rouge_score (test/unit/metrics/reference.test.ts
// pins them against an independent implementation), plus our Unicode-aware
// variant for ROUGE-L. Content terms (faithfulness, relevancy, bias) keep their
// own normalisation in text.ts.

// Python's string.punctuation: ASCII only, as the SQuAD script removes it.
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
// Python 3's `\b(a|an|the)\b` on str: a word character is a letter, a number or "_".
const SQUAD_ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;
// Python's str.split() whitespace (differs from JavaScript's \s: \x1c-\x1f and \x85 yes, \ufeff no).
// eslint-disable-next-line no-control-regex -- \x1c-\x1f are whitespace to Python, so they separate tokens here too.
const PYTHON_WHITESPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * SQuAD v1.1 `normalize_answer`: lower-case, remove ASCII punctuation, replace the
 * whole words a/an/the by a space, collapse whitespace. "The $4.99!" → "499".
 */
export function squadNormalize(text: string): string {
  return squadTokens(text).join(' ');
}

/** The tokens SQuAD v1.1 compares: its normalised text split on whitespace. */
export function squadTokens(text: string): string[] {
  const normalized = text.toLowerCase().replace(ASCII_PUNCTUATION, '').replace(SQUAD_ARTICLES, ' ');
  return normalized.split(PYTHON_WHITESPACE).filter((t) => t.length > 0);
}

/**
 * rouge_score's default tokeniser (no stemming): lower-case, every run of
 * characters other than a–z and 0–9 separates tokens. "$4.99/month" → 4, 99, month;
 * letters outside a–z are separators too, so "naïve" → na, ve.
 */
export function rougeScoreTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

// Scripts written without spaces between words: each character is a token.
const ONE_CHARACTER_TOKENS: readonly (readonly [number, number])[] = [
  [0x2e80, 0x2fdf], // CJK radicals
  [0x3005, 0x3007],
  [0x3021, 0x3029],
  [0x3038, 0x303b],
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x31f0, 0x31ff],
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff],
  [0x20000, 0x3134f],
];
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;

function isOneCharacterToken(code: number): boolean {
  return ONE_CHARACTER_TOKENS.some(([lo, hi]) => code >= lo && code <= hi);
}

/**
 * Tokens of rouge_l_unicode: NFKC, lower-case, runs of letters, digits and marks
 * of any script; each Han, Hiragana or Katakana character is a token of its own.
 * "Café ＡＢＣ" → café, abc; "東京です" → 東, 京, で, す.
 */
export function unicodeWordTokens(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (!WORD_CHARACTER.test(ch)) {
      if (current) tokens.push(current);
      current = '';
    } else if (isOneCharacterToken(ch.codePointAt(0) as number)) {
      if (current) tokens.push(current);
      current = '';
      tokens.push(ch);
    } else current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}
