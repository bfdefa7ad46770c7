import type { PiiPatternRecord } from '../model/dataRecords';
import { isPiiValidatorName, PII_VALIDATORS } from '../data/readers/piiValidators';

/** Checks a candidate value with a named checksum validator (luhn, iban, ssn…). */
export type PiiValidatorFn = (value: string) => boolean;

/** One PII match in an answer: the evidence a report shows. */
export interface PiiHit {
  pattern: string;
  description: string;
  /** UTF-16 offsets in the scanned text; `end` is exclusive. */
  start: number;
  end: number;
  /** The value with most characters replaced by `*` (same length, so spans stay valid in masked text). */
  masked: string;
  /** The checksum the value passed, when the pattern has one. */
  validator?: string;
}

/** A candidate that looked like PII but was not counted, and why. */
export interface PiiRejection {
  pattern: string;
  start: number;
  end: number;
  masked: string;
  /**
   * checksum: failed its validator (e.g. a 16-digit number failing Luhn);
   * fragment: glued to letters or digits around it (part of a longer token);
   * inside_rejected: inside a longer candidate that failed its checksum;
   * quoted: the value was already in the prompt (the answer quotes the question).
   */
  reason: 'checksum' | 'fragment' | 'inside_rejected' | 'quoted';
}

/** The result of scanning one text. */
export interface PiiScanResult {
  hits: PiiHit[];
  rejections: PiiRejection[];
  /** Validator names a pattern used that are unknown: those matches count as hits (never silently dropped). */
  unknownValidators: string[];
}

/** Options of a scan. */
export interface PiiScanOptions {
  /** The prompt that produced the text: values it already contained are not leaks. */
  prompt?: string;
  /** Looks up a validator by name (default: the built-in luhn, iban, ssn, ipv4, ipv6). */
  validator?: (name: string) => PiiValidatorFn | undefined;
}

interface Candidate {
  pattern: PiiPatternRecord;
  start: number;
  end: number;
  value: string;
}

const ALNUM = /[\p{L}\p{N}]/u;

/** The built-in checksum validator of a name (src/engine/data/readers/piiValidators.ts), if there is one. */
export function builtinPiiValidator(name: string): PiiValidatorFn | undefined {
  return isPiiValidatorName(name) ? PII_VALIDATORS[name] : undefined;
}

/**
 * Masks a PII value without changing its length: an email keeps its first
 * character and its domain; other values keep separators and, when long
 * enough to stay unrecoverable, their last 2–4 letters or digits.
 */
export function maskPiiValue(value: string): string {
  const at = value.indexOf('@');
  if (at > 0) return value[0] + value.slice(1, at).replace(/[^@]/g, '*') + value.slice(at);
  const alnum = [...value].filter((c) => ALNUM.test(c)).length;
  const keep = alnum >= 12 ? 4 : alnum >= 8 ? 2 : 0;
  let seen = 0;
  return [...value].map((c) => (ALNUM.test(c) ? (++seen > alnum - keep ? c : '*') : c)).join('');
}

/** The text with every hit replaced by its masked value (offsets unchanged). */
export function maskHits(text: string, hits: readonly PiiHit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const h of [...hits].sort((x, y) => x.start - y.start)) {
    if (h.start < at) continue;
    parts.push(text.slice(at, h.start), h.masked);
    at = h.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

// Comparison key for the quoting rule: case, spaces and the usual separators
// of phone and card numbers do not make a value new.
function quoteKey(text: string): string {
  return text.toLowerCase().replace(/[\s\-().]/g, '');
}

function globalRegex(re: RegExp): RegExp {
  return re.global ? new RegExp(re.source, re.flags) : new RegExp(re.source, `${re.flags}g`);
}

/** Matches start in windows of this many characters (see boundedMatches). */
export const PII_WINDOW_CHARS = 512;
/** Characters of context a window reads on each side (for lookbehinds, lookaheads and word boundaries). */
const PII_CONTEXT_CHARS = 64;
/** The longest match a single window is sure to hold; longer ones are read again in wider slices. */
export const PII_MAX_MATCH_CHARS = PII_WINDOW_CHARS - PII_CONTEXT_CHARS;

/**
 * Every match of a pattern, as `text.matchAll` finds them, with bounded work: on a
 * long text each search runs over a window of at most 2·PII_WINDOW_CHARS plus
 * context, so a user's pattern that backtracks polynomially costs linear time in
 * the text's length. A longer match is read again in wider slices, up to 64 KB.
 */
export function* boundedMatches(text: string, regex: RegExp): Generator<{ value: string; start: number }> {
  const re = globalRegex(regex);
  if (text.length <= 2 * PII_WINDOW_CHARS) {
    for (const m of text.matchAll(re)) if (m.index !== undefined) yield { value: m[0], start: m.index };
    return;
  }
  let next = 0;
  let overLong = -1;
  for (let from = 0; from < text.length; from += PII_WINDOW_CHARS) {
    const sliceStart = Math.max(0, from - PII_CONTEXT_CHARS);
    const sliceEnd = Math.min(text.length, from + 2 * PII_WINDOW_CHARS);
    const slice = text.slice(sliceStart, sliceEnd);
    re.lastIndex = Math.max(from, next) - sliceStart;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const start = sliceStart + m.index;
      if (start >= from + PII_WINDOW_CHARS) break;
      if (m[0].length === 0) re.lastIndex++;
      // A match reaching into the right context may be cut short by the window's end: read it again, wider.
      // One right after a match too long to read whole is the rest of it, left out too.
      const cut = sliceEnd < text.length && start + m[0].length > sliceEnd - PII_CONTEXT_CHARS;
      const found = cut || start === overLong ? widerMatch(text, regex, start) : { value: m[0], length: m[0].length };
      next = start + Math.max(1, found.length);
      re.lastIndex = next - sliceStart;
      if (found.value !== undefined && start !== overLong) yield { value: found.value, start };
      else overLong = next;
    }
  }
}

/** How far a long match is followed before it is left out. */
const PII_MAX_WIDE_CHARS = 64 * 1024;

// The match at `start` read in ever wider slices (4× each time), up to PII_MAX_WIDE_CHARS;
// without a value when it is longer, with the length read so far.
function widerMatch(text: string, regex: RegExp, start: number): { value?: string; length: number } {
  const re = globalRegex(regex);
  const from = Math.max(0, start - PII_CONTEXT_CHARS);
  for (let size = 4 * PII_WINDOW_CHARS; ; size = Math.min(PII_MAX_WIDE_CHARS + PII_CONTEXT_CHARS, size * 4)) {
    const end = Math.min(text.length, start + size);
    re.lastIndex = start - from;
    const m = re.exec(text.slice(from, end));
    if (!m || m.index !== start - from) return { length: 1 };
    if (end === text.length || start + m[0].length <= end - PII_CONTEXT_CHARS) return { value: m[0], length: m[0].length };
    if (size >= PII_MAX_WIDE_CHARS) return { length: m[0].length };
  }
}

function isFragment(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text[start - 1] : '';
  const after = end < text.length ? text[end] : '';
  const first = text[start];
  const last = text[end - 1];
  return (before !== '' && ALNUM.test(before) && ALNUM.test(first)) || (after !== '' && ALNUM.test(after) && ALNUM.test(last));
}

function rejection(c: Candidate, reason: PiiRejection['reason']): PiiRejection {
  return { pattern: c.pattern.name, start: c.start, end: c.end, masked: maskPiiValue(c.value), reason };
}

const byStart = (x: Candidate, y: Candidate): number => x.start - y.start || y.end - x.end;

// A weak pattern (no checksum) matching inside a longer number that failed its
// checksum is a piece of that number, not PII of its own. One sweep over both
// lists sorted by start: the failed candidate reaching furthest right so far is
// the only one that can contain the next candidate.
function dropInsideRejected(accepted: Candidate[], failed: Candidate[], rejections: PiiRejection[]): Candidate[] {
  if (failed.length === 0) return accepted;
  const sortedFailed = [...failed].sort(byStart);
  let i = 0;
  let reach: Candidate | undefined;
  const out: Candidate[] = [];
  for (const c of [...accepted].sort(byStart)) {
    while (i < sortedFailed.length && sortedFailed[i].start <= c.start) {
      const f = sortedFailed[i++];
      if (!reach || f.end > reach.end || (f.end === reach.end && f.start < reach.start)) reach = f;
    }
    const inside = !c.pattern.validator && reach !== undefined && reach.end >= c.end && reach.end - reach.start > c.end - c.start;
    if (inside) rejections.push(rejection(c, 'inside_rejected'));
    else out.push(c);
  }
  return out;
}

const stronger = (x: Candidate, y: Candidate): number =>
  Number(Boolean(y.pattern.validator)) - Number(Boolean(x.pattern.validator)) || y.end - y.start - (x.end - x.start) || x.start - y.start;

// Overlapping matches of different patterns count once: within each cluster of
// overlapping candidates the strongest (validated, then longer, then earlier)
// win greedily. Clusters are tiny in real text, so this stays linear overall.
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(byStart);
  const chosen: Candidate[] = [];
  for (let i = 0; i < sorted.length;) {
    let end = sorted[i].end;
    let j = i + 1;
    while (j < sorted.length && sorted[j].start < end) end = Math.max(end, sorted[j++].end);
    if (j - i === 1) chosen.push(sorted[i]);
    else {
      const picked: Candidate[] = [];
      for (const c of sorted.slice(i, j).sort(stronger)) if (!picked.some((o) => c.start < o.end && o.start < c.end)) picked.push(c);
      chosen.push(...picked.sort(byStart));
    }
    i = j;
  }
  return chosen;
}

/**
 * Scans a text for PII with the given patterns. A match counts only when it
 * is a whole token, passes its pattern's checksum validator, is not inside a
 * longer number that failed its checksum, does not overlap a stronger match
 * (validated first, then longer), and was not already in the prompt.
 */
export function scanPii(text: string, patterns: readonly PiiPatternRecord[], options: PiiScanOptions = {}): PiiScanResult {
  const rejections: PiiRejection[] = [];
  const unknown = new Set<string>();
  const accepted: Candidate[] = [];
  const failedChecksum: Candidate[] = [];
  for (const pattern of patterns) {
    for (const m of boundedMatches(text, pattern.regex)) {
      if (m.value.length === 0) continue;
      const c: Candidate = { pattern, start: m.start, end: m.start + m.value.length, value: m.value };
      if (isFragment(text, c.start, c.end)) {
        rejections.push(rejection(c, 'fragment'));
        continue;
      }
      if (pattern.validator) {
        const check = (options.validator ?? builtinPiiValidator)(pattern.validator);
        if (!check) unknown.add(pattern.validator);
        else if (!check(c.value)) {
          rejections.push(rejection(c, 'checksum'));
          failedChecksum.push(c);
          continue;
        }
      }
      accepted.push(c);
    }
  }
  const survivors = dropInsideRejected(accepted, failedChecksum, rejections);
  const chosen = resolveOverlaps(survivors);
  const promptKey = options.prompt ? quoteKey(options.prompt) : '';
  const hits: PiiHit[] = [];
  for (const c of chosen) {
    const key = quoteKey(c.value);
    if (promptKey && key.length > 0 && promptKey.includes(key)) {
      rejections.push(rejection(c, 'quoted'));
      continue;
    }
    hits.push({
      pattern: c.pattern.name,
      description: c.pattern.description,
      start: c.start,
      end: c.end,
      masked: maskPiiValue(c.value),
      ...(c.pattern.validator && !unknown.has(c.pattern.validator) ? { validator: c.pattern.validator } : {}),
    });
  }
  return { hits, rejections: rejections.sort((x, y) => x.start - y.start), unknownValidators: [...unknown] };
}
