import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CaseResult } from '../model/runTypes';

/**
 * A run's finished cases on disk, one JSON line each, in plan order: a case is
 * written once every case planned before it has finished or been dropped, so the
 * file reads in the same order as the report. Cases finishing out of order wait
 * in memory as their JSON text only, until the ones before them settle.
 */
export class CaseSpill {
  private readonly out: WriteStream;
  private failure: Error | undefined;
  // Positions reserved so far (all suites), the next position to write, and the settled ones waiting.
  private reserved = 0;
  private next = 0;
  private readonly waiting = new Map<number, string | null>();
  private count = 0;

  /** Opens (creates or truncates) `file` for writing. */
  constructor(readonly file: string) {
    this.out = createWriteStream(file, { flags: 'w' });
    // Kept, not thrown: a failing disk is reported when the spill is closed.
    this.out.on('error', (err) => {
      this.failure ??= err;
    });
  }

  /** Cases written so far. */
  get written(): number {
    return this.count;
  }

  /** Reserves `count` positions (a suite's planned cases); returns the first one. */
  reserve(count: number): number {
    const first = this.reserved;
    this.reserved += count;
    return first;
  }

  /** Settles a reserved position with its finished case, or with nothing when the case was dropped (stopped by a cancel). */
  settle(position: number, result: CaseResult | undefined): void {
    if (position < this.next || position >= this.reserved || this.waiting.has(position))
      throw new Error(`case position ${position} is not a reserved, unsettled position of the spill`);
    this.waiting.set(position, result === undefined ? null : JSON.stringify(result));
    this.flush();
  }

  /**
   * Writes every settled case still waiting, in order, skipping the positions
   * that never settled (a cancelled run's unfinished cases), and closes the file.
   * Rejects when the file could not be written.
   */
  async close(): Promise<number> {
    const positions = [...this.waiting.keys()].sort((a, b) => a - b);
    const lines: string[] = [];
    for (const p of positions) {
      const line = this.waiting.get(p);
      if (line) lines.push(line);
    }
    this.waiting.clear();
    this.next = this.reserved;
    this.writeLines(lines);
    await new Promise<void>((resolve) => this.out.end(resolve));
    if (this.failure) throw new Error(`the case spill ${this.file} could not be written: ${this.failure.message}`);
    return this.count;
  }

  private flush(): void {
    const lines: string[] = [];
    while (this.waiting.has(this.next)) {
      const line = this.waiting.get(this.next);
      this.waiting.delete(this.next);
      this.next++;
      if (line) lines.push(line);
    }
    this.writeLines(lines);
  }

  private writeLines(lines: string[]): void {
    if (lines.length === 0 || this.failure) return;
    this.count += lines.length;
    this.out.write(`${lines.join('\n')}\n`);
  }
}

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
