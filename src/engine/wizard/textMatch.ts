// Small helpers for reading what people type: normalising, yes/no/skip, numbers
// written as 0.8, 80 %, 3 s or 3000ms, and forgiving matches of known words.
import { distance } from 'fastest-levenshtein';

/** Lower case, punctuation other than that of names and numbers turned to spaces, spaces collapsed. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"'`‘’]/g, '')
    .replace(/[_]/g, ' ')
    .replace(/[^a-z0-9.%:/|@+\-\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SKIP =
  /^(skip|skip it|skip this|skip this step|pass|next|later|not now|no thanks|none|nothing|n\/a|na|default|defaults|use defaults|use the defaults|keep defaults|the defaults|whatever|dont care|don t care|doesnt matter|-)$/;

/** Whether the answer asks to skip the step (or take its defaults). */
export function isSkip(text: string): boolean {
  const n = normalize(text)
    .replace(/[.!]+$/, '')
    .replace(/^(please |just |ok |okay )/, '');
  return SKIP.test(n);
}

/** Yes, no, or neither. */
export function yesNo(text: string): 'yes' | 'no' | undefined {
  const n = normalize(text).replace(/[.!]+$/, '');
  if (
    /^(y|yes|yeah|yep|yup|sure|ok|okay|of course|please do|do it|go|go ahead|correct|right|true|on|enable|enabled|allow|affirmative)\b/.test(
      n,
    )
  )
    return 'yes';
  if (/^(n|no|nope|nah|never|not really|false|off|disable|disabled|dont|don t|do not|negative)\b/.test(n)) return 'no';
  return undefined;
}

/** A number as typed: `0.8`, `.8`, `80%`, `1,5` (a decimal comma). Undefined when there is none. */
export function parseNumber(text: string): { value: number; percent: boolean } | undefined {
  const m = /(-?\d+(?:[.,]\d+)?|-?\.\d+)\s*(%|percent\b)?/.exec(text);
  if (!m) return undefined;
  const value = Number(m[1].replace(',', '.'));
  if (!Number.isFinite(value)) return undefined;
  return m[2] ? { value: value / 100, percent: true } : { value, percent: false };
}

/** Milliseconds from `3000`, `3000ms`, `3 s`, `1.5 seconds`, `2 min`. */
export function parseDurationMs(text: string): number | undefined {
  const m = /(\d+(?:[.,]\d+)?)\s*(ms|milliseconds?|s|sec|secs|seconds?|m|min|mins|minutes?)?\b/.exec(text.toLowerCase());
  if (!m) return undefined;
  const n = Number(m[1].replace(',', '.'));
  const unit = m[2] ?? 'ms';
  if (/^(s|sec|secs|seconds?)$/.test(unit)) return Math.round(n * 1000);
  if (/^(m|min|mins|minutes?)$/.test(unit)) return Math.round(n * 60_000);
  return Math.round(n);
}

/** Whether a word is close enough to a known one (a typo or two, for longer words). */
export function closeTo(word: string, known: string): boolean {
  if (word === known) return true;
  if (word.length < 4 || known.length < 4) return false;
  const allowed = known.length >= 8 ? 2 : 1;
  return distance(word, known) <= allowed;
}

/**
 * Finds which of several named things a text mentions: each alias is looked for
 * as whole words; single words also match with a typo. Returns the ids found,
 * in the order they first appear, and the text left when they are removed.
 */
export function findAliases<T extends string>(
  text: string,
  table: readonly { id: T; aliases: readonly string[] }[],
): { found: T[]; rest: string } {
  let rest = ` ${normalize(text)} `;
  const hits: { id: T; at: number }[] = [];
  // Longest aliases first, so "red team heavy" wins over "red team".
  const all = table
    .flatMap((e) => e.aliases.map((a) => ({ id: e.id, alias: normalize(a) })))
    .sort((a, b) => b.alias.length - a.alias.length);
  for (const { id, alias } of all) {
    const re = new RegExp(`(?<=\\s)${escapeRegExp(alias)}(?=\\s)`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(rest)) !== null) {
      hits.push({ id, at: m.index });
      rest = rest.slice(0, m.index) + ' '.repeat(alias.length) + rest.slice(m.index + alias.length);
    }
  }
  const words = rest.trim().split(/\s+/).filter(Boolean);
  const leftover: string[] = [];
  for (const w of words) {
    const typo = all.find((a) => !a.alias.includes(' ') && closeTo(w, a.alias));
    if (typo) hits.push({ id: typo.id, at: rest.indexOf(w) });
    else leftover.push(w);
  }
  hits.sort((a, b) => a.at - b.at);
  const found: T[] = [];
  for (const h of hits) if (!found.includes(h.id)) found.push(h.id);
  return { found, rest: leftover.join(' ') };
}

/** Escapes a string for use inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes filler words that carry no choice ("please", "the", "suites", "I want"). */
export function withoutFiller(text: string, extra: readonly string[] = []): string {
  const filler = new Set([
    'please',
    'the',
    'a',
    'an',
    'i',
    'we',
    'want',
    'would',
    'like',
    'to',
    'use',
    'run',
    'test',
    'tests',
    'testing',
    'suite',
    'suites',
    'only',
    'just',
    'with',
    'and',
    'plus',
    'also',
    'of',
    'them',
    'it',
    'my',
    'our',
    'do',
    'lets',
    'let',
    's',
    'go',
    'for',
    'me',
    'choose',
    'pick',
    'select',
    'check',
    'checks',
    'set',
    'on',
    'in',
    'at',
    'is',
    'be',
    'should',
    'as',
    'mode',
    'option',
    'options',
    'one',
    'ok',
    'okay',
    'yes',
    ...extra,
  ]);
  return text
    .split(/[\s,;]+/)
    .filter((w) => /[a-z0-9]/i.test(w) && !filler.has(w))
    .join(' ');
}

/** Shortens a text for quoting it back ("…" when cut). */
export function clip(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
