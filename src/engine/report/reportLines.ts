// Reads a file line by line in large chunks, never holding the whole file: each
// line is handed over as bytes with its file offset and line number. Reports are
// written one compact line per case, so this is how a report of any size is
// indexed or searched. Free of any case logic.
import { open } from 'node:fs/promises';

/** One line of a file: its bytes (without the newline), where it starts and its 1-based number. */
export interface Line {
  bytes: Buffer;
  offset: number;
  number: number;
}

const CHUNK = 4 * 1024 * 1024;

/**
 * Calls `onLine` for each line of `file` from byte `from` (counting lines from
 * `firstLine`), until the file ends or `onLine` returns false. A line's `bytes`
 * are only valid during the call.
 */
export async function eachLine(file: string, onLine: (line: Line) => boolean | void, from = 0, firstLine = 1): Promise<void> {
  const handle = await open(file, 'r');
  try {
    // One buffer, reused: the unfinished last line of a chunk moves to its start, and the next chunk is read after it.
    let buf = Buffer.allocUnsafe(CHUNK);
    let kept = 0;
    let keptOffset = from;
    let position = from;
    let number = firstLine;
    for (;;) {
      if (kept === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, kept, buf.length - kept, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const end = kept + bytesRead;
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl !== -1 && nl < end; nl = buf.indexOf(10, start)) {
        if (onLine({ bytes: buf.subarray(start, nl), offset: keptOffset + start, number: number++ }) === false) return;
        start = nl + 1;
      }
      buf.copy(buf, 0, start, end);
      kept = end - start;
      keptOffset += start;
    }
    if (kept) onLine({ bytes: buf.subarray(0, kept), offset: keptOffset, number });
  } finally {
    await handle.close();
  }
}
