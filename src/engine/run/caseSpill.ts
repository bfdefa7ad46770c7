import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CaseResult } from '../model/runTypes';

/**
 * A run's finished cases on disk, one compact JSON line each, in the order they
 * are written (the runner writes them in plan order). The run's reports are
 * written from it, so the run itself holds no case for longer than it takes.
 */
export class CaseSpill {
  private readonly out: WriteStream;
  private failed: Error | undefined;
  private count = 0;
  // Lines not yet handed to the file: written in chunks, not one write request a case.
  private pending: string[] = [];
  private pendingChars = 0;

  /** Opens (creates or truncates) `file` for writing. */
  constructor(readonly file: string) {
    this.out = createWriteStream(file, { flags: 'w' });
    // Kept, not thrown: a failing disk is reported when the spill is closed.
    this.out.on('error', (err) => {
      this.failed ??= err;
    });
  }

  /** Cases written so far. */
  get written(): number {
    return this.count;
  }

  /** Why the file could not be written, once that happened. */
  get failure(): Error | undefined {
    return this.failed;
  }

  /** Appends one finished case. */
  write(c: CaseResult): void {
    if (this.failed) return;
    this.count++;
    const line = JSON.stringify(c);
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /** Closes the file once everything is on disk; rejects when it could not be written. */
  async close(): Promise<number> {
    this.flush();
    if (!this.out.closed) await new Promise<void>((resolve) => this.out.end(resolve));
    if (this.failed) throw new Error(`the case spill ${this.file} could not be written: ${this.failed.message}`);
    return this.count;
  }

  private flush(): void {
    if (this.pending.length === 0 || this.failed) return;
    this.out.write(`${this.pending.join('\n')}\n`);
    this.pending = [];
    this.pendingChars = 0;
  }
}

// About 256 KB of JSON a write.
const CHUNK_CHARS = 256 * 1024;

/** What reading a spill found besides its cases. */
export interface SpillReadNotes {
  /** Called for an incomplete last line (the run stopped while writing it): that case is skipped. */
  onIncompleteLine?: (line: number) => void;
}

/**
 * Streams the cases of a spill file in order, holding one line at a time. An
 * incomplete or unreadable last line (a crash while writing) is skipped and
 * told to `onIncompleteLine`; an unreadable line before the last one is an
 * error naming the file and line.
 */
export async function* readCaseSpill(file: string, notes: SpillReadNotes = {}): AsyncGenerator<CaseResult> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  // One line is held back: whether a broken line is the last one is known only at the next.
  let pending: { text: string; no: number } | undefined;
  const parse = (p: { text: string; no: number }, last: boolean): CaseResult | undefined => {
    try {
      const value: unknown = JSON.parse(p.text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
      return value as CaseResult;
    } catch (err) {
      if (last) {
        notes.onIncompleteLine?.(p.no);
        return undefined;
      }
      throw new Error(`${file}:${p.no}: not a finished case: ${(err as Error).message}`, { cause: err });
    }
  };
  for await (const text of lines) {
    lineNo++;
    if (text.trim() === '') continue;
    if (pending) {
      const c = parse(pending, false);
      if (c) yield c;
    }
    pending = { text, no: lineNo };
  }
  if (pending) {
    const c = parse(pending, true);
    if (c) yield c;
  }
}
