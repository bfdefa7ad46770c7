import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type { CaseResult, RunResult } from '../../../src/engine/model/runTypes';
import { writeReports } from '../../../src/engine/report/writeReports';
import { SUITE_NAMES } from '../../../src/engine/model/suiteNames';
import { CaseSpill, readCaseSpill } from '../../../src/engine/run/caseSpill';
import { SUITES } from '../../../src/engine/suites/registry';
import { makeCase, sampleResult } from './fixtures';

// A run with a case of every suite that has a detail sheet, interleaved with the
// sample's rag_quality and red_team cases, so every sheet kind is written.
function richResult(): RunResult {
  const result = sampleResult();
  const extra: CaseResult[] = [
    makeCase('safety', 'safety:hate-01', 'failed', {
      metrics: { toxicity: 0.85, safety_score: 0 },
      details: { category: 'hate', verdict: 'unsafe', risk_level: 'HIGH', evidence: [{ text: 'x', start: 0, end: 1, rule: 'r' }] },
    }),
    makeCase('resilience', 'resilience:burst', 'passed', {
      details: {
        scenario: { kind: 'burst' },
        calls: [
          { n: 1, outcome: 'success', startMs: 0, latencyMs: 12.4 },
          { n: 2, outcome: 'timeout', startMs: 5, latencyMs: 1000, errorKind: 'timeout', message: 'slow' },
        ],
        breaker: { transitions: [{ from: 'closed', to: 'open', time: '2026-01-01T00:00:00Z', reason: 'failures' }] },
      },
    }),
    makeCase('compliance_smoke', 'compliance:pii-1', 'failed', {
      output: 'mail jane.doe@example.com',
      details: { hits: [{ pattern: 'email', start: 5, end: 25, masked: 'j***@example.com' }] },
    }),
    makeCase('bias_smoke', 'bias:1', 'passed', { metrics: { pair_gap: 0.012345 }, details: { template: 't', group_a: 'a', group_b: 'b' } }),
    makeCase('rag_quality', 'q9', 'inconclusive', { metrics: { faithfulness: 0.5, context_recall: 0.25 } }),
  ];
  result.cases = [result.cases[0], extra[0], ...result.cases.slice(1), ...extra.slice(1)];
  return result;
}

interface CellDump {
  value: unknown;
  fill?: string;
  bold?: boolean;
}

// Every sheet of a workbook as it reads back: values, fills and bold per cell, views, filter and widths.
async function dump(file: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    const rows: CellDump[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: CellDump[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
        cells.push({ value: cell.value, ...(fill ? { fill } : {}), ...(cell.font?.bold ? { bold: true } : {}) });
      });
      rows.push(cells);
    });
    sheets[ws.name] = { rows, views: ws.views, autoFilter: ws.autoFilter, widths: ws.columns?.map((c) => c.width) };
  }
  return sheets;
}

describe('XLSX report streamed from a case spill', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-xlsx-stream-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  for (const anonymize of [false, true]) {
    it(`has the same sheets, rows, cells and styles as the one written from memory (anonymize ${anonymize})`, async () => {
      const result = richResult();
      const spillFile = path.join(dir, 'cases.jsonl');
      const spill = new CaseSpill(spillFile);
      for (const c of result.cases) spill.write(c);
      await spill.close();

      const inMemory = await writeReports(result, { dir: path.join(dir, 'memory'), formats: ['xlsx'], anonymize });
      const streamed = await writeReports(
        { ...result, cases: result.cases.slice(0, 1) },
        { dir: path.join(dir, 'streamed'), formats: ['xlsx'], anonymize, cases: () => readCaseSpill(spillFile) },
      );
      const expected = await dump(inMemory.xlsx!);
      assert.deepEqual(Object.keys(expected), [
        'Summary',
        'rag_quality',
        'red_team',
        'safety',
        'resilience',
        'compliance_smoke',
        'bias_smoke',
        'Bias_Details',
        'Compliance_Details',
        'Adversarial_Details',
        'Resilience_Details',
        'Safety_Details',
        'Inputs',
        'Logs',
      ]);
      assert.deepEqual(await dump(streamed.xlsx!), expected);
    });
  }

  it('writes rows while it is still reading the cases, never gathering them first', async () => {
    // Cases with large incompressible outputs: a writer holding them all before writing
    // would leave the file empty until every case had been read.
    let seed = 7;
    const noise = (n: number) => {
      let s = '';
      while (s.length < n) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += seed.toString(36);
      }
      return s.slice(0, n);
    };
    const outputs = Array.from({ length: 64 }, () => noise(2000));
    const count = 4000;
    const reportDir = path.join(dir, 'reports');
    const onDisk = async () => {
      let bytes = 0;
      for (const f of await readdir(reportDir).catch(() => [])) bytes += (await stat(path.join(reportDir, f))).size;
      return bytes;
    };
    // Per pass over the cases: bytes of the report on disk when it started and when it ended.
    const passes: { start: number; end: number }[] = [];
    async function* source(): AsyncGenerator<CaseResult> {
      const pass = { start: await onDisk(), end: 0 };
      passes.push(pass);
      for (let i = 0; i < count; i++) {
        yield makeCase('rag_quality', `q${i}`, 'passed', { output: `${i} ${outputs[i % 64]}`, metrics: { f1: 1 } });
        if (i % 500 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      pass.end = await onDisk();
    }
    const result = { ...sampleResult(), cases: [] };
    const written = await writeReports(result, { dir: reportDir, formats: ['xlsx'], anonymize: false, cases: source });
    const total = (await stat(written.xlsx!)).size;
    assert.ok(passes.length >= 2, `the cases are read in passes (${passes.length})`);
    const grown = Math.max(...passes.map((p) => p.end - p.start));
    assert.ok(grown > total / 4, `the report grew by ${grown} of its ${total} bytes while one pass read the cases`);
  });

  it("makes each suite's detail rows from one case at a time", async () => {
    const withSheets = SUITE_NAMES.filter((name) => SUITES[name]?.detailRows);
    assert.equal(withSheets.length, 5);
    for (const suite of withSheets) {
      let handedOut = 0;
      const cases = async function* (): AsyncGenerator<CaseResult> {
        for (let i = 0; i < 1000; i++) {
          handedOut++;
          yield makeCase(suite, `${suite}:${i}`, 'passed', {
            details: { calls: [{ n: 1, outcome: 'success', startMs: 0, latencyMs: 1 }] },
          });
        }
      };
      const rows = SUITES[suite]!.detailRows!(cases())[Symbol.asyncIterator]();
      const first = await rows.next();
      assert.equal(first.done, false, `${suite} yields a row`);
      assert.equal(handedOut, 1, `${suite} wrote its first row after reading ${handedOut} cases`);
      await rows.return?.();
    }
  });
});
