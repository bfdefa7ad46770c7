import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  jsonReportChunks,
  readReport,
  streamedJsonReportChunks,
  toJsonReport,
  validateReport,
} from '../../../src/engine/report/jsonReport';
import { writeChunksAtomic } from '../../../src/engine/report/atomicWrite';
import { CaseSpill, readCaseSpill } from '../../../src/engine/run/caseSpill';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import { newRunId, RUN_ID_PATTERN } from '../../../src/engine/model/runId';
import { ReportWriteError, writeReports } from '../../../src/engine/report/writeReports';
import { makeCase, sampleResult } from './fixtures';
import { parseXml } from './miniXml';

describe('run ids', () => {
  it('are run_<yyyymmdd-hhmmss>_<8 hex> in UTC and differ between calls', () => {
    const date = new Date('2025-12-31T23:59:58.999Z');
    const a = newRunId(date);
    assert.match(a, /^run_20251231-235958_[0-9a-f]{8}$/);
    assert.match(a, RUN_ID_PATTERN);
    assert.notEqual(newRunId(date), a);
    assert.throws(() => newRunId(new Date('nope')), /invalid date/);
  });
});

describe('JSON report', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-json-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the result itself without anonymize, and a masked copy with it', () => {
    const r = sampleResult();
    r.cases[0]!.output = 'write to ann@example.org';
    assert.deepEqual(toJsonReport(r, { anonymize: false }), r);
    const masked = toJsonReport(r, { anonymize: true });
    assert.equal(masked.cases[0]!.output, 'write to a***@example.org');
    assert.equal(r.cases[0]!.output, 'write to ann@example.org');
  });

  it('writes json, xlsx and junit named by run id, and reads the json back validated', async () => {
    const r = sampleResult();
    r.cases[1]!.input = 'my card is 4242 4242 4242 4242';
    const files = await writeReports(r, { dir, formats: ['json', 'xlsx', 'junit'], anonymize: true });
    assert.deepEqual(Object.keys(files).sort(), ['json', 'junit', 'xlsx']);
    assert.equal(path.basename(files.json!), 'run_20250304-050607_0a1b2c3d.json');
    assert.equal(path.basename(files.junit!), 'run_20250304-050607_0a1b2c3d.junit.xml');
    assert.deepEqual((await readdir(dir)).sort(), [
      'run_20250304-050607_0a1b2c3d.json',
      'run_20250304-050607_0a1b2c3d.junit.xml',
      'run_20250304-050607_0a1b2c3d.xlsx',
    ]);
    const back = await readReport(files.json!);
    assert.deepEqual(back, toJsonReport(r, { anonymize: true }));
    assert.equal(back.cases[1]!.input, 'my card is **** **** **** 4242');
    assert.equal(parseXml(await readFile(files.junit!, 'utf8')).name, 'testsuites');
    assert.ok(!(await readFile(files.junit!, 'utf8')).includes('4242 4242 4242 4242'), 'JUnit is anonymized too');
  });

  it('writes one line per case, and valid JSON with no cases', () => {
    const r = sampleResult();
    const text = [...jsonReportChunks(r)].join('');
    assert.equal(text.split('\n').filter((l) => l.startsWith('    {"suite":')).length, r.cases.length);
    assert.deepEqual(JSON.parse(text), r);
    r.cases = [];
    assert.deepEqual(JSON.parse([...jsonReportChunks(r)].join('')), r);
  });

  it('creates the folder', async () => {
    const nested = path.join(dir, 'a', 'b');
    const files = await writeReports(sampleResult(), { dir: nested, formats: ['json'], anonymize: false });
    assert.equal(path.dirname(files.json!), nested);
  });

  it('writes the other formats when one fails, and says which', async () => {
    const r = sampleResult();
    await mkdir(path.join(dir, `${r.run.id}.xlsx`)); // a folder where the file should go: the rename fails
    const err = await writeReports(r, { dir, formats: ['json', 'xlsx', 'junit'], anonymize: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ReportWriteError);
    assert.deepEqual(Object.keys(err.written).sort(), ['json', 'junit']);
    assert.deepEqual(Object.keys(err.failures), ['xlsx']);
    assert.match(err.message, /could not write the xlsx report/);
    assert.deepEqual((await readdir(dir)).sort(), [`${r.run.id}.json`, `${r.run.id}.junit.xml`, `${r.run.id}.xlsx`]);
    assert.deepEqual(await readdir(path.join(dir, `${r.run.id}.xlsx`)), []);
  });

  it('refuses a run id that is not a safe file name', async () => {
    const r = sampleResult();
    r.run.id = '../escape';
    await assert.rejects(writeReports(r, { dir, formats: ['json'], anonymize: false }), /cannot be used as a file name/);
  });

  it('says clearly why a file is not a report', async () => {
    const missing = path.join(dir, 'missing.json');
    await assert.rejects(readReport(missing), /cannot read report .*missing\.json/);
    const notJson = path.join(dir, 'x.json');
    await writeFile(notJson, '{"version": 1,');
    await assert.rejects(readReport(notJson), /x\.json is not a report: not valid JSON/);
    const wrong = path.join(dir, 'y.json');
    await writeFile(wrong, JSON.stringify({ version: 2, run: {} }));
    await assert.rejects(
      readReport(wrong),
      (e: Error) =>
        e.message.includes('y.json is not a valid AI Quality Kit report') &&
        e.message.includes('/version: must be equal to constant') &&
        e.message.includes("(report): must have required property 'cases'"),
    );
  });

  it('caps the number of errors it lists', () => {
    const r = sampleResult();
    r.cases = Array.from({ length: 40 }, (_, i) => ({ ...makeCase('rag_quality', `c${i}`, 'passed'), pass: 'yes' as unknown as boolean }));
    const { valid, errors } = validateReport(r);
    assert.equal(valid, false);
    assert.equal(errors.length, 21);
    assert.equal(errors[20], '… and 20 more');
  });
});

describe('JSON report streamed from a case spill', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-json-stream-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function spillOf(cases: readonly CaseResult[]): Promise<string> {
    const file = path.join(dir, 'run.cases.jsonl');
    const spill = new CaseSpill(file);
    for (const c of cases) spill.write(c);
    await spill.close();
    return file;
  }

  for (const anonymize of [false, true]) {
    it(`is the same text as the report built in memory, and valid against the schema (anonymize ${anonymize})`, async () => {
      const result = sampleResult();
      result.cases[0] = { ...result.cases[0], output: 'Mail jane.doe@example.com or call 10.1.2.3' };
      const spill = await spillOf(result.cases);
      const report = toJsonReport({ ...result, cases: [] }, { anonymize });
      const file = path.join(dir, 'streamed.json');
      await writeChunksAtomic(file, streamedJsonReportChunks(report, readCaseSpill(spill), { anonymize }));
      const text = await readFile(file, 'utf8');
      assert.equal(text, [...jsonReportChunks(toJsonReport(result, { anonymize }))].join(''));
      const read = await readReport(file);
      assert.equal(read.cases.length, result.cases.length);
      assert.equal(read.cases[0].output?.includes('jane.doe@example.com'), !anonymize);
    });
  }

  it('writes a valid report with no case', async () => {
    const result = { ...sampleResult(), cases: [] };
    const spill = await spillOf([]);
    const file = path.join(dir, 'empty.json');
    await writeChunksAtomic(
      file,
      streamedJsonReportChunks(toJsonReport(result, { anonymize: false }), readCaseSpill(spill), { anonymize: false }),
    );
    assert.deepEqual((await readReport(file)).cases, []);
  });
});
