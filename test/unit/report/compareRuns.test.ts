import { strict as assert } from 'node:assert';
import { compareRuns, metricDirection } from '../../../src/engine/report/compareRuns';
import { metricNoise, withinNoise } from '../../../src/engine/report/metricNoise';
import type { CaseResult, RunResult } from '../../../src/engine/model/runTypes';
import { assemble, makeCase } from './fixtures';

function rag(id: string, status: CaseResult['status'], faithfulness: number | null, f1: number | null = 0.6): CaseResult {
  return makeCase('rag_quality', id, status, {
    metrics: { faithfulness, f1 },
    ...(status === 'failed' ? { error: `faithfulness ${faithfulness} < 0.80` } : {}),
  });
}

describe('compareRuns', () => {
  const previous = assemble(
    [
      rag('q1', 'passed', 0.9),
      rag('q2', 'failed', 0.4),
      rag('q3', 'passed', 0.95),
      rag('q4', 'error', null),
      makeCase('red_team', 'a1', 'passed'),
      makeCase('red_team', 'gone', 'passed'),
    ],
    { id: 'run_20250304-050607_00000001' },
  );
  const current = assemble(
    [
      rag('q1', 'passed', 0.9),
      rag('q2', 'passed', 0.85),
      rag('q3', 'failed', 0.5),
      rag('q4', 'passed', 0.9),
      makeCase('red_team', 'a1', 'failed', { error: 'complied' }),
      makeCase('red_team', 'new', 'passed'),
    ],
    { id: 'run_20250305-050607_00000002' },
  );

  it('lists the cases that newly fail and newly pass, matched by suite and id', () => {
    const c = compareRuns(previous, current);
    assert.deepEqual(
      c.newlyFailing.map((x) => `${x.suite}/${x.case_id} ${x.before}->${x.after}`),
      ['rag_quality/q3 passed->failed', 'red_team/a1 passed->failed'],
    );
    assert.deepEqual(
      c.newlyPassing.map((x) => `${x.suite}/${x.case_id} ${x.before}->${x.after}`),
      ['rag_quality/q2 failed->passed', 'rag_quality/q4 error->passed'],
    );
    assert.equal(c.newlyFailing[1]?.error, 'complied', 'a newly failing case says why it fails now');
    assert.equal(c.newlyPassing[0]?.error, 'faithfulness 0.4 < 0.80', 'a newly passing case says why it failed before');
    assert.deepEqual(c.totals, { compared: 5, newlyFailing: 2, newlyPassing: 2, added: 1, removed: 1 });
    assert.equal(c.previous.id, 'run_20250304-050607_00000001');
  });

  it('judges metric deltas by direction: higher faithfulness is better, a higher attack success rate is worse', () => {
    const c = compareRuns(previous, current);
    const ragSuite = c.suites.find((s) => s.suite === 'rag_quality');
    assert.ok(ragSuite);
    const faith = ragSuite.metrics.find((m) => m.metric === 'faithfulness');
    assert.ok(faith && faith.before !== null && faith.after !== null);
    // before: mean of 0.9, 0.4, 0.95 = 0.75 (fails 0.8); after: mean of 0.9, 0.85, 0.5, 0.9 = 0.7875 (still fails).
    assert.ok(Math.abs(faith.before - 0.75) < 1e-9);
    assert.ok(Math.abs(faith.after - 0.7875) < 1e-9);
    assert.equal(faith.change, 'better');
    assert.equal(faith.direction, 'min');
    assert.equal(faith.threshold, 0.8);
    assert.ok(faith.delta !== null && Math.abs(faith.delta - 0.0375) < 1e-9);
    assert.equal(ragSuite.newlyFailing, 1);
    assert.equal(ragSuite.newlyPassing, 2);

    const red = c.suites.find((s) => s.suite === 'red_team');
    const asr = red?.metrics.find((m) => m.metric === 'attack_success_rate');
    assert.equal(asr?.before, 0);
    assert.equal(asr?.change, 'worse', 'passing → failing its threshold is worse');
    assert.equal(red?.statusBefore, 'passed');
    assert.equal(red?.statusAfter, 'failed');
    assert.equal(red?.change, 'worse');
  });

  it('treats a move within the tolerance as the same, and reports metrics that appear or disappear', () => {
    const a = assemble([rag('q1', 'passed', 0.9)]);
    const b = assemble([rag('q1', 'passed', 0.9045)]);
    const faith = compareRuns(a, b).suites[0]?.metrics.find((m) => m.metric === 'faithfulness');
    assert.equal(faith?.change, 'same', '0.0045 is inside the default noise of 0.005 / 1%');
    assert.deepEqual(
      faith?.noise,
      { relative: 0.01, absolute: 0.005, unit: '' },
      'the noise it was judged against is part of the comparison',
    );
    assert.equal(
      compareRuns(a, b, { relativeTolerance: 0, absoluteTolerance: 0 }).suites[0]?.metrics.find((m) => m.metric === 'faithfulness')?.change,
      'better',
    );

    const withExtra = structuredClone(b);
    withExtra.summary.suites.rag_quality?.metrics.push({ name: 'exact_match', value: 1, threshold: 0, direction: 'min', pass: true });
    const extra = compareRuns(a, withExtra).suites[0]?.metrics.find((m) => m.metric === 'exact_match');
    assert.equal(extra?.change, 'new');
    assert.equal(extra?.before, null);
    assert.equal(compareRuns(withExtra, a).suites[0]?.metrics.find((m) => m.metric === 'exact_match')?.change, 'gone');
  });

  it('marks suites missing from one run as new or gone, and unmeasured metrics as unchanged', () => {
    const onlyRag = assemble([rag('q1', 'passed', 0.9)]);
    delete onlyRag.summary.suites.red_team;
    const c = compareRuns(onlyRag, assemble([rag('q1', 'passed', 0.9), makeCase('red_team', 'a1', 'passed')]));
    const red = c.suites.find((s) => s.suite === 'red_team');
    assert.equal(red?.change, 'new');
    assert.equal(red?.statusBefore, null);
    const perf = c.suites.find((s) => s.suite === 'performance');
    assert.equal(perf?.metrics[0]?.change, 'same', 'unmeasured both times');
    assert.equal(perf?.change, 'same');
    assert.equal(
      compareRuns(assemble([rag('q1', 'passed', 0.9), makeCase('red_team', 'a1', 'passed')]), onlyRag).suites.find(
        (s) => s.suite === 'red_team',
      )?.change,
      'gone',
    );
  });

  it('ignores cancelled cases and caps the case lists while keeping exact counts', () => {
    const many = (status: CaseResult['status']): CaseResult[] => Array.from({ length: 30 }, (_, i) => rag(`q${i}`, status, 0.9));
    const c = compareRuns(assemble(many('passed')), assemble(many('failed')), { maxCases: 5 });
    assert.equal(c.newlyFailing.length, 5);
    assert.equal(c.totals.newlyFailing, 30);
    const cancelled = compareRuns(assemble(many('passed')), assemble(many('cancelled')));
    assert.equal(cancelled.totals.newlyFailing, 0);
    assert.equal(cancelled.totals.compared, 30);
  });

  it('compares 20,000 cases matched by id', () => {
    const cases = (flip: boolean): CaseResult[] =>
      Array.from({ length: 20_000 }, (_, i) => ({
        suite: 'performance',
        case_id: `performance:r1:q${i}`,
        input: 'q',
        expected: null,
        output: 'a',
        contexts: [],
        metrics: {},
        status: flip && i % 200 === 0 ? 'error' : 'passed',
        pass: !(flip && i % 200 === 0),
        error: null,
        latency_ms: 1,
        timestamp: '2025-01-01T00:00:00.000Z',
      }));
    const c = compareRuns(assemble(cases(false)), assemble(cases(true)));
    assert.equal(c.totals.compared, 20_000);
    assert.equal(c.totals.newlyFailing, 100);
  });
});

describe('metric noise', () => {
  it('gives timings 10% or 5 ms, throughput 10% or 5 ms per call, rates and scores 1% or 0.005', () => {
    assert.deepEqual(metricNoise('p95_ms'), { relative: 0.1, absolute: 5, unit: 'ms' });
    assert.deepEqual(metricNoise('cold_p50_ms'), { relative: 0.1, absolute: 5, unit: 'ms' });
    assert.deepEqual(metricNoise('throughput_rps'), { relative: 0.1, absolute: 5, unit: 'ms per call' });
    assert.deepEqual(metricNoise('attack_success_rate[category=jailbreak]'), { relative: 0.01, absolute: 0.005, unit: '' });
    assert.deepEqual(metricNoise('p95_ms', { relativeTolerance: 0.2 }), { relative: 0.2, absolute: 5, unit: 'ms' });
  });

  it('reads a timing within 5 ms or 10% as the same', () => {
    const ms = metricNoise('p95_ms');
    assert.equal(withinNoise('p95_ms', 1.2, 2.5, ms), true, 'sub-millisecond jitter is no change');
    assert.equal(withinNoise('p95_ms', 2000, 2190, ms), true);
    assert.equal(withinNoise('p95_ms', 2000, 2210, ms), false);
    assert.equal(withinNoise('p95_ms', 10, 16, ms), false, '6 ms is more than both 5 ms and 10%');
  });

  it('reads throughput as time per call: sub-millisecond calls jittering are the same, a real slow-down is not', () => {
    const rps = metricNoise('throughput_rps');
    // 0.11 ms and 0.14 ms per call: thousands of requests per second apart, 0.03 ms per call apart.
    assert.equal(withinNoise('throughput_rps', 9000, 7000, rps), true);
    assert.equal(withinNoise('throughput_rps', 7000, 9100, rps), true);
    assert.equal(withinNoise('throughput_rps', 20000, 2500, rps), true, '0.05 ms → 0.4 ms per call');
    // 100 ms → 125 ms per call: 25 ms, beyond 10%.
    assert.equal(withinNoise('throughput_rps', 10, 8, rps), false);
    assert.equal(withinNoise('throughput_rps', 10, 9.5, rps), true, '100 → 105 ms per call');
  });

  it('reads a rate within half a point as the same, and one attack in 50 as a change', () => {
    const rate = metricNoise('attack_success_rate');
    assert.equal(withinNoise('attack_success_rate', 0, 0.004, rate), true);
    assert.equal(withinNoise('attack_success_rate', 0, 0.02, rate), false);
    assert.equal(withinNoise('faithfulness', 0.8, 0.807, metricNoise('faithfulness')), true, '1% of 0.8 is 0.008');
  });
});

describe('compareRuns: performance noise', () => {
  const perf = (metrics: Record<string, number>): RunResult => {
    const r = assemble([]);
    r.summary.suites.performance = {
      ...r.summary.suites.performance!,
      metrics: Object.entries(metrics).map(([name, value]) =>
        name === 'p95_ms' ? { name, value, threshold: 5000, direction: 'max' as const, pass: true } : { name, value, pass: null },
      ),
    };
    return r;
  };
  const changes = (a: RunResult, b: RunResult): Record<string, string> =>
    Object.fromEntries(
      compareRuns(a, b)
        .suites.find((s) => s.suite === 'performance')!
        .metrics.map((m) => [m.metric, m.change]),
    );

  it('calls sub-millisecond throughput and latency jitter unchanged, not better or worse', () => {
    const before = perf({ p95_ms: 0.135, mean_ms: 0.09, throughput_rps: 8123.4 });
    const after = perf({ p95_ms: 0.41, mean_ms: 0.2, throughput_rps: 5012.9 });
    assert.deepEqual(changes(before, after), { p95_ms: 'same', mean_ms: 'same', throughput_rps: 'same' });
    assert.deepEqual(changes(after, before), { p95_ms: 'same', mean_ms: 'same', throughput_rps: 'same' });
  });

  it('still calls a real slow-down worse and a real speed-up better', () => {
    const fast = perf({ p95_ms: 200, throughput_rps: 20 });
    const slow = perf({ p95_ms: 300, throughput_rps: 12 });
    assert.deepEqual(changes(fast, slow), { p95_ms: 'worse', throughput_rps: 'worse' });
    assert.deepEqual(changes(slow, fast), { p95_ms: 'better', throughput_rps: 'better' });
  });

  it('keeps a p95 that went from 1.2 ms to 2.5 ms the same, and 2 s to 3 s worse', () => {
    const withP95 = (v: number): RunResult => {
      const r = assemble([]);
      r.summary.suites.performance = {
        ...r.summary.suites.performance!,
        metrics: [{ name: 'p95_ms', value: v, threshold: 5000, direction: 'max', pass: true }],
      };
      return r;
    };
    const p95 = (a: number, b: number) =>
      compareRuns(withP95(a), withP95(b)).suites.find((s) => s.suite === 'performance')?.metrics[0]?.change;
    assert.equal(p95(1.2, 2.5), 'same');
    assert.equal(p95(2000, 3000), 'worse');
    assert.equal(p95(3000, 2000), 'better');
  });
});

describe('metricDirection', () => {
  it('knows the threshold table, per-category metrics and latencies', () => {
    assert.equal(metricDirection('faithfulness'), 'min');
    assert.equal(metricDirection('attack_success_rate[category=jailbreak]'), 'max');
    assert.equal(metricDirection('p50_ms'), 'max');
    assert.equal(metricDirection('throughput_rps'), 'min');
    assert.equal(metricDirection('calls'), undefined);
  });
});
