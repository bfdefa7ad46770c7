import { open } from 'node:fs/promises';

/** What lines and slices are read from: a file, or the text an editor holds for it. */
interface ByteSource {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  size(): Promise<number>;
  close(): Promise<void>;
}

// `contents`, when given, stands for the file's bytes (an editor's unsaved text): the disk is not read.
async function openSource(file: string, contents: string | undefined): Promise<ByteSource> {
  if (contents === undefined) {
    const fh = await open(file, 'r');
    return { read: (b, o, l, p) => fh.read(b, o, l, p), size: async () => (await fh.stat()).size, close: () => fh.close() };
  }
  const bytes = Buffer.from(contents, 'utf8');
  return {
    read: async (b, o, l, p) => ({ bytesRead: p >= bytes.length ? 0 : bytes.copy(b, o, p, Math.min(bytes.length, p + l)) }),
    size: async () => bytes.length,
    close: async () => undefined,
  };
}

/**
 * Called once per line, synchronously; `offset`/`byteLength` locate the line's bytes
 * (no newline) in the file. Returning `false` stops reading.
 */
export type LineHandler = (text: string, line: number, offset: number, byteLength: number) => boolean | void;

/** Options for `readLines`. */
export interface ReadLinesOptions {
  signal?: AbortSignal;
  /** Lines longer than this many bytes are skipped and passed to `onTooLong` (default 16 MiB). */
  maxLineBytes?: number;
  onTooLong?: (line: number) => void;
  /** Read size; larger chunks mean fewer syscalls (default 1 MiB). */
  chunkBytes?: number;
  /** Called after each chunk with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file's text as an editor holds it (unsaved edits), read instead of the disk. */
  contents?: string;
}

const NL = 0x0a;
const CR = 0x0d;

/**
 * Streams a text file line by line with a fixed-size buffer, so files of any size
 * are never held whole. Accepts a UTF-8 BOM and CRLF; the last line needs no newline.
 * Callbacks run synchronously per chunk, which keeps per-line cost to one decode.
 */
export async function readLines(file: string, onLine: LineHandler, opts: ReadLinesOptions = {}): Promise<void> {
  const maxLine = opts.maxLineBytes ?? 16 * 1024 * 1024;
  const chunk = opts.chunkBytes ?? 1024 * 1024;
  opts.signal?.throwIfAborted();
  const fh = await openSource(file, opts.contents);
  try {
    const total = opts.onProgress ? await fh.size() : 0;
    let buf = Buffer.allocUnsafe(chunk);
    let start = 0; // first byte of the current (unfinished) line in buf
    let end = 0; // bytes of valid data in buf
    let scan = 0; // where to resume looking for a newline
    let bufFileOffset = 0; // file offset of buf[0]
    let line = 1;
    let skipping = false; // inside an over-long line: drop bytes until its newline
    let bomChecked = false;
    for (;;) {
      opts.signal?.throwIfAborted();
      if (start > 0) {
        // Move the unfinished line to the front so the next read appends to it.
        buf.copy(buf, 0, start, end);
        bufFileOffset += start;
        end -= start;
        scan -= start;
        start = 0;
      }
      if (end === buf.length) {
        if (end >= maxLine) {
          if (!skipping) opts.onTooLong?.(line);
          skipping = true;
          bufFileOffset += end;
          end = 0;
          scan = 0;
        } else {
          const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxLine + 1));
          buf.copy(bigger, 0, 0, end);
          buf = bigger;
        }
      }
      const { bytesRead } = await fh.read(buf, end, buf.length - end, bufFileOffset + end);
      if (bytesRead === 0) break;
      end += bytesRead;
      opts.onProgress?.(bufFileOffset + end, total);
      if (!bomChecked && end >= 3) {
        bomChecked = true;
        // Only the file's very first bytes can be a BOM (no newline can precede them).
        if (bufFileOffset === 0 && start === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          start = 3;
          scan = Math.max(scan, 3);
        }
      }
      const view = buf.subarray(0, end);
      let nl = view.indexOf(NL, scan);
      while (nl !== -1) {
        if (skipping) {
          skipping = false;
        } else {
          const stop = nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
          if (onLine(buf.toString('utf8', start, stop), line, bufFileOffset + start, stop - start) === false) return;
        }
        line++;
        start = nl + 1;
        nl = view.indexOf(NL, start);
      }
      scan = end;
    }
    if (end > start && !skipping) {
      const stop = buf[end - 1] === CR ? end - 1 : end;
      onLine(buf.toString('utf8', start, stop), line, bufFileOffset + start, stop - start);
    }
  } finally {
    await fh.close();
  }
}

/** Reads `length` bytes at `offset` of a file (or of `contents`, its unsaved text) as UTF-8 (used to compare a line seen earlier). */
export async function readSlices(
  file: string,
  slices: readonly { offset: number; length: number }[],
  contents?: string,
): Promise<string[]> {
  if (slices.length === 0) return [];
  const fh = await openSource(file, contents);
  try {
    const out: string[] = [];
    for (const s of slices) {
      const b = Buffer.allocUnsafe(s.length);
      const { bytesRead } = await fh.read(b, 0, s.length, s.offset);
      out.push(b.toString('utf8', 0, bytesRead));
    }
    return out;
  } finally {
    await fh.close();
  }
}
