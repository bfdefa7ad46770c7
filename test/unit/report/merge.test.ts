import { collectingFold } from '../../../src/engine/suites/suite';
import { strict as assert } from 'node:assert';
import { mergeReports } from '../../../src/engine/report/merge';
import { validateReport } from '../../../src/engine/report/jsonReport';
import type { CaseResult, RunResult } from '../../../src/engine/model/runTypes';
import { assemble, makeCase, summarizeSuite } from './fixtures';

function wholeRunCases(): CaseResult[] {
  const cases: CaseResult[] = [];
  for (let i = 0; i < 12; i++) {
    const status = i % 5 === 0 ? 'failed' : i % 7 === 0 ? 'error' : 'passed';
    cases.push(
      makeCase('rag_quality', `q${i}`, status, {
        metrics: { faithfulness: status === 'error' ? null : (i % 10) / 10, f1: 0.5 + (i % 3) / 10 },
      }),
    );
  }
  for (let i = 0; i < 8; i++) cases.push(makeCase('red_team', `a${i}`, i % 3 === 0 ? 'failed' : 'passed'));
  return cases;
}

/** Splits a run the way sharding does: every case in exactly one shard, each shard a complete report. */
function shardsOf(cases: CaseResult[], total: number): RunResult[] {
  return Array.from({ length: total }, (_, k) => {
    const mine = cases.filter((_c, i) => i % total === k);
    return assemble(mine, { shard: { index: k + 1, total } });
  });
}

const key = (c: CaseResult): string => `${c.suite}/${c.case_id}`;

describe('mergeReports', () => {
  it('merges two shards into the whole: cases, counts and per-case-metric means', () => {
    const cases = wholeRunCases();
    const whole = assemble(cases);
    const merged = mergeReports(shardsOf(cases, 2).reverse());
    assert.deepEqual(validateReport(merged).errors, []);
    assert.deepEqual(merged.cases.map(key).sort(), whole.cases.map(key).sort());
    assert.deepEqual(merged.summary.overall, whole.summary.overall);
    for (const suite of ['rag_quality', 'red_team'] as const) {
      const { total, passed, failed, errors } = merged.summary.suites[suite]!;
      const w = whole.summary.suites[suite]!;
      assert.deepEqual({ total, passed, failed, errors }, { total: w.total, passed: w.passed, failed: w.failed, errors: w.errors }, suite);
    }
    const faith = merged.summary.suites.rag_quality!.metrics.find((m) => m.name === 'faithfulness')!;
    const wholeFaith = whole.summary.suites.rag_quality!.metrics.find((m) => m.name === 'faithfulness')!;
    assert.ok(Math.abs(faith.value! - wholeFaith.value!) < 1e-12);
    assert.equal(faith.pass, wholeFaith.pass);
    assert.equal(merged.run.shard, undefined);
    assert.equal(merged.inputs.shard, undefined);
    assert.equal(merged.run.id, whole.run.id, 'shards of one run keep its id');
    assert.equal(merged.logs.at(-1)!.message, 'merged shards 1 to 2 of 2: run_20250304-050607_0a1b2c3d, run_20250304-050607_0a1b2c3d');
    const named = mergeReports(shardsOf(cases, 2), { labels: ['s1/a.json', 's2/b.json'] });
    assert.equal(named.logs.at(-1)!.message, 'merged shards 1 to 2 of 2: s1/a.json, s2/b.json');
  });

  it('marks aggregate metrics unmeasured, with the shard values, when there is no summarize()', () => {
    const merged = mergeReports(shardsOf(wholeRunCases(), 2));
    const asr = merged.summary.suites.red_team!.metrics[0]!;
    assert.equal(asr.value, null);
    assert.equal(asr.pass, null);
    assert.match(asr.reason!, /^aggregate over shards \(shard values 0\.5, 0\.25\): recompute/);
    assert.equal(asr.threshold, 0);
  });

  it('equals the whole run exactly with the suites summarize()', () => {
    const cases = wholeRunCases();
    const whole = assemble(cases);
    const merged = mergeReports(shardsOf(cases, 3), { summarize: (suite) => collectingFold((list) => summarizeSuite(suite, list)) });
    assert.deepEqual(merged.summary.suites.red_team, whole.summary.suites.red_team);
    assert.deepEqual(
      merged.summary.suites.rag_quality!.metrics.map((m) => m.pass),
      whole.summary.suites.rag_quality!.metrics.map((m) => m.pass),
    );
    assert.equal(merged.run.status, whole.run.status);
  });

  it('keeps a suite found in one shard only as that shard judged it', () => {
    const shards = shardsOf(wholeRunCases(), 2);
    // performance ran in shard 1 only (no cases there): its verdict and notes stay.
    delete shards[1]!.summary.suites.performance;
    const merged = mergeReports(shards);
    assert.deepEqual(merged.summary.suites.performance!.metrics, shards[0]!.summary.suites.performance!.metrics);
    assert.deepEqual(merged.summary.suites.performance!.notes, ['target unreachable']);
  });

  it('takes the worst run status, spans the shard times and drops duplicate cases', () => {
    const cases = wholeRunCases();
    const [a, b] = shardsOf(cases, 2);
    a!.run.status = 'cancelled';
    b!.run.started_at = '2025-03-04T05:00:00.000Z';
    b!.run.finished_at = '2025-03-04T05:09:00.000Z';
    b!.cases.push(a!.cases[0]!);
    const merged = mergeReports([a!, b!]);
    assert.equal(merged.run.status, 'cancelled');
    assert.equal(merged.summary.overall.status, 'cancelled');
    assert.equal(merged.run.started_at, '2025-03-04T05:00:00.000Z');
    assert.equal(merged.run.finished_at, '2025-03-04T05:09:00.000Z');
    assert.equal(merged.run.duration_ms, 9 * 60 * 1000);
    assert.equal(merged.cases.length, cases.length);
    assert.ok(merged.logs.some((l) => l.level === 'warn' && l.message === '1 duplicate case(s) dropped while merging'));
  });

  it('gives merged shards of different run ids a fresh id', () => {
    const shards = shardsOf(wholeRunCases(), 2);
    shards[1]!.run.id = 'run_20250304-050608_ffffffff';
    const merged = mergeReports(shards);
    assert.match(merged.run.id, /^run_20250304-050607_[0-9a-f]{8}$/);
    assert.notEqual(merged.run.id, shards[0]!.run.id);
  });

  it('refuses reports that cannot be merged, naming the files', () => {
    const [a, b, c] = shardsOf(wholeRunCases(), 3);
    const labels = ['s/a.json', 's/b.json', 's/c.json'];
    const merge = (rs: RunResult[]) => mergeReports(rs, { labels });
    assert.throws(() => mergeReports([]), /no reports to merge/);
    assert.throws(
      () => merge([a!, { ...b!, run: { ...b!.run, profile: '/ws/other.aiqk.yaml' } }, c!]),
      /^Error: cannot merge reports of different run profiles: s\/a\.json ran 'aiqk\.yaml', s\/b\.json ran '\/ws\/other\.aiqk\.yaml'$/,
    );
    assert.throws(
      () => merge([a!, b!, { ...c!, inputs: { ...c!.inputs, volumes: { qa_sample_size: 3 }, suites: ['safety'] } }]),
      /^Error: cannot merge reports of different run profiles: s\/a\.json and s\/c\.json ran aiqk\.yaml with different suites, volumes$/,
    );
    assert.throws(
      () => merge([a!, { ...b!, run: { ...b!.run, shard: { index: 1, total: 3 } } }, c!]),
      /^Error: shard 1\/3 appears 2 times: s\/a\.json, s\/b\.json \(merge each shard's report once/,
    );
    assert.throws(
      () => merge([a!, { ...b!, run: { ...b!.run, shard: { index: 2, total: 4 } } }, c!]),
      /^Error: cannot merge shards of different splits: s\/a\.json is shard 1\/3, s\/b\.json is shard 2\/4$/,
    );
    const { shard: _s, ...unsharded } = b!.run;
    assert.throws(() => merge([a!, { ...b!, run: unsharded }, c!]), /^Error: s\/b\.json \(run_[^)]+\) is not a shard report/);
  });

  it('refuses an incomplete set of shards, naming the missing ones and the files it got', () => {
    const [a, b, c] = shardsOf(wholeRunCases(), 3);
    assert.throws(
      () => mergeReports([a!, c!], { labels: ['one.json', 'three.json'] }),
      /^Error: shard 2 of 3 is missing: got shards 1, 3 \(one\.json, three\.json\); did its job fail before writing a report\?$/,
    );
    assert.throws(() => mergeReports([b!]), /^Error: shards 1, 3 of 3 are missing: got shard 2 \(run_/);
  });

  it('merges shards run from checkouts at different paths, and shards found by shard: auto', () => {
    const [a, b] = shardsOf(wholeRunCases(), 2);
    b!.run.profile = '/builds/runner-2/project/aiqk.yaml';
    b!.run.shard = { index: 2, total: 2, source: 'GitLab CI (CI_NODE_INDEX=2, CI_NODE_TOTAL=2)' };
    const merged = mergeReports([a!, b!]);
    assert.equal(merged.run.profile, a!.run.profile);
    assert.equal(merged.run.shard, undefined);
  });
});
