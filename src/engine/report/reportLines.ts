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
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = from;
    let position = from;
    let number = firstLine;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        if (onLine({ bytes: data.subarray(start, nl), offset: carryOffset + start, number: number++ }) === false) return;
        start = nl + 1;
      }
      carry = data.subarray(start);
      carryOffset += start;
    }
    if (carry.length) onLine({ bytes: carry, offset: carryOffset, number });
  } finally {
    await handle.close();
  }
}
