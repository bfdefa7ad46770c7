// Datasets are UTF-8 text. A binary file (an image, an archive, random bytes)
// or text in another encoding would otherwise be read with replacement
// characters and load as hundreds of garbage records (a line of an attacks
// file is one prompt); it is refused instead, saying what it is and where.

import { open } from 'node:fs/promises';

/** What a data file's bytes are, as far as its first `limit` bytes tell. */
export type TextVerdict =
  { kind: 'text' } | { kind: 'binary'; line: number } | { kind: 'utf16'; line: 1 } | { kind: 'not-utf8'; line: number; byte: number };

/** How much of a file is checked: enough for any data file read whole, and the head of a large JSONL one. */
export const SNIFF_BYTES = 16 * 1024 * 1024;

const CHUNK = 256 * 1024;

/**
 * Checks a file's bytes: a NUL byte means binary, a UTF-16 byte order mark
 * means UTF-16, and any byte sequence that is not valid UTF-8 means another
 * encoding (or binary). Linear in the bytes read; reads at most `limit` bytes.
 * File system errors are thrown for the caller's usual handling.
 */
export async function sniffTextFile(file: string, limit = SNIFF_BYTES, signal?: AbortSignal): Promise<TextVerdict> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    // The scanner keeps its state across chunks, so a character split between two reads is fine.
    const state: Utf8State = { need: 0, line: 1, lead: 0 };
    let total = 0;
    while (total < limit) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buf, 0, Math.min(CHUNK, limit - total), null);
      if (bytesRead === 0) {
        // The file ends in the middle of a character.
        if (state.need > 0) return { kind: 'not-utf8', line: state.line, byte: state.lead || 0x80 };
        break;
      }
      if (total === 0) {
        if (bytesRead >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
          return { kind: 'utf16', line: 1 };
        // Like git: a NUL byte near the start means binary, whatever else is wrong first.
        const nul = buf.subarray(0, Math.min(bytesRead, 8192)).indexOf(0);
        if (nul >= 0) return { kind: 'binary', line: lineAt(buf, nul) };
      }
      const verdict = scanUtf8(buf.subarray(0, bytesRead), state);
      if (verdict) return verdict;
      total += bytesRead;
    }
    return { kind: 'text' };
  } finally {
    await handle.close();
  }
}

function lineAt(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = buf.indexOf(10); i !== -1 && i < offset; i = buf.indexOf(10, i + 1)) line++;
  return line;
}

interface Utf8State {
  /** Continuation bytes still expected by the current character. */
  need: number;
  line: number;
  /** The lead byte of the current character (for the overlong and surrogate checks). */
  lead: number;
}

// A byte-at-a-time UTF-8 validator (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
function scanUtf8(bytes: Buffer, s: Utf8State): TextVerdict | undefined {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (s.need > 0) {
      const first = s.lead !== 0;
      let ok = (b & 0xc0) === 0x80;
      if (ok && first) {
        // The second byte's range depends on the lead byte.
        if (s.lead === 0xe0) ok = b >= 0xa0;
        else if (s.lead === 0xed) ok = b <= 0x9f;
        else if (s.lead === 0xf0) ok = b >= 0x90;
        else if (s.lead === 0xf4) ok = b <= 0x8f;
      }
      if (!ok) return { kind: 'not-utf8', line: s.line, byte: b };
      s.lead = 0;
      s.need--;
      continue;
    }
    if (b === 0x0a) s.line++;
    else if (b === 0) return { kind: 'binary', line: s.line };
    else if (b < 0x80) continue;
    else if (b >= 0xc2 && b <= 0xdf) s.need = 1;
    else if (b >= 0xe0 && b <= 0xef) s.need = 2;
    else if (b >= 0xf0 && b <= 0xf4) s.need = 3;
    else return { kind: 'not-utf8', line: s.line, byte: b };
    s.lead = b >= 0x80 ? b : 0;
  }
  return undefined;
}

/** The message of a file that is not UTF-8 text. */
export function encodingMessage(v: Exclude<TextVerdict, { kind: 'text' }>): string {
  switch (v.kind) {
    case 'binary':
      return 'this is a binary file, not text (it contains NUL bytes); give a UTF-8 text file';
    case 'utf16':
      return 'this file is UTF-16 text; save it as UTF-8';
    case 'not-utf8':
      return `this file is not UTF-8 text (an invalid byte 0x${v.byte.toString(16).padStart(2, '0')} on this line); save it as UTF-8`;
  }
}
