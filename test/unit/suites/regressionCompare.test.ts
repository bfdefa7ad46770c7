import { strict as assert } from 'node:assert';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import { compareWithBaseline, indexBaseline } from '../../../src/engine/suites/regression/regressionCompare';

const LIMITS = { similarityMin: 0.6, deltaMax: 0.1 };
const words = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
const EXPECTED = words('k', 1, 10).join(' ');

describe('regression comparison', () => {
  it('a drop beyond regression_delta_max regresses even when the answer stays similar', () => {
    const expected = 'The refund window for online orders is 30 days.';
    // current vs expected: 5 shared tokens of 5 and 8 → F1 = ROUGE-L = 10/13; similarity to the baseline (= expected) also 10/13.
    const cmp = compareWithBaseline('The refund window is 30 days.', expected, expected, LIMITS);
    assert.ok(Math.abs(cmp.similarity - 10 / 13) < 1e-9);
    assert.ok(Math.abs(cmp.delta_f1 + 3 / 13) < 1e-9);
    assert.ok(Math.abs(cmp.max_drop - 3 / 13) < 1e-9);
    assert.equal(cmp.regressed, true);
    assert.match(cmp.reasons[0], /f1 1\.00 → 0\.77: a drop of 0\.23 > regression_delta_max 0\.1/);
    assert.equal(compareWithBaseline('The refund window is 30 days.', expected, expected, { ...LIMITS, deltaMax: 0.3 }).regressed, false);
  });

  it('a changed answer (similarity < min) regresses when its f1 dropped at all', () => {
    // baseline: k1..k8 + 8 others → F1 8/13; current: k1..k8 + 9 others → F1 16/27; similarity 16/33.
    const baseline = [...words('k', 1, 8), ...words('b', 1, 8)].join(' ');
    const current = [...words('k', 1, 8), ...words('c', 1, 9)].join(' ');
    const cmp = compareWithBaseline(current, baseline, EXPECTED, LIMITS);
    assert.ok(Math.abs(cmp.similarity - 16 / 33) < 1e-9);
    assert.ok(Math.abs(cmp.baseline_f1 - 8 / 13) < 1e-9);
    assert.ok(Math.abs(cmp.f1 - 16 / 27) < 1e-9);
    assert.ok(cmp.max_drop < LIMITS.deltaMax);
    assert.equal(cmp.regressed, true);
    assert.match(cmp.reasons[0], /^answer changed \(similarity 0\.48 < 0\.6\)/);
  });

  it('a changed answer that is as correct as before does not regress', () => {
    const baseline = [...words('k', 1, 8), ...words('b', 1, 8)].join(' ');
    const current = [...words('k', 1, 8), ...words('c', 1, 8)].join(' ');
    const cmp = compareWithBaseline(current, baseline, EXPECTED, LIMITS);
    assert.equal(cmp.similarity, 0.5);
    assert.equal(cmp.delta_f1, 0);
    assert.equal(cmp.regressed, false);
    assert.deepEqual(cmp.reasons, []);
  });

  it('indexes the baseline by qid, regression cases before rag_quality ones', () => {
    const c = (suite: 'regression' | 'rag_quality', id: string, output: string): CaseResult => ({
      suite,
      case_id: `${suite}:${id}`,
      input: 'q',
      expected: 'e',
      output,
      contexts: [],
      metrics: {},
      status: 'passed',
      pass: true,
      error: null,
      latency_ms: 1,
      timestamp: '',
    });
    const index = indexBaseline([
      c('rag_quality', 'q1', 'from rag'),
      c('regression', 'q1', 'from regression'),
      c('rag_quality', 'q:2', 'only rag'),
    ]);
    assert.equal(index.get('q1')?.output, 'from regression');
    assert.equal(index.get('q:2')?.output, 'only rag');
  });
});
