// Text handling shared by the lexical and RAG metrics. Everything here is pure
// and deterministic so metric values are reproducible across runs and machines.

const PUNCTUATION = /[\p{P}\p{S}]/gu;
// Not `\b`: it only knows ASCII letters, so "año" or "ação" would lose a leading "a".
const ARTICLES = /(?<![\p{L}\p{N}\p{M}])(?:a|an|the)(?![\p{L}\p{N}\p{M}])/gu;

/**
 * SQuAD answer normalisation: lowercase, remove punctuation and symbols, remove
 * the articles a/an/the, collapse whitespace. "The Eiffel-Tower!" → "eiffeltower".
 */
export function normalizeAnswer(text: string): string {
  const lower = text.toLowerCase();
  const noPunct = lower.replace(PUNCTUATION, '');
  const noArticles = noPunct.replace(ARTICLES, ' ');
  return noArticles
    .split(/\s+/u)
    .filter((t) => t.length > 0)
    .join(' ');
}

/** Tokens of a text after SQuAD normalisation (split on whitespace). */
export function tokenize(text: string): string[] {
  const normalized = normalizeAnswer(text);
  return normalized.length === 0 ? [] : normalized.split(' ');
}

/**
 * English function words that carry no content: articles, pronouns, auxiliaries,
 * prepositions, conjunctions and question words. Apostrophes are already removed
 * by normalisation, hence "dont", "isnt".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet if then else than that this these those there here ' +
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'what which who whom whose when where why how ' +
    'is am are was were be been being do does did doing done have has had having ' +
    'can could shall should will would may might must ' +
    'of in on at by for with about against between into through during before after above below ' +
    'to from up down out off over under again further once onto upon within without via per ' +
    'as not no only own same such too very just also any all both each few more most other some ' +
    'dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt hasnt havent hadnt ' +
    'im ive id youre youve hes shes its were theyre theyve lets thats whats whos heres theres ' +
    'please tell explain describe give list'
  ).split(' '),
);

/**
 * A light, deterministic suffix stripper so "passages"/"passage" and
 * "policies"/"policy" match: -ies → -y, -(s|x|z|ch|sh)es → drop "es",
 * otherwise a final "s" is dropped unless the word ends in ss/us/is or has ≤ 3 letters.
 */
export function stem(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 4 && /(s|x|z|ch|sh)es$/.test(token)) return token.slice(0, -2);
  if (token.length > 3 && token.endsWith('s') && !/(ss|us|is)$/.test(token)) return token.slice(0, -1);
  return token;
}

/** Content terms of a text: normalised tokens without stop words, stemmed (duplicates kept, in order). */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !STOP_WORDS.has(t))
    .map(stem);
}

/** The distinct content terms of a text. */
export function contentTermSet(text: string): Set<string> {
  return new Set(contentTerms(text));
}

/**
 * Splits a text into sentences (the claims faithfulness checks): a break after
 * . ! or ? followed by whitespace, and at every line break. "3.5" is not split.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\r?\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Characters of an answer that detectors and metrics read by default; a longer answer is analysed by its start. */
export const DEFAULT_ANALYSED_CHARS = 65_536;

/** The part of an answer that is analysed, and whether (and how much) was left out. */
export interface AnalysedText {
  text: string;
  /** The answer was longer than the limit: only `text` was read. */
  truncated: boolean;
  /** Length of the whole answer, in UTF-16 characters. */
  totalChars: number;
}

/**
 * The prefix of an answer that detectors and metrics read: at most `limit`
 * characters (never splitting a surrogate pair), so a hostile target's huge
 * reply costs no more than a long ordinary one.
 */
export function analysisPrefix(answer: string, limit: number = DEFAULT_ANALYSED_CHARS): AnalysedText {
  if (answer.length <= limit) return { text: answer, truncated: false, totalChars: answer.length };
  const code = answer.charCodeAt(limit - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
  return { text: answer.slice(0, end), truncated: true, totalChars: answer.length };
}

/** The details a case carries when its answer was analysed by a prefix (empty when it was read whole). */
export function analysisNote(analysed: AnalysedText): Record<string, unknown> {
  return analysed.truncated
    ? {
        analysed_chars: analysed.text.length,
        analysis_note: `the answer has ${analysed.totalChars} characters; only the first ${analysed.text.length} were analysed`,
      }
    : {};
}

/** The analysis limit a run profile sets (`limits.max_analysed_chars`), or the default. */
export function maxAnalysedChars(profile: { limits?: { max_analysed_chars?: number } }): number {
  return profile.limits?.max_analysed_chars ?? DEFAULT_ANALYSED_CHARS;
}
