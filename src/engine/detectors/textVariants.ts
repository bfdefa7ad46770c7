// Readings of a reply other than its plain text. Attack mutations ask the target
// to answer in rot13, base64 or leetspeak; a reply in those must be read decoded.
// Every length-preserving variant keeps offsets, so evidence points at the reply.

/** Straight apostrophes and quotes for their typographic forms (length-preserving). */
export function normalizeQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc\u2032]/g, "'").replace(/[\u201c\u201d\u2033]/g, '"');
}

// Cyrillic and Greek letters that look like Latin ones: what a homoglyph mutation uses.
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  '\u0430': 'a',
  '\u0435': 'e',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0441': 'c',
  '\u0443': 'y',
  '\u0445': 'x',
  '\u0456': 'i',
  '\u0458': 'j',
  '\u0455': 's',
  '\u04bb': 'h',
  '\u0501': 'd',
  '\u051b': 'q',
  '\u051d': 'w',
  '\u0410': 'A',
  '\u0412': 'B',
  '\u0415': 'E',
  '\u041a': 'K',
  '\u041c': 'M',
  '\u041d': 'H',
  '\u041e': 'O',
  '\u0420': 'P',
  '\u0421': 'C',
  '\u0422': 'T',
  '\u0425': 'X',
  '\u0406': 'I',
  '\u0408': 'J',
  '\u0405': 'S',
  '\u03bf': 'o',
  '\u03b1': 'a',
  '\u03b9': 'i',
  '\u03bd': 'v',
  '\u0391': 'A',
  '\u0392': 'B',
  '\u0395': 'E',
  '\u0396': 'Z',
  '\u0397': 'H',
  '\u0399': 'I',
  '\u039a': 'K',
  '\u039c': 'M',
  '\u039d': 'N',
  '\u039f': 'O',
  '\u03a1': 'P',
  '\u03a4': 'T',
  '\u03a5': 'Y',
  '\u03a7': 'X',
};

/** The Latin letter a homoglyph stands for (identity for other characters). */
export const HOMOGLYPH_OF: Readonly<Record<string, string>> = HOMOGLYPHS;

/** Replaces Cyrillic/Greek look-alikes with Latin letters (length-preserving). */
export function foldHomoglyphs(text: string): string {
  // Homoglyphs are all outside ASCII: an ASCII text is its own fold.
  if (!NON_ASCII.test(text)) return text;
  let out = '';
  for (const ch of text) out += HOMOGLYPHS[ch] ?? ch;
  return out;
}

const LEET: Readonly<Record<string, string>> = {
  '4': 'a',
  '@': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
};

const NON_ASCII = /[\u0080-\uffff]/;
const LEET_CHARS = /[0-9@$!+]/;

/** Reads leetspeak as letters when a character sits inside a word (length-preserving). */
export function foldLeet(text: string): string {
  if (!LEET_CHARS.test(text)) return text;
  // "!" and "+" only stand for letters inside a word, not as its punctuation; an apostrophe joins "c4n'7".
  return text.replace(/[\p{L}\d@$]+(?:['!+][\p{L}\d@$]+)*/gu, (word) =>
    /\p{L}/u.test(word) ? [...word].map((c) => LEET[c] ?? c).join('') : word,
  );
}

/** ROT13 of ASCII letters (its own inverse; length-preserving). */
export function rot13(text: string): string {
  // Code units in a typed array: a replace callback per letter allocated a string each (slow on long replies).
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) codes[i] = ((c - 65 + 13) % 26) + 65;
    else if (c >= 97 && c <= 122) codes[i] = ((c - 97 + 13) % 26) + 97;
    else codes[i] = c;
  }
  return fromCodes(codes, codes.length);
}

/** A string from the first `length` UTF-16 code units, built in chunks (apply has an argument limit). */
function fromCodes(codes: Uint16Array, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i += 8192) parts.push(String.fromCharCode(...codes.subarray(i, Math.min(length, i + 8192))));
  return parts.join('');
}

/** A base64 run of the reply and its decoded text. */
export interface DecodedSegment {
  start: number;
  end: number;
  decoded: string;
}

/**
 * Base64 runs of at least 16 characters whose decoding is mostly printable text.
 * Random ids and hashes decode to binary and are skipped.
 */
export function base64Segments(text: string): DecodedSegment[] {
  const out: DecodedSegment[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9+/]{16,}={0,2}/g)) {
    const raw = m[0];
    if (raw.length % 4 === 1) continue;
    // Mixed case = one upper and one lower letter anywhere: two scans, not `[A-Z].*[a-z]` (quadratic on one-case runs).
    if (!/[0-9+/=]/.test(raw) && !(/[A-Z]/.test(raw) && /[a-z]/.test(raw))) continue;
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    if (decoded.length < 6 || printableShare(decoded) < 0.95 || !/[a-z]{2,}\s/i.test(decoded)) continue;
    const start = m.index ?? 0;
    out.push({ start, end: start + raw.length, decoded });
  }
  return out;
}

function printableShare(s: string): number {
  let ok = 0;
  let count = 0;
  for (const ch of s) {
    count++;
    const c = ch.charCodeAt(0);
    // ASCII printables and tab/newline need no Unicode property lookup.
    if (c < 128 ? (c >= 32 && c < 127) || c === 9 || c === 10 : PRINTABLE.test(ch)) ok++;
  }
  return ok / Math.max(1, count);
}

const PRINTABLE = /[\p{L}\p{N}\p{P}\p{Zs}]/u;

/** Lowercase letters and digits of a text with the index of each in the original, for spacing-proof search. */
export interface FoldedText {
  text: string;
  /** `index[i]` = offset in the original of folded character i. */
  index: ArrayLike<number>;
}

/** Folds a text to lowercase letters and digits only (homoglyphs read as Latin). */
export function foldAlnum(text: string): FoldedText {
  // Lowercasing may lengthen a character; twice the length leaves room for that.
  const index = new Int32Array(text.length * 2);
  const parts: string[] = [];
  const ascii = new Uint16Array(8192);
  let held = 0;
  let n = 0;
  const flush = (): void => {
    if (held > 0) parts.push(fromCodes(ascii, held));
    held = 0;
  };
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    // ASCII letters and digits take a fast path; everything else is read by code point.
    if (c < 128) {
      if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
        if (held === ascii.length) flush();
        ascii[held++] = c >= 65 && c <= 90 ? c + 32 : c;
        index[n++] = i;
      }
      i++;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
    const latin = (HOMOGLYPHS[ch] ?? ch).toLowerCase();
    if (ALNUM_CHAR.test(latin)) {
      flush();
      parts.push(latin);
      // A lowercased character may be longer than one code unit: each unit points at the original.
      for (let k = 0; k < latin.length; k++) index[n++] = i;
    }
    i += ch.length;
  }
  flush();
  return { text: parts.join(''), index: index.subarray(0, n) };
}

const ALNUM_CHAR = /^[\p{L}\p{N}]+$/u;

/** Offsets in the original of every occurrence of `needle` in a folded text. */
export function findFolded(folded: FoldedText, needle: string): { start: number; end: number }[] {
  const n = foldAlnum(needle).text;
  if (n.length === 0) return [];
  const out: { start: number; end: number }[] = [];
  let i = folded.text.indexOf(n);
  while (i >= 0) {
    out.push({ start: folded.index[i], end: folded.index[i + n.length - 1] + 1 });
    i = folded.text.indexOf(n, i + n.length);
  }
  return out;
}
