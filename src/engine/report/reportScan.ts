// Reading a report as our writer lays it out, without holding its cases: the
// run and summary at the top, one compact line per case, inputs and logs at the
// end. The case index of the report view and the merge of shard reports read
// reports through it, so a 300,000-case report is read one case at a time.
import type { CaseResult, CaseStatus, RunResult } from '../model/runTypes';
import { isSuiteName } from '../model/suiteNames';
import { readReport, validateReport } from './jsonReport';
import { eachLine } from './reportLines';
import type { Line } from './reportLines';

const MAX_HEAD_BYTES = 16 * 1024 * 1024;
const STATUSES: readonly CaseStatus[] = ['passed', 'failed', 'error', 'cancelled', 'inconclusive'];

/** A report but its cases. */
export type ReportWithoutCases = Pick<RunResult, 'version' | 'run' | 'summary' | 'inputs' | 'logs'>;

/** The report is not laid out one case per line (hand-written, older tools): read it some other way. */
export class NotLaidOut extends Error {}

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

const CASES_OPEN = '  "cases": [';

/** Where a case's JSON is in the report file. */
export interface CaseAt {
  /** Byte offset and length of the case's JSON. */
  offset: number;
  length: number;
  /** Its line, 1-based. */
  line: number;
}

/** What a scan tells as it reads a report's case lines. */
export interface ScanHandlers {
  /** A case read, with where it is. */
  onCase(c: CaseResult, at: CaseAt): void;
  /** A case line that is not a case: its line and why ("case 12 is not valid JSON (…)"). */
  onProblem(line: number, text: string): void;
}

/**
 * Streams a report laid out as our writer lays it out (run and summary, then one
 * compact line per case, then inputs and logs), telling each case as it is read and
 * holding none: returns the report without its cases. Throws NotLaidOut for a
 * report laid out otherwise, and an error naming the file for one that is not valid.
 */
export async function scanReportLines(file: string, on: ScanHandlers): Promise<ReportWithoutCases> {
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
          on.onProblem(line.number, `case ${seen} is not valid JSON (${(err as Error).message})`);
          return;
        }
        const why = caseProblem(value);
        if (why) on.onProblem(line.number, `case ${seen} is not a case: ${why}`);
        else on.onCase(value as CaseResult, { offset: line.offset + 4, length: end - 4, line: line.number });
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
  return report as ReportWithoutCases;
}

/**
 * Reads any valid report case by case: one laid out by our writer is streamed,
 * another (hand-written, older tools) is read whole. Returns the report without
 * its cases. A broken case line is an error naming the file and line.
 */
export async function eachReportCase(file: string, onCase: (c: CaseResult) => void): Promise<ReportWithoutCases> {
  let broken: string | undefined;
  try {
    const head = await scanReportLines(file, {
      onCase: (c) => {
        if (broken === undefined) onCase(c);
      },
      onProblem: (line, text) => {
        broken ??= `${file}:${line}: ${text}`;
      },
    });
    if (broken !== undefined) throw new Error(broken);
    return head;
  } catch (err) {
    if (!(err instanceof NotLaidOut)) throw err;
    const { cases, ...head } = await readReport(file);
    for (const c of cases) onCase(c);
    return head;
  }
}
