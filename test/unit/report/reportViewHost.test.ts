// The report view host's pure parts: message validation, the data sent to the
// view, and the search for the previous report to compare with.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonReportChunks } from '../../../src/engine/report/jsonReport';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { findPreviousReport, parseHead, sameProfile } from '../../../src/extension/report/previousReport';
import { checkReportMessage } from '../../../src/extension/report/reportMessages';
import { DEFAULT_LIMITS, toViewData } from '../../../src/extension/report/viewData';
import type { ViewContext } from '../../../src/extension/report/viewData';
import { FIRST_QUERY, ReportSession } from '../../../src/extension/report/reportSession';
import { indexWhole } from '../../../src/engine/report/caseIndex';
import { CaseReader } from '../../../src/engine/report/caseQuery';
import type { ReportViewData } from '../../../src/protocol';
import { assemble, makeCase, sampleResult } from './fixtures';
import { SUITE_NAMES } from '../../../src/engine/model/suiteNames';

describe('report view: messages from the webview', () => {
  it('accepts every message of the protocol', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'openJson' },
      { type: 'openJson', caseId: 'rag_quality:q1' },
      { type: 'openXlsx' },
      { type: 'revealInExplorer' },
      { type: 'openProfile' },
      { type: 'rerun' },
      { type: 'openPrevious' },
      { type: 'rendered', runId: 'run_20250304-050607_0a1b2c3d', cards: 3, rows: 50, matching: 120, total: 137, charts: 2 },
      {
        type: 'queryCases',
        id: 7,
        query: { suite: 'all', status: 'notPassed', text: 'refund', sort: { key: 'latency', dir: 'desc' }, page: 3, pageSize: 50 },
      },
    ]) {
      const r = checkReportMessage(m);
      assert.ok(r.ok, JSON.stringify(m));
      assert.deepEqual(r.message, m);
    }
  });

  it('refuses anything else with a reason', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      ['ready', /not an object/],
      [[{ type: 'ready' }], /not an object/],
      [{}, /no message type/],
      [{ type: 'runCommand', command: 'workbench.action.terminal.new' }, /unknown message type 'runCommand'/],
      [{ type: 'ready', extra: 1 }, /unexpected field\(s\) extra/],
      [{ type: 'openXlsx', path: '/etc/passwd' }, /unexpected field\(s\) path/],
      [{ type: 'openJson', caseId: 42 }, /caseId/],
      [{ type: 'openJson', caseId: '' }, /caseId/],
      [{ type: 'openJson', caseId: 'x'.repeat(2001) }, /caseId/],
      [{ type: 'rendered', runId: '../../x', cards: 1, rows: 1, matching: 1, total: 1, charts: 0 }, /runId/],
      [
        { type: 'rendered', runId: 'run_20250304-050607_0a1b2c3d', cards: -1, rows: 1.5, matching: 1, total: 1, charts: 0 },
        /cards, rows must be whole numbers/,
      ],
      [{ type: 'rendered', runId: 'run_20250304-050607_0a1b2c3d', cards: 1, rows: 1, matching: 1, total: 1 }, /charts/],
      [{ type: 'queryCases', id: 1 }, /queryCases: query must be an object/],
      [{ type: 'queryCases', id: -1, query: FIRST_QUERY }, /queryCases: id must be a whole number/],
      [{ type: 'queryCases', id: 1, query: FIRST_QUERY, extra: true }, /queryCases: unexpected field\(s\) extra/],
      [{ type: 'queryCases', id: 1, query: { ...FIRST_QUERY, where: 'x' } }, /query: unexpected field\(s\) where/],
      [{ type: 'queryCases', id: 1, query: { ...FIRST_QUERY, status: 'weird' } }, /query\.status must be one of/],
      [{ type: 'queryCases', id: 1, query: { ...FIRST_QUERY, text: 'x'.repeat(501) } }, /query\.text must be a string of at most 500/],
      [{ type: 'queryCases', id: 1, query: { ...FIRST_QUERY, sort: { key: 'input', dir: 'asc' } } }, /query\.sort\.key must be one of/],
      [{ type: 'queryCases', id: 1, query: { ...FIRST_QUERY, sort: { key: 'case', dir: 'up' } } }, /query\.sort\.dir must be asc or desc/],
      [{ type: 'queryCases', id: 1, query: { ...FIRST_QUERY, page: 1.5 } }, /query\.page must be a whole number/],
      [
        { type: 'queryCases', id: 1, query: { ...FIRST_QUERY, pageSize: 100_000 } },
        /query\.pageSize must be a whole number from 1 to 1000/,
      ],
    ];
    for (const [m, reason] of cases) {
      const r = checkReportMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.match(r.reason, reason);
    }
  });
});

describe('report view: data sent to the webview', () => {
  const ctx: ViewContext = {
    uri: 'file:///r/run.json',
    paths: { json: 'run.json', xlsx: null, profile: 'aiqk.yaml' },
    comparison: null,
    comparisonNote: 'first run',
    canRerun: false,
  };
  const toView = async (report: RunResult): Promise<ReportViewData> => {
    const index = indexWhole('run.json', report);
    return toViewData(index, { query: FIRST_QUERY, page: await new CaseReader(index).query(FIRST_QUERY) }, ctx);
  };

  it('sends the run, summary, first page and logs unchanged when they are small', async () => {
    const report = sampleResult();
    const data = await toView(report);
    assert.equal(data.run, report.run);
    assert.equal(data.summary, report.summary);
    assert.equal(data.total, report.cases.length);
    assert.deepEqual(data.first.query, FIRST_QUERY);
    assert.equal(data.first.page.cases.length, report.cases.length);
    assert.deepEqual(
      data.first.page.cases.map((c) => c.status),
      ['failed', 'error', 'cancelled', 'passed', 'passed'],
      'failures first',
    );
    assert.ok(data.first.page.cases.includes(report.cases[0]!), 'a small case is passed through as it is');
    assert.deepEqual(data.clipped, { texts: 0, logs: 0 });
    assert.equal(data.comparisonNote, 'first run');
    assert.equal('inputs' in data, false, 'the profile is not sent');
  });

  it("sends every suite's label from the manifests, so the view needs no engine code", async () => {
    const data = await toView(sampleResult());
    assert.deepEqual(Object.keys(data.suiteLabels), [...SUITE_NAMES]);
    assert.equal(data.suiteLabels.rag_quality, 'RAG quality');
    assert.equal(data.suiteLabels.compliance_smoke, 'Compliance');
  });

  it('clips long texts, many contexts, big details and long logs, and counts what it clipped', async () => {
    const long = 'a'.repeat(DEFAULT_LIMITS.text + 10);
    const report: RunResult = assemble([
      makeCase('rag_quality', 'big', 'failed', {
        output: long,
        contexts: Array.from({ length: 20 }, () => 'c'.repeat(5000)),
        details: {
          evidence: [{ text: 'aaa', start: 0, end: 3, rule: 'r' }],
          verdict: 'complied',
          calls: Array.from({ length: 5000 }, (_, i) => ({ n: i, outcome: 'success' })),
        },
      }),
    ]);
    report.logs = Array.from({ length: 1500 }, (_, i) => ({
      time: '2025-01-01T00:00:00.000Z',
      level: 'info' as const,
      message: `line ${i}`,
    }));
    const data = await toView(report);
    const c = data.first.page.cases[0];
    assert.ok(c && c.output);
    assert.equal(c.output.startsWith('a'.repeat(DEFAULT_LIMITS.text)), true);
    assert.match(c.output, /… \[10 more characters in the JSON report\]$/);
    assert.equal(c.contexts.length, DEFAULT_LIMITS.contexts);
    assert.ok(c.contexts.every((x) => x.length < 4100));
    assert.deepEqual(c.details?.evidence, [{ text: 'aaa', start: 0, end: 3, rule: 'r' }], 'evidence survives clipped details');
    assert.equal(c.details?.verdict, 'complied');
    assert.equal('calls' in (c.details ?? {}), false);
    assert.equal(data.logs.length, 1000);
    assert.equal(data.logs[999]?.message, 'line 1499', 'the newest lines are kept');
    assert.equal(data.clipped.logs, 500);
    // output, 12 context passages, the context count, the details.
    assert.equal(data.clipped.texts, 15);
    assert.equal(report.cases[0]?.output, long, 'the report itself is not changed');
  });
});

describe('report view: the session answering page requests', () => {
  it('answers from the report file, skips requests overtaken by newer ones, and says when the file changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiqk-session-'));
    try {
      const report = sampleResult();
      const file = join(dir, `${report.run.id}.json`);
      writeFileSync(file, [...jsonReportChunks(report)].join(''));
      const session = await ReportSession.open(file);
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const c of report.cases)
        assert.ok(lines[(session.lineOf(c.case_id) ?? 0) - 1]?.includes(`"case_id":${JSON.stringify(c.case_id)}`), c.case_id);
      assert.equal(session.lineOf('no-such-case'), undefined);
      const ask = (id: number, text: string) =>
        session.answer({ type: 'queryCases', id, query: { ...FIRST_QUERY, text } }, 'file:///r.json');
      const [a, b, c] = await Promise.all([ask(1, 'q1'), ask(2, 'q2'), ask(3, 'question')]);
      assert.equal(a, null);
      assert.equal(b, null);
      assert.equal(c?.type, 'cases');
      if (c?.type !== 'cases') return;
      assert.equal(c.id, 3);
      assert.equal(c.page?.matching, report.cases.length, 'every case has "question" in its input');
      // The file rewritten under the view: the page cannot be trusted any more.
      writeFileSync(file, [...jsonReportChunks({ ...report, cases: [...report.cases].reverse() })].join(''));
      const d = await ask(4, '');
      assert.equal(d?.type === 'cases' ? d.page : 'not cases', null);
      assert.match(d?.type === 'cases' ? (d.error ?? '') : '', /changed since it was opened/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('report view: the previous report', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aiqk-prev-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(id: string, profile: string, status: RunResult['run']['status']): string {
    const r = assemble([makeCase('rag_quality', 'q1', 'passed')], { id, status });
    r.run.profile = profile;
    const file = join(dir, `${id}.json`);
    writeFileSync(file, [...jsonReportChunks(r)].join(''));
    return file;
  }

  it('reads profile and status from the head of a report', () => {
    const r = assemble([], { status: 'cancelled' });
    r.run.profile = '/w/a "quoted" aiqk.yaml';
    assert.deepEqual(parseHead([...jsonReportChunks(r)].join('').slice(0, 2000)), {
      profile: '/w/a "quoted" aiqk.yaml',
      status: 'cancelled',
    });
    assert.deepEqual(parseHead('{"version": 1'), {});
  });

  it('picks the newest earlier finished run of the same profile', async () => {
    const profile = join(dir, 'aiqk.yaml');
    writeFileSync(profile, 'version: 1\n');
    const older = write('run_20250101-000000_00000001', profile, 'passed');
    write('run_20250102-000000_00000002', join(dir, 'other.aiqk.yaml'), 'passed');
    write('run_20250103-000000_00000003', profile, 'cancelled');
    write('run_20250104-000000_00000004', profile, 'error');
    const failedRun = write('run_20250105-000000_00000005', profile, 'failed');
    const current = write('run_20250106-000000_00000006', profile, 'passed');
    write('run_20250107-000000_00000007', profile, 'passed');
    writeFileSync(join(dir, 'run_20250105-500000_0000000f.json'), 'not json');
    writeFileSync(join(dir, 'notes.json'), '{}');
    assert.equal(await findPreviousReport(current, 'run_20250106-000000_00000006', profile), failedRun);
    assert.equal(
      await findPreviousReport(failedRun, 'run_20250105-000000_00000005', profile),
      older,
      'cancelled and error runs are skipped',
    );
    assert.equal(await findPreviousReport(older, 'run_20250101-000000_00000001', profile), undefined);
  });

  it('matches a moved workspace by profile file name', () => {
    const here = join(dir, 'aiqk.yaml');
    writeFileSync(here, 'version: 1\n');
    assert.equal(sameProfile(here, '/gone/elsewhere/aiqk.yaml'), true, 'the recorded profile no longer exists');
    assert.equal(sameProfile(here, join(dir, 'other.aiqk.yaml')), false);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'aiqk.yaml'), 'version: 1\n');
    assert.equal(
      sameProfile(here, join(dir, 'sub', 'aiqk.yaml')),
      false,
      'an existing profile of the same name elsewhere is another profile',
    );
  });
});
