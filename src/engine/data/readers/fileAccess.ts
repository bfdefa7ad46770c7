import { readFile, stat } from 'node:fs/promises';
import { DATA_PROBLEM_CODES } from '../problems/problemCodes';
import type { ProblemSink } from '../problems/problemSink';

/** Files read whole (not streamed) must stay under this size: 10 MiB, the original system's upload limit. */
export const MAX_WHOLE_FILE_BYTES = 10 * 1024 * 1024;

/** Turns a file system error into a located problem; rethrows what is not about the file. */
export function reportFileError(err: unknown, sink: ProblemSink): void {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    sink.addAtLine('error', DATA_PROBLEM_CODES.fileNotFound, 1, 'file not found');
  } else if (code === 'EISDIR') {
    sink.addAtLine('error', DATA_PROBLEM_CODES.fileUnreadable, 1, 'this is a folder, not a file');
  } else if (code === 'EACCES' || code === 'EPERM' || code === 'EIO' || code === 'ELOOP') {
    sink.addAtLine('error', DATA_PROBLEM_CODES.fileUnreadable, 1, `cannot read the file (${code})`);
  } else {
    throw err;
  }
}

/**
 * Reads a small file whole as UTF-8 without its BOM (or takes `contents`, the text an
 * editor holds for it). Reports a missing, unreadable or too large file on the sink
 * and returns undefined.
 */
export async function readSmallText(
  file: string,
  sink: ProblemSink,
  opts: { signal?: AbortSignal; contents?: string; maxBytes?: number } = {},
): Promise<string | undefined> {
  const { signal, contents, maxBytes = MAX_WHOLE_FILE_BYTES } = opts;
  signal?.throwIfAborted();
  if (contents !== undefined) {
    const size = Buffer.byteLength(contents);
    if (size <= maxBytes) return contents.charCodeAt(0) === 0xfeff ? contents.slice(1) : contents;
    sink.addAtLine(
      'error',
      DATA_PROBLEM_CODES.fileTooLarge,
      1,
      `file is ${formatBytes(size)}; this kind of file is read whole and may be at most ${formatBytes(maxBytes)}`,
    );
    return undefined;
  }
  try {
    const st = await stat(file);
    if (st.isDirectory()) {
      sink.addAtLine('error', DATA_PROBLEM_CODES.fileUnreadable, 1, 'this is a folder, not a file');
      return undefined;
    }
    if (st.size > maxBytes) {
      sink.addAtLine(
        'error',
        DATA_PROBLEM_CODES.fileTooLarge,
        1,
        `file is ${formatBytes(st.size)}; this kind of file is read whole and may be at most ${formatBytes(maxBytes)}`,
      );
      return undefined;
    }
    const text = await readFile(file, { encoding: 'utf8', signal });
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    if (signal?.aborted) throw err;
    reportFileError(err, sink);
    return undefined;
  }
}

/** A byte count for people: 1.5 MiB, 300 KiB, 12 bytes. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
