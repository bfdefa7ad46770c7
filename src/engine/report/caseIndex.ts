// A report's case index: the report's head (run, summary), tail (inputs, logs)
// and, per case, only what the view sorts and filters on (suite, status, case id,
// latency) and where its line is. Built by streaming the file once: our writer
// puts one compact line per case, so a 300,000-case report is indexed without
// ever holding it whole, and a page of cases is read back by position.
// A report laid out otherwise (hand-written, older tools) is read whole when small.
import { stat } from 'node:fs/promises';
import type { CaseAggregates } from '../model/caseQuery';
import type { CaseResult, CaseStatus, RunResult } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { readReport } from './jsonReport';
import { NotLaidOut, scanReportLines } from './reportScan';
import { histogram } from './latencyHistogram';

/** Largest report read whole when it is not laid out one case per line. */
export const WHOLE_READ_LIMIT = 64 * 1024 * 1024;
const MAX_PROBLEMS = 20;

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

function emptyRows(): CaseRows {
  return { count: 0, suite: [], caseId: [], status: [], latency: [], offset: [], length: [], line: [] };
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

/** Streams a report laid out as our writer lays it out; throws NotLaidOut otherwise. */
async function indexLines(file: string): Promise<CaseIndex> {
  const indexer = new Indexer(file);
  const report = await scanReportLines(file, {
    onCase: (c, at) => indexer.add(c, at.offset, at.length, at.line),
    onProblem: (line, text) => indexer.problem(line, text),
  });
  return { file, report, rows: indexer.rows, aggregates: indexer.aggregates(), problems: indexer.allProblems() };
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
