// Secrets (bearer tokens, judge keys) must never reach an error message, a log
// or a report, even when a misbehaving server echoes them back: exactly, in
// another case, spaced or dotted out, base64- or URL-encoded, or cut short.
// Every text that leaves the HTTP layer goes through maskSecrets.
import { maskSecrets as maskKeyShapes } from './textMasks';

/** What replaces a secret in any text we keep. */
export const MASK = '***';

/** Longest body excerpt kept in an error. */
export const EXCERPT_CHARS = 300;

/** The shortest prefix of a secret masked on its own (a target cut the secret short); separators do not count. */
export const MIN_ECHO_CHARS = 8;

// Characters a target may put between a secret's characters ("s k - p r o j", "a.b.c").
const SEPARATORS = /[\t\n\v\f\r \u00a0._-]+/g;

function isSeparator(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0xa0 || code === 0x2e || code === 0x5f || code === 0x2d;
}

/** A text in lower case without separators (lower-casing that changes the length, as for İ, is skipped). */
function fold(text: string): string {
  const lower = text.toLowerCase();
  return (lower.length === text.length ? lower : text).replace(SEPARATORS, '');
}

/** Where each character of fold(text) came from in text; built only when something is to be masked. */
function foldedOrigins(text: string): Int32Array {
  const from = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isSeparator(text.charCodeAt(i))) from[n++] = i;
  return from;
}

/** The base64 texts that appear wherever `secret` is encoded inside a longer base64 text, for each of the three alignments. */
function base64Forms(secret: string): string[] {
  const forms: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const encoded = Buffer.from('\0'.repeat(lead) + secret).toString('base64');
    // Drop the characters that mix in the unknown leading bytes and the padding or partial tail.
    const start = lead === 0 ? 0 : lead + 1;
    const end = Math.floor(((lead + Buffer.byteLength(secret)) * 8) / 6);
    forms.push(encoded.slice(start, end));
  }
  const whole = Buffer.from(secret).toString('base64');
  return [whole, whole.replace(/=+$/, ''), ...forms];
}

/** Every folded form a target may echo a secret in (each at least a few characters long). */
function secretForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), ...base64Forms(secret)];
  const urlSafe = base64Forms(secret).map((f) => f.replace(/\+/g, '-').replace(/\//g, '_'));
  return [...new Set([...forms, ...urlSafe].map(fold))].filter((f) => f.length >= 4);
}

/** The [start, end) ranges of `folded` where `form`, or a prefix of it of MIN_ECHO_CHARS or more, occurs. */
function echoRanges(folded: string, form: string): [number, number][] {
  const ranges: [number, number][] = [];
  const head = form.slice(0, Math.min(form.length, MIN_ECHO_CHARS));
  for (let at = folded.indexOf(head); at >= 0; at = folded.indexOf(head, at + 1)) {
    let end = at + head.length;
    while (end - at < form.length && folded[end] === form[end - at]) end++;
    ranges.push([at, end]);
  }
  return ranges;
}

/**
 * Replaces every echo of each secret with the mask: exact, in any case, with
 * spaces, dashes, dots or underscores between its characters, URL-encoded,
 * JSON-escaped, base64 (standard or URL-safe, at any alignment), and any prefix
 * of MIN_ECHO_CHARS characters or more. Time is linear in the text's length
 * for each secret form.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  // Very short values would mask innocent text and are no real secret anyway.
  const forms = secrets.filter((s) => s && s.length >= 4).flatMap(secretForms);
  if (forms.length === 0 || text.length === 0) return text;
  const folded = fold(text);
  const found = forms.flatMap((form) => echoRanges(folded, form));
  if (found.length === 0) return text;
  const from = foldedOrigins(text);
  const hidden = found.map(([start, end]): [number, number] => [from[start], from[end - 1] + 1]);
  hidden.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of hidden) {
    if (end <= at) continue;
    if (start >= at) out += text.slice(at, start) + MASK;
    at = end;
  }
  return out + text.slice(at);
}

/** Configured secrets in every echoed form, then any known key shape: for error texts and logs, never for answers a suite judges. */
export function redactText(text: string, secrets: readonly string[]): string {
  return maskKeyShapes(maskSecrets(text, secrets));
}

/** The first EXCERPT_CHARS characters of a body, secrets and key shapes masked, whitespace runs collapsed. */
export function excerpt(text: string, secrets: readonly string[], max = EXCERPT_CHARS): string {
  // Mask before cutting, so a secret straddling the cut cannot survive half-visible.
  const masked = redactText(text, secrets).replace(/\s+/g, ' ').trim();
  return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}
