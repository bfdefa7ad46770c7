import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import type { CaseResult, RunResult } from '../model/runTypes';
import { caseAnonymizer } from './anonymize';
import { removeLeftoverTemps, withAtomicFile, writeChunksAtomic } from './atomicWrite';
import { streamedJsonReportChunks, toJsonReport } from './jsonReport';
import { streamedJunitReportChunks } from './junitReport';
import type { XlsxReportOptions } from './xlsxReport';
import type { CaseSource } from './reportModel';
import { casesInMemory } from './reportModel';
import { streamXlsxReport } from './xlsxReport';

/** A report file format. */
export type ReportFormat = 'json' | 'xlsx' | 'junit';

/** What to write and where. */
export interface WriteReportsOptions {
  dir: string;
  formats: readonly ReportFormat[];
  anonymize: boolean;
  /** Stops writing; files not finished are not left behind. */
  signal?: AbortSignal;
  /** Detail sheet providers for the XLSX (the registered ones by default). */
  detailSheets?: XlsxReportOptions['detailSheets'];
  /**
   * Where the cases are read from instead of the result's (each call reads them
   * again from the start, e.g. from a run's case spill): the JSON and JUnit
   * reports stream them one at a time, the XLSX in one pass per sheet.
   */
  cases?: CaseSource;
}

/** The files written, by format. */
export type WrittenReports = Partial<Record<ReportFormat, string>>;

/** Some formats could not be written: `written` has the others, `failures` says why per format. */
export class ReportWriteError extends Error {
  /** Builds the error from what was written and what failed. */
  constructor(
    readonly written: WrittenReports,
    readonly failures: Partial<Record<ReportFormat, Error>>,
  ) {
    super(
      `could not write ${Object.entries(failures)
        .map(([f, e]) => `the ${f} report (${e.message})`)
        .join(', ')}`,
    );
    this.name = 'ReportWriteError';
  }
}

const EXTENSIONS: Record<ReportFormat, string> = { json: '.json', xlsx: '.xlsx', junit: '.junit.xml' };
// Run ids become file names; a client-chosen id must not climb out of the folder.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

async function writeXlsxFile(report: RunResult, cases: CaseSource, file: string, opts: WriteReportsOptions): Promise<void> {
  await withAtomicFile(file, async (temp) => {
    const out = createWriteStream(temp, { flags: 'wx' });
    // A failing disk must stop the writer, not crash the process with an unhandled 'error'.
    const stop = new AbortController();
    let streamError: Error | undefined;
    out.on('error', (err) => {
      streamError ??= err;
      stop.abort(err);
    });
    const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
    try {
      await streamXlsxReport(report, cases, out, { signal, detailSheets: opts.detailSheets });
      if (streamError) throw streamError;
    } catch (err) {
      // Decided before destroying: the zip writer then fails on the dead stream too.
      const cause = streamError ?? err;
      out.destroy();
      await finished(out).catch(() => undefined);
      throw cause;
    }
  });
}

/**
 * Writes the reports of a run into `dir` (created if needed) as `<run_id>.json`,
 * `<run_id>.xlsx` and `<run_id>.junit.xml`, each atomically. The result is
 * anonymized once (credentials are always removed). Every format is attempted;
 * when one fails a ReportWriteError lists the others that were written.
 */
export async function writeReports(result: RunResult, opts: WriteReportsOptions): Promise<WrittenReports> {
  if (!SAFE_ID.test(result.run.id)) throw new Error(`run id '${result.run.id}' cannot be used as a file name`);
  opts.signal?.throwIfAborted();
  await mkdir(opts.dir, { recursive: true });
  // A run killed while writing left hidden temp files; the next run in the folder clears them.
  await removeLeftoverTemps(opts.dir);
  const report = toJsonReport(result, { anonymize: opts.anonymize });
  const source = opts.cases;
  const mask = opts.anonymize ? caseAnonymizer(report.run.target) : undefined;
  // One path for every format: the source's cases masked as toJsonReport masks the
  // result's, or, without a source, the report's own cases (already masked).
  const cases: CaseSource = source
    ? async function* (): AsyncGenerator<CaseResult> {
        for await (const c of source()) yield mask ? mask(c) : c;
      }
    : casesInMemory(report.cases);
  const written: WrittenReports = {};
  const failures: Partial<Record<ReportFormat, Error>> = {};
  for (const format of new Set(opts.formats)) {
    const file = path.join(opts.dir, `${result.run.id}${EXTENSIONS[format]}`);
    try {
      if (format === 'json') await writeChunksAtomic(file, streamedJsonReportChunks(report, cases(), { anonymize: false }), opts.signal);
      else if (format === 'junit') await writeChunksAtomic(file, streamedJunitReportChunks(report, cases), opts.signal);
      else await writeXlsxFile(report, cases, file, opts);
      written[format] = file;
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      failures[format] = err instanceof Error ? err : new Error(String(err));
    }
  }
  if (Object.keys(failures).length > 0) throw new ReportWriteError(written, failures);
  return written;
}
