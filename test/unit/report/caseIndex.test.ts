// The case index: a report streamed once, pages sorted and filtered from the
// index, the words filter, the fallback for reports not laid out one case per
// line, broken case lines, and the comparison computed from two indexes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseQuery } from '../../../src/engine/model/caseQuery';
import type { CaseResult, RunResult } from '../../../src/engine/model/runTypes';
import { buildCaseIndex } from '../../../src/engine/report/caseIndex';
import type { CaseIndex } from '../../../src/engine/report/caseIndex';
import { CaseReader, caseHasWords, filterWords } from '../../../src/engine/report/caseQuery';
import { compareRuns } from '../../../src/engine/report/compareRuns';
import { compareIndexes } from '../../../src/engine/report/indexedComparison';
import { jsonReportChunks, readReport } from '../../../src/engine/report/jsonReport';
import { bigCase, writeBigReport } from './bigReport';
import { assemble } from './fixtures';

const N = 20_000;
const ORDER = { failed: 0, error: 1, inconclusive: 2, cancelled: 3, passed: 4 };
const query = (q: Partial<CaseQuery>): CaseQuery => ({
  suite: 'all',
  status: 'all',
  text: '',
  sort: { key: 'status', dir: 'asc' },
  page: 0,
  pageSize: 50,
  ...q,
});

/** The view's rules, on cases in memory, to check the index against. */
function expected(cases: CaseResult[], q: CaseQuery): CaseResult[] {
  const words = filterWords(q.text);
  const kept = cases
    .map((c, i) => ({ c, i }))
    .filter(
      ({ c }) =>
        (q.suite === 'all' || c.suite === q.suite) &&
        (q.status === 'all' || (q.status === 'notPassed' ? c.status !== 'passed' : c.status === q.status)) &&
        caseHasWords(c, words),
    );
  const sign = q.sort.dir === 'asc' ? 1 : -1;
  const key = (c: CaseResult): number | string =>
    q.sort.key === 'status'
      ? ORDER[c.status]
      : q.sort.key === 'suite'
        ? c.suite
        : q.sort.key === 'case'
          ? c.case_id
          : (c.latency_ms ?? Infinity);
  kept.sort((x, y) => {
    if (q.sort.key === 'latency' && (x.c.latency_ms === null) !== (y.c.latency_ms === null)) return x.c.latency_ms === null ? 1 : -1;
    const a = key(x.c);
    const b = key(y.c);
    const cmp =
      typeof a === 'number'
        ? a - (b as number)
        : q.sort.key === 'case'
          ? a.localeCompare(b as string, undefined, { numeric: true })
          : a < b
            ? -1
            : a > b
              ? 1
              : 0;
    return sign * cmp || x.i - y.i;
  });
  return kept.map((k) => k.c);
}

function writeReport(file: string, report: RunResult): void {
  writeFileSync(file, [...jsonReportChunks(report)].join(''));
}

describe('case index of a report', function () {
  this.timeout(30_000);
  let dir: string;
  let big: string;
  let index: CaseIndex;
  let reader: CaseReader;
  const cases = Array.from({ length: N }, (_, i) => bigCase(i));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aiqk-index-'));
    big = join(dir, 'big.json');
    await writeBigReport(big, N);
    index = await buildCaseIndex(big);
    reader = new CaseReader(index);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('streams a 20,000-case report into an index with its head, tail and aggregates', () => {
    assert.equal(index.rows.count, N);
    assert.equal(index.whole, undefined, 'laid out one case per line: not read whole');
    assert.deepEqual(index.problems, []);
    assert.equal(index.report.run.id, 'run_20250304-050607_0a1b2c3d');
    assert.equal(index.report.summary.overall.total, N);
    assert.equal(index.report.logs.length, 2);
    assert.ok(index.report.inputs.suites.includes('rag_quality'));
    assert.equal(index.aggregates.inconclusive, cases.filter((c) => c.status === 'inconclusive').length);
    const perf = cases.filter((c) => c.suite === 'performance' && c.status !== 'error' && c.latency_ms !== null);
    assert.equal(index.aggregates.latency.count, perf.length);
    assert.equal(
      index.aggregates.latency.bins.reduce((n, b) => n + b.count, 0),
      perf.length,
    );
  });

  it('answers pages sorted by every key both ways, as the view sorted them in memory', async () => {
    for (const key of ['status', 'suite', 'case', 'latency'] as const)
      for (const dir of ['asc', 'desc'] as const) {
        const q = query({ sort: { key, dir }, page: 7, pageSize: 100 });
        const page = await reader.query(q);
        const want = expected(cases, q);
        assert.equal(page.matching, N);
        assert.deepEqual(
          page.cases.map((c) => c.case_id),
          want.slice(700, 800).map((c) => c.case_id),
          `${key} ${dir}`,
        );
        assert.deepEqual(page.cases[0], want[700], 'the case is read back whole');
      }
  });

  it('filters by suite, status and words (every word, any case), and clamps the page', async () => {
    for (const q of [
      query({ suite: 'rag_quality', status: 'failed' }),
      query({ status: 'notPassed', sort: { key: 'latency', dir: 'desc' } }),
      query({ text: 'ORDER 9972 policy' }),
      query({ text: 'timeout', suite: 'red_team', page: 999 }),
      query({ text: 'no-such-word-anywhere' }),
    ]) {
      const page = await reader.query(q);
      const want = expected(cases, q);
      assert.equal(page.matching, want.length, JSON.stringify(q));
      assert.equal(page.pages, Math.max(1, Math.ceil(want.length / q.pageSize)));
      assert.equal(page.page, Math.min(q.page, page.pages - 1));
      assert.deepEqual(
        page.cases.map((c) => c.case_id),
        want.slice(page.first, page.first + q.pageSize).map((c) => c.case_id),
      );
    }
  });

  it('finds words with quotes, backslashes and accents as they read in the case, not as JSON escapes them', async () => {
    const quoted = assemble([
      { ...bigCase(0), case_id: 'quoted', output: 'He said "Refund" twice, path C:\\Temp, café' },
      { ...bigCase(1), case_id: 'plain', output: 'refund without quotes, cafe' },
    ]);
    const file = join(dir, 'quoted.json');
    writeReport(file, quoted);
    const r = new CaseReader(await buildCaseIndex(file));
    const ids = async (text: string): Promise<string[]> => (await r.query(query({ text }))).cases.map((c) => c.case_id);
    assert.deepEqual(await ids('"refund"'), ['quoted']);
    assert.deepEqual(await ids('c:\\temp'), ['quoted']);
    assert.deepEqual(await ids('CAFÉ'), ['quoted']);
    assert.deepEqual((await ids('refund')).sort(), ['plain', 'quoted']);
    assert.deepEqual(await ids('"he'), [], 'the JSON quote before a value is not part of it');
  });

  it('reads a valid report laid out otherwise whole, and answers the same', async () => {
    const report = assemble(cases.slice(0, 500));
    const pretty = join(dir, 'pretty.json');
    writeFileSync(pretty, JSON.stringify(report, null, 2));
    const whole = await buildCaseIndex(pretty);
    assert.ok(whole.whole, 'read whole');
    const q = query({ sort: { key: 'latency', dir: 'asc' }, text: 'refunds', page: 2 });
    assert.deepEqual((await new CaseReader(whole).query(q)).cases, expected(report.cases, q).slice(100, 150));
  });

  it('refuses a report laid out otherwise that is too large to read whole, naming the file', async () => {
    const pretty = join(dir, 'pretty-large.json');
    writeFileSync(pretty, JSON.stringify(assemble(cases.slice(0, 500)), null, 2));
    await assert.rejects(buildCaseIndex(pretty, 1000), (err: Error) => {
      assert.match(err.message, /pretty-large\.json is not laid out one case per line/);
      assert.match(err.message, /too large to read whole/);
      return true;
    });
  });

  it('names the file and line of a broken case line and indexes the others', async () => {
    const report = assemble(cases.slice(0, 50));
    const lines = [...jsonReportChunks(report)].join('').split('\n');
    const at = lines.findIndex((l) => l.includes('q000010'));
    lines[at] = '    {"suite": "performance", "case_id": broken,';
    const bad = lines.findIndex((l) => l.includes('q000020'));
    lines[bad] = lines[bad]!.replace('"status":"passed"', '"status":"fine"');
    const noInput = lines.findIndex((l) => l.includes('q000030'));
    lines[noInput] = lines[noInput]!.replace(/"input":"[^"]*"/, '"input":42');
    const file = join(dir, 'broken.json');
    writeFileSync(file, lines.join('\n'));
    const broken = await buildCaseIndex(file);
    assert.equal(broken.rows.count, 47);
    assert.equal(broken.problems.length, 3);
    assert.match(broken.problems[0]!, new RegExp(`broken\\.json:${at + 1}: case 11 is not valid JSON`));
    assert.match(broken.problems[1]!, new RegExp(`broken\\.json:${bad + 1}: case 21 is not a case: unknown status "fine"`));
    assert.match(broken.problems[2]!, new RegExp(`broken\\.json:${noInput + 1}: case 31 is not a case: input must be a string`));
    assert.ok(!broken.rows.caseId.some((id) => id.endsWith('q000010')));
  });

  it('says a report is not valid when its head is not, naming the file', async () => {
    const report = assemble(cases.slice(0, 5));
    const file = join(dir, 'nohead.json');
    writeReport(file, report);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"status": "failed"', '"status": "maybe"'));
    await assert.rejects(buildCaseIndex(file), /nohead\.json is not a valid AI Quality Kit report:\n {2}\/run\/status/);
  });

  it('compares two runs from their indexes exactly as from the whole reports', async () => {
    const current = assemble(cases.slice(0, 3000), { id: 'run_20250304-050607_0a1b2c3d' });
    const prevCases = cases.slice(100, 3200).map((c, i) =>
      i % 50 === 0
        ? {
            ...c,
            status: c.status === 'passed' ? ('failed' as const) : ('passed' as const),
            error: c.status === 'passed' ? `was failing ${i}` : null,
          }
        : c,
    );
    const previous = assemble(prevCases, { id: 'run_20250303-050607_0a1b2c3d' });
    const a = join(dir, 'previous.json');
    const b = join(dir, 'current.json');
    writeReport(a, previous);
    writeReport(b, current);
    const whole = compareRuns(await readReport(a), await readReport(b), { maxCases: 20 });
    const indexed = compareIndexes(await buildCaseIndex(a), await buildCaseIndex(b), { maxCases: 20 });
    assert.ok(whole.totals.newlyFailing > 0 && whole.totals.newlyPassing > 0 && whole.totals.added > 0 && whole.totals.removed > 0);
    assert.deepEqual(indexed, whole);
  });
});
