import type { Writable } from 'node:stream';
import type { CaseResult, RunResult } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import type { DetailSheet, DetailSheetInput, DetailSheetProvider, SheetCell } from '../model/reportSheets';
import { suiteDetailSheets } from '../suites/detailSheets';
import { flattenForSheet, uniqueSheetName } from './xlsxSheets';
import { levelLook, lookOf } from './xlsxStyles';
import type { StreamingWorkbook } from './xlsxTable';
import { TableWriter } from './xlsxTable';
import type { CaseSource } from './reportModel';
import { casesOfSuite, outlineCases, reportSuites } from './reportModel';

/** Options of the XLSX report. */
export interface XlsxReportOptions {
  /** Stops writing (the promise rejects with the abort reason). */
  signal?: AbortSignal;
  /** Detail sheet providers; by default the suites' own (see suites/detailSheets.ts). A provider that throws is logged, not fatal. */
  detailSheets?: readonly DetailSheetProvider[];
}

const CONTEXT_SEPARATOR = '\n---\n';

function summaryPreamble(result: RunResult): SheetCell[][] {
  const { run } = result;
  const o = result.summary.overall;
  const target = [run.target['mode'], run.target['protocol'], run.target['base_url'] ?? run.target['url']]
    .filter((v) => typeof v === 'string')
    .join(' ');
  const rows: SheetCell[][] = [
    ['AI Quality Kit run report'],
    ['Run id', run.id, null, 'Total', o.total],
    ['Status', run.status, null, 'Passed', o.passed],
    ['Profile', run.profile, null, 'Failed', o.failed],
    ['Target', target || JSON.stringify(run.target), null, 'Errors', o.errors],
    ['Started', run.started_at, null, 'Pass rate', o.pass_rate === null ? null : Math.round(o.pass_rate * 10000) / 100],
    ['Finished', run.finished_at, null, 'Duration (s)', Math.round(run.duration_ms) / 1000],
    ['Suites', run.suites.join(', '), null, 'Shard', run.shard ? `${run.shard.index}/${run.shard.total}` : null],
  ];
  if (run.error) rows.push(['Error', run.error]);
  rows.push([]);
  return rows;
}

async function writeSummary(
  wb: StreamingWorkbook,
  result: RunResult,
  suites: readonly SuiteName[],
  name: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const columns = [
    { header: 'Suite', width: 18 },
    { header: 'Metric', width: 26 },
    { header: 'Value', width: 12 },
    { header: 'Threshold', width: 12 },
    { header: 'Direction', width: 12 },
    { header: 'Pass', width: 8 },
    { header: 'Suite status', width: 14 },
    { header: 'Passed/Total', width: 13 },
    { header: 'Reason', width: 50 },
  ];
  const table = new TableWriter(wb, name, columns, summaryPreamble(result), signal);
  for (const suite of suites) {
    const s = result.summary.suites[suite];
    const counts = s ? `${s.passed}/${s.total}` : null;
    const status = s?.status ?? 'not run';
    if (!s || s.metrics.length === 0) {
      await table.add([suite, null, null, null, null, null, status, counts, s?.notes.join('; ') ?? null], (i, v) =>
        i === 6 ? lookOf(v) : undefined,
      );
      continue;
    }
    for (const m of s.metrics) {
      const informational = m.threshold === undefined;
      // An informational metric has no verdict: it stays uncoloured rather than grey.
      const pass = informational ? null : m.pass;
      await table.add([suite, m.name, m.value, m.threshold ?? null, m.direction ?? null, pass, status, counts, m.reason ?? null], (i, v) =>
        i === 5 && !informational ? lookOf(pass) : i === 6 ? lookOf(v) : i === 2 && m.value === null ? lookOf(null) : undefined,
      );
    }
  }
  table.commit();
}

async function writeSuiteSheet(
  wb: StreamingWorkbook,
  name: string,
  cases: AsyncIterable<CaseResult>,
  metrics: readonly string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const columns = [
    { header: 'case_id', width: 22 },
    { header: 'status', width: 11 },
    { header: 'pass', width: 7 },
    { header: 'input', width: 50 },
    { header: 'expected', width: 40 },
    { header: 'output', width: 50 },
    { header: 'contexts', width: 50 },
    { header: 'latency_ms', width: 12 },
    { header: 'error', width: 40 },
    ...metrics.map((m) => ({ header: m, width: Math.max(12, m.length + 2) })),
    { header: 'timestamp', width: 25 },
  ];
  const table = new TableWriter(wb, name, columns, [], signal);
  for await (const c of cases) {
    // An inconclusive case is not a failure: its pass cell takes the status's look, not red.
    const colour = (i: number, v: SheetCell | undefined) =>
      i === 1 || i === 2 ? lookOf(c.status === 'inconclusive' ? c.status : v) : undefined;
    const values: SheetCell[] = [
      c.case_id,
      c.status,
      c.pass,
      c.input,
      c.expected,
      c.output,
      c.contexts.join(CONTEXT_SEPARATOR),
      c.latency_ms,
      c.error,
    ];
    for (const m of metrics) values.push(c.metrics[m] ?? null);
    values.push(c.timestamp);
    await table.add(values, colour);
  }
  table.commit();
}

async function writeDetailSheet(wb: StreamingWorkbook, sheet: DetailSheet, name: string, signal: AbortSignal | undefined): Promise<void> {
  const table = new TableWriter(wb, name, sheet.columns, [], signal);
  const statusIndex = sheet.statusKey === undefined ? -1 : sheet.columns.findIndex((c) => c.key === sheet.statusKey);
  try {
    for await (const row of sheet.rows)
      await table.add(
        sheet.columns.map((c) => row[c.key]),
        (i, v) => (i === statusIndex ? lookOf(v) : undefined),
      );
  } catch (err) {
    if (signal?.aborted) throw err;
    // Rows already written stay; the sheet says where it stopped and why.
    await table.add([`sheet incomplete: ${(err as Error).message}`]);
    throw Object.assign(new Error(`detail sheet ${name} stopped: ${(err as Error).message}`), { partial: true });
  } finally {
    table.commit();
  }
}

async function writeInputs(wb: StreamingWorkbook, result: RunResult, name: string, signal: AbortSignal | undefined): Promise<void> {
  const table = new TableWriter(
    wb,
    name,
    [
      { header: 'Key', width: 40 },
      { header: 'Value', width: 60 },
    ],
    [],
    signal,
  );
  for (const [key, value] of flattenForSheet(result.inputs)) await table.add([key, value]);
  table.commit();
}

async function writeLogs(
  wb: StreamingWorkbook,
  result: RunResult,
  extra: readonly string[],
  name: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const table = new TableWriter(
    wb,
    name,
    [
      { header: 'Time', width: 25 },
      { header: 'Level', width: 8 },
      { header: 'Message', width: 100 },
    ],
    [],
    signal,
  );
  const colour = (i: number, v: SheetCell | undefined) => (i === 1 && typeof v === 'string' ? levelLook(v) : undefined);
  for (const log of result.logs) await table.add([log.time, log.level, log.message], colour);
  const now = new Date().toISOString();
  for (const message of extra) await table.add([now, 'warn', message], colour);
  table.commit();
}

/**
 * Streams the XLSX report of a run into `out` with exceljs's streaming writer,
 * its cases read from `cases` (`result.cases` is not read): one pass outlines
 * them (suites, counts, metric columns), then one pass per suite sheet and per
 * detail sheet writes them, each row committed as it is written, so the writer
 * holds one case at a time whatever their number. Sheets: Summary, one per
 * suite with cases, the detail sheets, Inputs, Logs. Resolves when `out` has finished.
 */
export async function streamXlsxReport(result: RunResult, cases: CaseSource, out: Writable, opts: XlsxReportOptions = {}): Promise<void> {
  const { signal } = opts;
  signal?.throwIfAborted();
  const outline = await outlineCases(cases(), signal);
  const suites = reportSuites(result, outline.keys());
  // Loaded when a workbook is written, not with the engine: a run that writes none never pays for it.
  // A CommonJS module: its exports are the namespace's default when imported.
  const ExcelJS = (await import('exceljs')).default;
  // Deflate level 1: about half the writer's CPU of the default level for a file ~25% larger.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.creator = 'AI Quality Kit';
  const taken = new Set<string>();
  // Reserved first so a suite or detail sheet can never take these names.
  const names = {
    summary: uniqueSheetName('Summary', taken),
    inputs: uniqueSheetName('Inputs', taken),
    logs: uniqueSheetName('Logs', taken),
  };
  await writeSummary(wb, result, suites, names.summary, signal);
  for (const suite of suites) {
    const o = outline.get(suite);
    if (o) await writeSuiteSheet(wb, uniqueSheetName(suite, taken), casesOfSuite(cases, suite), [...o.metricNames], signal);
  }
  const input: DetailSheetInput = {
    result,
    caseCounts: new Map([...outline].map(([suite, o]) => [suite, o.count])),
    casesOf: (suite) => casesOfSuite(cases, suite),
  };
  const problems: string[] = [];
  for (const provider of opts.detailSheets ?? suiteDetailSheets()) {
    let sheet: DetailSheet | undefined;
    try {
      sheet = provider(input);
    } catch (err) {
      problems.push(`a detail sheet could not be built: ${(err as Error).message}`);
      continue;
    }
    if (!sheet) continue;
    try {
      await writeDetailSheet(wb, sheet, uniqueSheetName(sheet.name, taken), signal);
    } catch (err) {
      if (!(err as { partial?: boolean }).partial) throw err;
      problems.push((err as Error).message);
    }
  }
  await writeInputs(wb, result, names.inputs, signal);
  await writeLogs(wb, result, problems, names.logs, signal);
  signal?.throwIfAborted();
  await wb.commit();
}
