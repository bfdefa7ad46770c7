import type { Range } from '../../model/problem';
import { lineRange } from '../../model/problem';
import { DATA_PROBLEM_CODES as C } from './problemCodes';
import type { ProblemSink } from './problemSink';

/** Remembers prompts seen so far and reports repeats (shared by the text and YAML readers). */
export class DuplicateAttacks {
  private readonly seen = new Map<string, { line: number; raw?: string }>();

  constructor(
    private readonly file: string,
    private readonly sink: ProblemSink,
  ) {}

  /** Reports and returns true when `prompt` was seen before; `raw` enables the delete-line fix for exact copies. */
  isDuplicate(prompt: string, line: number, range: Range, raw?: string): boolean {
    const first = this.seen.get(prompt);
    if (!first) {
      this.seen.set(prompt, { line, raw });
      return false;
    }
    const exact = raw !== undefined && raw === first.raw;
    this.sink.add('warning', C.duplicateEntry, line, () => ({
      range,
      message: `duplicate prompt (first on line ${first.line}); it is used once`,
      extra: {
        related: [{ file: this.file, range: lineRange(first.line), message: 'first use of this prompt' }],
        ...(exact ? { fix: { kind: 'deleteLine' as const, line } } : {}),
      },
    }));
    return true;
  }
}
