import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type { DetailSheetProvider } from '../../../src/engine/model/reportSheets';
import { flattenForSheet, uniqueSheetName } from '../../../src/engine/report/xlsxSheets';
import { writeReports } from '../../../src/engine/report/writeReports';
import { readReport } from '../../../src/engine/report/jsonReport';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { makeCase, sampleResult } from './fixtures';

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.fgColor?.argb;
}

function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  return (ws.getRow(n).values as unknown[]).slice(1);
}

describe('XLSX report', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-xlsx-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(result: RunResult, detailSheets: DetailSheetProvider[] = []): Promise<ExcelJS.Workbook> {
    const files = await writeReports(result, { dir, formats: ['xlsx', 'json'], anonymize: false, detailSheets });
    await readReport(files.json!); // every report the tests produce is validated
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx!);
    return wb;
  }

  it('writes Summary, one sheet per suite with cases, Inputs and Logs, in that order', async () => {
    const wb = await write(sampleResult());
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Summary', 'rag_quality', 'red_team', 'Inputs', 'Logs'],
    );
  });

  it('fills the Summary with the run block and one coloured row per suite metric', async () => {
    const ws = (await write(sampleResult())).getWorksheet('Summary')!;
    assert.deepEqual(rowValues(ws, 2).slice(0, 2), ['Run id', 'run_20250304-050607_0a1b2c3d']);
    assert.deepEqual([ws.getCell('D2').value, ws.getCell('E2').value], ['Total', 5]);
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Suite') header = n;
    });
    assert.ok(header > 2);
    assert.deepEqual(rowValues(ws, header), [
      'Suite',
      'Metric',
      'Value',
      'Threshold',
      'Direction',
      'Pass',
      'Suite status',
      'Passed/Total',
      'Reason',
    ]);
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    assert.equal(view.state, 'frozen');
    assert.equal(view.ySplit, header);
    const faithfulness = ws.getRow(header + 1);
    assert.deepEqual(rowValues(ws, header + 1).slice(0, 8), ['rag_quality', 'faithfulness', 0.66, 0.8, 'min', false, 'failed', '1/3']);
    assert.equal(fillOf(faithfulness.getCell(6)), 'FFFFC7CE', 'failed metric is red');
    assert.equal(fillOf(ws.getRow(header + 2).getCell(6)), 'FFC6EFCE', 'passed metric is green');
    const answers = ws.getRow(header + 3);
    assert.equal(answers.getCell(2).value, 'answers');
    assert.equal(fillOf(answers.getCell(6)), undefined, 'informational metric has no verdict colour');
    const perf = ws.getRow(header + 5);
    assert.deepEqual([perf.getCell(1).value, perf.getCell(2).value, perf.getCell(3).value], ['performance', 'p95_ms', null]);
    assert.equal(fillOf(perf.getCell(6)), 'FFD9D9D9', 'unmeasured is grey');
    assert.ok(ws.autoFilter);
  });

  it('writes case rows with metric columns, a frozen header and a coloured status', async () => {
    const ws = (await write(sampleResult())).getWorksheet('rag_quality')!;
    assert.deepEqual(rowValues(ws, 1), [
      'case_id',
      'status',
      'pass',
      'input',
      'expected',
      'output',
      'contexts',
      'latency_ms',
      'error',
      'faithfulness',
      'f1',
      'timestamp',
    ]);
    const q2 = rowValues(ws, 3);
    assert.deepEqual(q2.slice(0, 11), [
      'q2',
      'failed',
      false,
      'question q2',
      'expected q2',
      'answer q2',
      'context q2',
      120,
      'faithfulness 0.42 < 0.80',
      0.42,
      0.3,
    ]);
    assert.match(String(q2[11]), /^\d{4}-\d\d-\d\dT/);
    assert.equal(fillOf(ws.getRow(3).getCell(2)), 'FFFFC7CE');
    assert.equal(fillOf(ws.getRow(2).getCell(2)), 'FFC6EFCE');
    assert.equal(fillOf(ws.getRow(4).getCell(2)), 'FFFFEB9C', 'error is amber');
    assert.equal(ws.getRow(4).getCell(10).value, null, 'unmeasured metric leaves the cell empty');
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    assert.deepEqual([view.state, view.ySplit], ['frozen', 1]);
    assert.deepEqual(ws.autoFilter, 'A1:L4');
    assert.ok((ws.getColumn(4).width ?? 0) >= 40);
  });

  it('colours inconclusive cases and suites violet, their pass cell too (not a failure)', async () => {
    const result = sampleResult();
    const red = result.cases.find((c) => c.suite === 'red_team')!;
    Object.assign(red, { status: 'inconclusive', pass: false, error: 'inconclusive: the reply could not be classified' });
    result.summary.suites.red_team!.status = 'inconclusive';
    result.run.status = 'inconclusive';
    result.summary.overall.status = 'inconclusive';
    const wb = await write(result);
    const sheet = wb.getWorksheet('red_team')!;
    const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(2).value === 'inconclusive')!;
    assert.ok(row, 'the inconclusive case has its row');
    assert.equal(fillOf(row.getCell(2)), 'FFE4DFEC', 'status is violet');
    assert.equal(row.getCell(3).value, false);
    assert.equal(fillOf(row.getCell(3)), 'FFE4DFEC', 'pass false of an inconclusive case is violet, not red');
    const summary = wb.getWorksheet('Summary')!;
    const cells: ExcelJS.Cell[] = [];
    summary.eachRow((r) => r.eachCell((c) => (c.value === 'inconclusive' && Number(c.col) === 7 ? cells.push(c) : undefined)));
    assert.ok(cells.length > 0 && cells.every((c) => fillOf(c) === 'FFE4DFEC'), 'the suite status is violet');
  });

  it('flattens the profile into Inputs and keeps Logs', async () => {
    const wb = await write(sampleResult());
    const inputs = wb.getWorksheet('Inputs')!;
    const pairs = new Map<string, unknown>();
    inputs.eachRow((row, n) => n > 1 && pairs.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.equal(pairs.get('target.mode'), 'api');
    assert.equal(pairs.get('suites[1]'), 'red_team');
    assert.equal(pairs.get('thresholds.faithfulness_min'), 0.8);
    assert.equal(pairs.get('report.anonymize'), true);
    const logs = wb.getWorksheet('Logs')!;
    assert.deepEqual(rowValues(logs, 3), ['2025-03-04T05:06:30.000Z', 'warn', 'retrying after 503']);
  });

  it('cuts long cells to the Excel limit and drops characters XML forbids', async () => {
    const r = sampleResult();
    r.cases[0] = makeCase('rag_quality', 'q1', 'passed', {
      contexts: ['x'.repeat(20000), 'y'.repeat(20000)],
      output: 'bell\u0007 and lone \uD800 surrogate',
    });
    const ws = (await write(r)).getWorksheet('rag_quality')!;
    const contexts = String(ws.getRow(2).getCell(7).value);
    assert.equal(contexts.length, 32767);
    assert.ok(contexts.endsWith('…[truncated]'));
    assert.equal(ws.getRow(2).getCell(6).value, 'bell\uFFFD and lone \uFFFD surrogate');
  });

  it('adds registered detail sheets after the suites, and survives one that fails', async () => {
    const adversarial: DetailSheetProvider = (input) => ({
      name: 'Adversarial_Details',
      columns: [
        { header: 'Case', key: 'id', width: 10 },
        { header: 'Mutation', key: 'mutation' },
        { header: 'Verdict', key: 'verdict' },
      ],
      statusKey: 'verdict',
      rows: (async function* () {
        for await (const c of input.casesOf('red_team'))
          yield { id: c.case_id, mutation: String(c.details?.['mutation'] ?? ''), verdict: c.status };
      })(),
    });
    const broken: DetailSheetProvider = () => {
      throw new Error('no data');
    };
    const skipped: DetailSheetProvider = () => undefined;
    const wb = await write(sampleResult(), [adversarial, broken, skipped]);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Summary', 'rag_quality', 'red_team', 'Adversarial_Details', 'Inputs', 'Logs'],
    );
    const ws = wb.getWorksheet('Adversarial_Details')!;
    assert.deepEqual(rowValues(ws, 2), ['a1', 'role_play', 'passed']);
    assert.equal(fillOf(ws.getRow(2).getCell(3)), 'FFC6EFCE');
    const logs = wb.getWorksheet('Logs')!;
    assert.match(String(logs.getRow(logs.rowCount).getCell(3).value), /detail sheet could not be built: no data/);
  });

  it('leaves no file and no temp file when cancelled midway', async () => {
    const controller = new AbortController();
    const many = Array.from({ length: 600 }, (_, i) => makeCase('rag_quality', `c${i}`, 'passed'));
    const r = sampleResult();
    r.cases = many;
    const aborting: DetailSheetProvider = () => ({
      name: 'Slow',
      columns: [{ header: 'n', key: 'n' }],
      rows: (function* () {
        for (let n = 0; n < 2000; n++) {
          if (n === 300) controller.abort(new Error('user cancelled'));
          yield { n };
        }
      })(),
    });
    await assert.rejects(
      writeReports(r, { dir, formats: ['xlsx'], anonymize: false, detailSheets: [aborting], signal: controller.signal }),
      /user cancelled/,
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('names sheets validly and uniquely', () => {
    const taken = new Set<string>(['summary']);
    assert.equal(uniqueSheetName('Summary', taken), 'Summary_2');
    assert.equal(uniqueSheetName('a/b:c?[d]', taken), 'a_b_c__d_');
    assert.equal(uniqueSheetName('x'.repeat(40), taken).length, 31);
    assert.deepEqual(
      [...flattenForSheet({ a: { b: [1, { c: null }] }, e: [], f: {} })],
      [
        ['a.b[0]', 1],
        ['a.b[1].c', 'null'],
        ['e', '[]'],
        ['f', '{}'],
      ],
    );
  });
});
