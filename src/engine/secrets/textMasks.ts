import { iban as ibanValid, luhn, ssn } from '../data/readers/piiValidators';
import {
  AUTH_SCHEME_SOURCE,
  AWS_SECRET_KEY,
  KEY_SHAPES,
  NAMED_SECRET_SOURCE,
  NAMED_VALUE_CHARS,
  PASSWORD_WORD,
  SECRET_WORDS,
  shapeFinder,
} from './keyShapes';

// Each mask keeps a hint (a domain, the last digits, a key's prefix) so a person
// can still tell rows apart, and never enough to recover the value. Checksums
// (Luhn, mod-97, SSN ranges) keep look-alike ids and order numbers readable.

const STARS = '****';

/** Replaces every digit except the last `keep` ones with `*`, keeping separators. */
function starDigits(text: string, keep: number): string {
  let seen = 0;
  const total = text.replace(/\D/g, '').length;
  return text.replace(/\d/g, (d) => (++seen > total - keep ? d : '*'));
}

// Built once from the table; each mask keeps the key's prefix as its hint.
const SHAPE_FINDERS = KEY_SHAPES.map(shapeFinder);
// One pass that finds any shape's prefix: text without one (nearly every answer) skips the finders.
const ANY_SHAPE_PREFIX = new RegExp(KEY_SHAPES.map((s) => s.prefix).join('|'), 'i');
const ANY_SECRET_WORD = new RegExp(SECRET_WORDS, 'i');
const ANY_AUTH_SCHEME = /bearer|basic|token/i;
// Every PII shape holds a digit or an `@`; an AWS secret key holds a digit.
const HAS_DIGIT = /\d/;
const MAYBE_PII = /[\d@]/;
const AWS_SECRET = new RegExp(AWS_SECRET_KEY.source, 'g');
const AUTH_SCHEME = new RegExp(AUTH_SCHEME_SOURCE, 'g');
const NAMED_SECRET = new RegExp(NAMED_SECRET_SOURCE, 'gi');
const LONG_SECRET_VALUE = /^[A-Za-z0-9+/=_.~:-]{16,}$/;
const VALUE_REST = new RegExp(`${NAMED_VALUE_CHARS}*`, 'y');

/** Whether a value is random enough to be a key rather than a word or an id: letters and digits, several distinct characters. */
export function looksRandom(value: string): boolean {
  if (!LONG_SECRET_VALUE.test(value) || !/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return new Set(value).size >= Math.min(12, Math.ceil(value.length / 2));
}

/** Masks credentials: known key shapes (see keyShapes.ts), bearer/basic values, AWS secret keys, and secrets named key=/token=/secret=/password=. */
export function maskSecrets(text: string): string {
  let out = text;
  if (ANY_SHAPE_PREFIX.test(out)) {
    for (const re of SHAPE_FINDERS) out = out.replace(re, (_m, prefix: string) => `${prefix}${STARS}`);
  }
  if (HAS_DIGIT.test(out)) out = out.replace(AWS_SECRET, (m) => (/[A-Z]/.test(m) && /[a-z]/.test(m) && /\d/.test(m) ? STARS : m));
  if (ANY_AUTH_SCHEME.test(out)) out = out.replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme}${STARS}`);
  return ANY_SECRET_WORD.test(out) ? maskNamedSecrets(out) : out;
}

// Secrets named by a word before them. Matches consume only the word, so a word inside
// a value judged harmless is still found; a masked value is skipped whole. Each value
// is judged on at most 200 characters, so the work stays linear in the text.
function maskNamedSecrets(text: string): string {
  let out = '';
  let done = 0;
  for (const m of text.matchAll(NAMED_SECRET)) {
    const [, head, name, sign, value] = m;
    const at = m.index + head.length;
    if (m.index < done || value.includes(STARS)) continue;
    // After `=`/`:` a password is secret whatever it is, and a long value under a key word too;
    // in prose ("the token is …") only a random-looking value is.
    const secret = sign === undefined ? looksRandom(value) : PASSWORD_WORD.test(name) || LONG_SECRET_VALUE.test(value);
    if (!secret) continue;
    VALUE_REST.lastIndex = at;
    VALUE_REST.test(text);
    out += `${text.slice(done, at)}${STARS}`;
    done = VALUE_REST.lastIndex;
  }
  return out + text.slice(done);
}

const EMAIL =
  /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})\b/g;
const IBAN_COMPACT = /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/g;
const IBAN_SPACED = /\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?\b/g;
// Issuer prefixes 2–6 (Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay):
// millisecond timestamps and most ids start elsewhere.
const CARD = /(?<![\w-])[2-6]\d(?:[ -]?\d){11,17}(?![\w]|-\d)/g;
const SSN = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w]|-\d)/g;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])(${OCTET})(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const PHONE =
  /(?<![\w+*]|\d[ .-]|[.-])(?:\+\d{8,15}|(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4})(?![\w]|[.-]?\d|[ ]\d)/g;

function maskEmail(_m: string, first: string, domain: string): string {
  return `${first}***@${domain}`;
}

function maskIbanText(text: string): string {
  let seen = 0;
  const total = text.replace(/ /g, '').length;
  return text.replace(/[A-Z0-9]/g, (c) => {
    seen++;
    return seen <= 2 || seen > total - 4 ? c : '*';
  });
}

function maskSpacedIban(match: string): string {
  // A trailing all-caps word can look like one more group: drop groups until the checksum holds.
  const groups = match.split(' ');
  for (let n = groups.length; n >= 3; n--) {
    const candidate = groups.slice(0, n).join(' ');
    if (ibanValid(candidate)) return maskIbanText(candidate) + match.slice(candidate.length);
  }
  return match;
}

function maskCard(match: string): string {
  const digits = match.replace(/\D/g, '');
  return digits.length >= 13 && luhn(digits) ? starDigits(match, 4) : match;
}

function maskSsn(match: string, area: string, group: string, serial: string): string {
  return ssn(`${area}-${group}-${serial}`) ? `***-**-${serial}` : match;
}

/** Whether a digit run is shaped like a phone number rather than a date, an amount or an id. */
function looksLikePhone(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  if (text.startsWith('+')) return digits >= 8 && digits <= 15;
  if (text.includes('(')) return digits >= 10 && digits <= 15;
  const groups = text.split(/[ .-]/);
  const last = groups[groups.length - 1] ?? '';
  if (digits === 7) return /^\d{3}[ .-]\d{4}$/.test(text);
  return (digits === 10 || digits === 11) && last.length >= 4;
}

function maskPhone(match: string): string {
  return looksLikePhone(match) ? starDigits(match, 2) : match;
}

const NO_HOSTS: ReadonlySet<string> = new Set();

/**
 * Masks PII: emails, IBANs (mod-97 valid), payment cards (Luhn valid), US SSNs, IPv4
 * addresses and phone numbers. `keepHosts` are IPv4 addresses left readable (the user's
 * own target, so "connection refused by http://127.0.0.1:8771/ask" says where).
 */
export function maskPii(text: string, keepHosts: ReadonlySet<string> = NO_HOSTS): string {
  let out = text.replace(EMAIL, maskEmail);
  out = out.replace(IBAN_COMPACT, (m) => (ibanValid(m) ? maskIbanText(m) : m));
  out = out.replace(IBAN_SPACED, maskSpacedIban);
  out = out.replace(CARD, maskCard);
  out = out.replace(SSN, maskSsn);
  out = out.replace(IPV4, (m: string, first: string) => (keepHosts.has(m) ? m : `${first}.*.*.*`));
  return out.replace(PHONE, maskPhone);
}

// Text with none of these cannot hold a secret: most answers skip the secret masks.
const MAYBE_SECRET = new RegExp(`[\\d=:]|bearer|basic|${SECRET_WORDS}|${KEY_SHAPES.map((s) => s.prefix).join('|')}`, 'i');

/** Masks secrets, then PII, in one text (`keepHosts`: IPv4 addresses left readable, see maskPii). */
export function maskText(text: string, keepHosts?: ReadonlySet<string>): string {
  const out = MAYBE_SECRET.test(text) ? maskSecrets(text) : text;
  return MAYBE_PII.test(out) ? maskPii(out, keepHosts) : out;
}
