import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import reportSchema from '../../../schemas/report.schema.json';
import type { CaseResult, RunResult } from '../model/runTypes';
import { anonymizeResult, caseAnonymizer, redactSecrets } from './anonymize';

/** Options of the JSON report. */
export interface JsonReportOptions {
  /** Mask PII and secrets in case data and logs (credentials are always removed from the target and profile). */
  anonymize: boolean;
}

/** The report as written: the result with credentials removed and, when asked, PII masked. Pure. */
export function toJsonReport(result: RunResult, opts: JsonReportOptions): RunResult {
  // The user's own target address stays readable; everything else is masked as before.
  return opts.anonymize ? anonymizeResult(result) : redactSecrets(result);
}

let compiled: ValidateFunction | undefined;

// Compiled on first use, then reused: compiling costs far more than validating.
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile(reportSchema);
  }
  return compiled;
}

const MAX_ERRORS = 20;

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(report)' : e.instancePath;
  const extra =
    e.keyword === 'additionalProperties'
      ? ` '${String(e.params['additionalProperty'])}'`
      : e.keyword === 'enum'
        ? `: ${(e.params['allowedValues'] as unknown[]).join(', ')}`
        : '';
  return `${where}: ${e.message ?? e.keyword}${extra}`;
}

/** Checks a value against schemas/report.schema.json; errors read `/cases/0/pass: must be boolean`. */
export function validateReport(value: unknown): { valid: boolean; errors: string[] } {
  const validate = validator();
  if (validate(value)) return { valid: true, errors: [] };
  const all = (validate.errors ?? []).map(describe);
  const errors = [...new Set(all)];
  if (errors.length > MAX_ERRORS)
    return { valid: false, errors: [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more`] };
  return { valid: false, errors };
}

/** Reads and validates a JSON report; throws an error naming the file and what is wrong when it is not one. */
export async function readReport(file: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read report ${file}: ${(err as Error).message}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not a report: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const { valid, errors } = validateReport(value);
  if (!valid) throw new Error(`${file} is not a valid AI Quality Kit report:\n  ${errors.join('\n  ')}`);
  return value as RunResult;
}

const indent = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');

function reportHead(report: RunResult): string {
  return `{\n  "version": ${JSON.stringify(report.version)},\n  "run": ${indent(report.run)},\n  "summary": ${indent(report.summary)},\n  "cases": [`;
}

function reportTail(report: RunResult, anyCase: boolean): string {
  return `${anyCase ? '\n  ' : ''}],\n  "inputs": ${indent(report.inputs)},\n  "logs": ${indent(report.logs)}\n}\n`;
}

/**
 * The JSON text of a report in chunks: run, summary and profile indented, one
 * compact line per case, so a 100,000-case report is written without building
 * one huge string (and diffs stay line-per-case).
 */
export function* jsonReportChunks(report: RunResult): Generator<string> {
  yield reportHead(report);
  let first = true;
  for (const c of report.cases) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(c)}`;
    first = false;
  }
  yield reportTail(report, !first);
}

/**
 * The same JSON text with the cases streamed from `cases` (a run's case spill)
 * instead of `report.cases`, each masked like toJsonReport masks them: the report
 * is written holding one case at a time. `report` is the result as toJsonReport
 * returns it; its own cases are ignored.
 */
export async function* streamedJsonReportChunks(
  report: RunResult,
  cases: AsyncIterable<CaseResult>,
  opts: JsonReportOptions,
): AsyncGenerator<string> {
  const mask = opts.anonymize ? caseAnonymizer(report.run.target) : (c: CaseResult): CaseResult => c;
  yield reportHead(report);
  let first = true;
  for await (const c of cases) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(mask(c))}`;
    first = false;
  }
  yield reportTail(report, !first);
}
