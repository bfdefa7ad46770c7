import type { Problem, Range, Severity } from '../../model/problem';
import { lineRange, problem } from '../../model/problem';
import { DATA_PROBLEM_CODES } from './problemCodes';
import { DEFAULT_MAX_PROBLEMS } from '../../model/dataTypes';

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** What a caller supplies for a problem; built lazily so hidden problems cost nothing. */
export interface ProblemDraft {
  range: Range;
  message: string;
  extra?: Partial<Problem>;
}

/**
 * Collects one file's problems up to a limit. Past the limit problems are only
 * counted, and `finish` adds one summary problem, so a huge broken file cannot
 * flood the editor while the counts stay exact.
 */
export class ProblemSink {
  readonly problems: Problem[] = [];
  private hidden = 0;
  private hiddenWorst: Severity = 'hint';
  private firstHiddenLine = 0;
  private readonly max: number;

  constructor(
    readonly file: string,
    maxProblems: number = DEFAULT_MAX_PROBLEMS,
  ) {
    this.max = Math.max(0, maxProblems);
  }

  /** True once the limit is reached: further problems are counted, not built. */
  get full(): boolean {
    return this.problems.length >= this.max;
  }

  /** Adds a problem; `draft` runs only while under the limit. Returns the problem if listed. */
  add(severity: Severity, code: string, line: number, draft: () => ProblemDraft): Problem | undefined {
    if (this.full) {
      this.hidden++;
      if (SEVERITY_RANK[severity] > SEVERITY_RANK[this.hiddenWorst]) this.hiddenWorst = severity;
      if (this.firstHiddenLine === 0) this.firstHiddenLine = line;
      return undefined;
    }
    const d = draft();
    const p = problem(this.file, d.range, severity, code, d.message, d.extra);
    this.problems.push(p);
    return p;
  }

  /** Adds a problem covering a whole line (or its first `length` characters). */
  addAtLine(severity: Severity, code: string, line: number, message: string, length = 0): Problem | undefined {
    return this.add(severity, code, line, () => ({ range: lineRange(line, length), message }));
  }

  /** The listed problems, plus a summary when some were hidden. */
  finish(brokenLines: number): Problem[] {
    if (this.hidden > 0) {
      const what = this.hidden === 1 ? 'problem' : 'problems';
      const broken = brokenLines > 0 ? ` (${brokenLines} broken ${brokenLines === 1 ? 'line' : 'lines'} in total)` : '';
      this.problems.push(
        problem(
          this.file,
          lineRange(this.firstHiddenLine),
          this.hiddenWorst,
          DATA_PROBLEM_CODES.tooManyProblems,
          `… and ${this.hidden} more ${what} not listed${broken}`,
        ),
      );
    }
    return this.problems;
  }
}
