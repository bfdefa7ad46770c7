import { quoteExcerpt } from './quote';

/** Normalises a field name for loose comparison: `Expected-Answer` ~ `expected_answer` ~ `expectedAnswer`. */
function loose(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** Edit distance, capped: returns `max + 1` as soon as the distance exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The field a present-but-unknown key was probably meant to be: a known alias
 * (`answer` for `expected_answer`), a spelling variant or a typo; undefined if none.
 */
export function intendedField(key: string, wanted: readonly string[], aliases: Readonly<Record<string, string>>): string | undefined {
  const alias = aliases[key] ?? aliases[loose(key)];
  if (alias !== undefined && wanted.includes(alias)) return alias;
  const k = loose(key);
  for (const w of wanted) if (loose(w) === k) return w;
  if (key.length < 3) return undefined;
  for (const w of wanted) if (distance(k, loose(w), 2) <= 2) return w;
  return undefined;
}

/** Describes a JSON value's type for a message: `the number 12`, `a list`, `null`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  if (typeof v === 'string') return `the text ${JSON.stringify(quoteExcerpt(v))}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** True when a string is empty or only whitespace; cheap for the common non-empty case. */
export function isBlank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  if (c > 0x20 && c < 0x7f) return false;
  return s.trim() === '';
}
