// A report's case index: the report's head (run, summary), tail (inputs, logs)
// and, per case, only what the view sorts and filters on (suite, status, case id,
// latency) and where its line is. Built by streaming the file once: our writer
// puts one compact line per case, so a 300,000-case report is indexed without
// ever holding it whole, and a page of cases is read back by position.
// A report laid out otherwise (hand-written, older tools) is read whole when small.
import { stat } from 'node:fs/promises';
import type { CaseAggregates } from '../model/caseQuery';
import type { CaseResult, CaseStatus, RunResult } from '../model/runTypes';
import { isSuiteName } from '../model/suiteNames';
import type { SuiteName } from '../model/suiteNames';
import { readReport, validateReport } from './jsonReport';
import { histogram } from './latencyHistogram';
import { eachLine } from './reportLines';
import type { Line } from './reportLines';

/** Largest report read whole when it is not laid out one case per line. */
export const WHOLE_READ_LIMIT = 64 * 1024 * 1024;
const MAX_HEAD_BYTES = 16 * 1024 * 1024;
const MAX_PROBLEMS = 20;
const STATUSES: readonly CaseStatus[] = ['passed', 'failed', 'error', 'cancelled', 'inconclusive'];

export type { CaseAggregates };

/** Per case (row i is the i-th case of the report), the fields sorting and filtering use. */
export interface CaseRows {
  count: number;
  suite: SuiteName[];
  caseId: string[];
  status: CaseStatus[];
  latency: (number | null)[];
  /** Byte offset and length of the case's JSON in the file (-1 when the report was read whole). */
  offset: number[];
  length: number[];
  /** The case's line in the file, 1-based (0 when the report was read whole). */
  line: number[];
}

/** A report ready to be paged. */
export interface CaseIndex {
  file: string;
  report: Pick<RunResult, 'version' | 'run' | 'summary' | 'inputs' | 'logs'>;
  rows: CaseRows;
  /** The cases, when the report was read whole (not one case per line). */
  whole?: CaseResult[];
  aggregates: CaseAggregates;
  /** Case lines that could not be read, each with the file and line ("report.json:12: …"); the others are indexed. */
  problems: string[];
}

class NotLaidOut extends Error {}

function emptyRows(): CaseRows {
  return { count: 0, suite: [], caseId: [], status: [], latency: [], offset: [], length: [], line: [] };
}

/** Why a parsed case line is not a case, or null. */
function caseProblem(c: unknown): string | null {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return 'not an object';
  const r = c as Record<string, unknown>;
  if (typeof r.suite !== 'string' || !isSuiteName(r.suite)) return `unknown suite ${JSON.stringify(r.suite)}`;
  if (typeof r.case_id !== 'string') return 'case_id must be a string';
  if (!STATUSES.includes(r.status as CaseStatus)) return `unknown status ${JSON.stringify(r.status)}`;
  if (r.latency_ms !== null && typeof r.latency_ms !== 'number') return 'latency_ms must be a number or null';
  if (typeof r.input !== 'string') return 'input must be a string';
  const notText = ['expected', 'output', 'error'].find((k) => r[k] !== null && typeof r[k] !== 'string');
  if (notText) return `${notText} must be a string or null`;
  if (!Array.isArray(r.contexts)) return 'contexts must be a list';
  return null;
}

class Indexer {
  readonly rows = emptyRows();
  readonly problems: string[] = [];
  private problemCount = 0;
  readonly latencies: number[] = [];
  inconclusive = 0;
  inconclusiveJudged = false;

  constructor(private readonly file: string) {}

  problem(where: number, text: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(`${this.file}:${where}: ${text}`);
  }

  add(c: CaseResult, offset: number, length: number, line: number): void {
    const r = this.rows;
    r.suite.push(c.suite);
    r.caseId.push(c.case_id);
    r.status.push(c.status);
    r.latency.push(typeof c.latency_ms === 'number' ? c.latency_ms : null);
    r.offset.push(offset);
    r.length.push(length);
    r.line.push(line);
    r.count++;
    if (c.status === 'inconclusive') {
      this.inconclusive++;
      if (c.details?.judge !== undefined) this.inconclusiveJudged = true;
    }
    if (c.suite === 'performance' && c.status !== 'error' && c.status !== 'cancelled' && typeof c.latency_ms === 'number')
      this.latencies.push(c.latency_ms);
  }

  aggregates(): CaseAggregates {
    return {
      inconclusive: this.inconclusive,
      inconclusiveJudged: this.inconclusiveJudged,
      latency: { count: this.latencies.length, bins: histogram(this.latencies) },
    };
  }

  allProblems(): string[] {
    const more = this.problemCount - this.problems.length;
    return more > 0 ? [...this.problems, `… and ${more} more broken case lines`] : this.problems;
  }
}

const CASES_OPEN = '  "cases": [';

/** Streams a report laid out as our writer lays it out; throws NotLaidOut otherwise. */
async function indexLines(file: string): Promise<CaseIndex> {
  const indexer = new Indexer(file);
  const head: string[] = [];
  const tail: string[] = [];
  let headBytes = 0;
  let phase: 'head' | 'cases' | 'tail' = 'head';
  let layout: string | null = null;
  /** Case lines seen, broken ones included: "case 12" is the report's 12th. */
  let seen = 0;
  await eachLine(file, (line: Line) => {
    const b = line.bytes;
    if (phase === 'cases') {
      // `    {…},` : four spaces, the case, a comma but after the last one.
      if (b[0] === 32 && b[1] === 32 && b[2] === 32 && b[3] === 32 && b[4] === 123) {
        seen++;
        let end = b.length;
        if (b[end - 1] === 13) end--;
        if (b[end - 1] === 44) end--;
        let value: unknown;
        try {
          value = JSON.parse(b.toString('utf8', 4, end));
        } catch (err) {
          indexer.problem(line.number, `case ${seen} is not valid JSON (${(err as Error).message})`);
          return;
        }
        const why = caseProblem(value);
        if (why) indexer.problem(line.number, `case ${seen} is not a case: ${why}`);
        else indexer.add(value as CaseResult, line.offset + 4, end - 4, line.number);
        return;
      }
      const text = b.toString('utf8').trimEnd();
      if (text.startsWith('  ]')) {
        phase = 'tail';
        tail.push(text.slice(3));
        return;
      }
      layout = `line ${line.number} is neither a case nor the end of the cases`;
      return false;
    }
    const text = b.toString('utf8');
    if (phase === 'tail') {
      tail.push(text);
      return;
    }
    if (text.startsWith(CASES_OPEN)) {
      const rest = text.slice(CASES_OPEN.length).trimEnd();
      if (rest === '') phase = 'cases';
      else if (rest.startsWith(']')) {
        phase = 'tail';
        tail.push(rest.slice(1));
      } else {
        layout = `line ${line.number} opens the cases but does not end there`;
        return false;
      }
      return;
    }
    head.push(text);
    headBytes += b.length + 1;
    if (headBytes > MAX_HEAD_BYTES) {
      layout = 'no case list in its first 16 MB';
      return false;
    }
  });
  // Both are set inside the line callback.
  const ended = phase as string;
  if (layout !== null) throw new NotLaidOut(layout);
  if (ended !== 'tail') throw new NotLaidOut(ended === 'head' ? 'no case list found' : 'the case list does not end');
  let headPart: Record<string, unknown>;
  let tailPart: Record<string, unknown>;
  try {
    headPart = JSON.parse(`${head.join('\n')}\n"cases": []}`) as Record<string, unknown>;
    tailPart = JSON.parse(`{"cases": []${tail.join('\n')}`) as Record<string, unknown>;
  } catch (err) {
    throw new NotLaidOut(`its run, summary or inputs are not JSON as written by AI Quality Kit (${(err as Error).message})`);
  }
  const report = { version: headPart.version, run: headPart.run, summary: headPart.summary, inputs: tailPart.inputs, logs: tailPart.logs };
  const { valid, errors } = validateReport({ ...headPart, ...tailPart, cases: [] });
  if (!valid) throw new Error(`${file} is not a valid AI Quality Kit report:\n  ${errors.join('\n  ')}`);
  return {
    file,
    report: report as CaseIndex['report'],
    rows: indexer.rows,
    aggregates: indexer.aggregates(),
    problems: indexer.allProblems(),
  };
}

/** The index of a report read whole (its cases kept; rows point into them). */
export function indexWhole(file: string, result: RunResult): CaseIndex {
  const indexer = new Indexer(file);
  result.cases.forEach((c) => indexer.add(c, -1, 0, 0));
  const { version, run, summary, inputs, logs } = result;
  return {
    file,
    report: { version, run, summary, inputs, logs },
    rows: indexer.rows,
    whole: result.cases,
    aggregates: indexer.aggregates(),
    problems: [],
  };
}

/**
 * Indexes a JSON report. A report laid out one case per line (as AI Quality Kit
 * writes them) is streamed whatever its size; another valid report is read whole
 * when it is at most WHOLE_READ_LIMIT bytes. Throws an error naming the file when
 * it cannot be read or is not a report; broken case lines are listed in `problems`.
 */
export async function buildCaseIndex(file: string, wholeReadLimit = WHOLE_READ_LIMIT): Promise<CaseIndex> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    throw new Error(`cannot read report ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return await indexLines(file);
  } catch (err) {
    if (!(err instanceof NotLaidOut)) throw err;
    if (size > wholeReadLimit)
      throw new Error(
        `${file} is not laid out one case per line as AI Quality Kit writes reports (${err.message}), and at ${(size / 1024 / 1024).toFixed(0)} MB it is too large to read whole (at most ${(wholeReadLimit / 1024 / 1024).toFixed(0)} MB)`,
        { cause: err },
      );
    return indexWhole(file, await readReport(file));
  }
}
