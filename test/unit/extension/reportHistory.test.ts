import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { jsonReportChunks } from '../../../src/engine/report/jsonReport';
import { isReportFileName, latestReportOf, listReports, parseReportHead } from '../../../src/extension/report/reportHistory';
import { assemble, makeCase } from '../report/fixtures';

function reportText(id: string, status: 'passed' | 'failed' | 'cancelled' | 'inconclusive', profile: string): string {
  const result = assemble([makeCase('rag_quality', 'rag_quality:q1', 'passed'), makeCase('rag_quality', 'rag_quality:q2', 'failed')], {
    id,
    status,
  });
  return [...jsonReportChunks({ ...result, run: { ...result.run, profile } })].join('');
}

describe('report history', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aiqk-history-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads status, profile, start and counts from the head of a written report', () => {
    const head = parseReportHead(reportText('run_20250304-050607_0a1b2c3d', 'cancelled', '/w/a "quoted" aiqk.yaml'));
    assert.deepEqual(head, {
      status: 'cancelled',
      profile: '/w/a "quoted" aiqk.yaml',
      startedAt: '2025-03-04T05:06:07.000Z',
      total: 2,
      passed: 1,
    });
  });

  it('reads an inconclusive run as inconclusive (the runs view shows its own icon)', () => {
    assert.equal(parseReportHead(reportText('run_20250304-050607_0a1b2c3d', 'inconclusive', '/w/aiqk.yaml')).status, 'inconclusive');
  });

  it('knows report file names', () => {
    assert.equal(isReportFileName('run_20250304-050607_0a1b2c3d.json'), true);
    assert.equal(isReportFileName('run_20250304-050607_0a1b2c3d.junit.xml'), false);
    assert.equal(isReportFileName('baseline.json'), false);
  });

  it('lists reports of several folders newest first, skipping other files and missing folders', async () => {
    const other = path.join(dir, 'other');
    const a = path.join(dir, 'a');
    mkdirSync(a);
    mkdirSync(other);
    writeFileSync(path.join(a, 'run_20250101-000000_00000001.json'), reportText('run_20250101-000000_00000001', 'passed', '/w/aiqk.yaml'));
    writeFileSync(
      path.join(other, 'run_20250301-000000_00000002.json'),
      reportText('run_20250301-000000_00000002', 'failed', '/w/other.aiqk.yaml'),
    );
    writeFileSync(path.join(a, 'run_20250201-000000_00000003.json'), reportText('run_20250201-000000_00000003', 'failed', '/w/aiqk.yaml'));
    writeFileSync(path.join(a, 'notes.json'), '{}');
    writeFileSync(path.join(a, 'run_20250401-000000_00000004.json'), 'not json at all');
    const entries = await listReports([a, other, path.join(dir, 'missing'), a]);
    assert.deepEqual(
      entries.map((e) => [e.runId, e.status]),
      [
        ['run_20250401-000000_00000004', undefined],
        ['run_20250301-000000_00000002', 'failed'],
        ['run_20250201-000000_00000003', 'failed'],
        ['run_20250101-000000_00000001', 'passed'],
      ],
    );
    assert.equal(latestReportOf(entries, '/w/aiqk.yaml')?.runId, 'run_20250201-000000_00000003');
    assert.equal(latestReportOf(entries, '/w/none.aiqk.yaml'), undefined);
    assert.equal((await listReports([a, other], 2)).length, 2);
  });
});
