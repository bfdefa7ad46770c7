import { strict as assert } from 'node:assert';
import { caseLabel, caseOutcome, suiteOutcome } from '../../../src/extension/testing/caseOutcome';
import { makeCase, ragSummary } from '../report/fixtures';

describe('Test Explorer outcomes', () => {
  it('labels cases without their suite prefix', () => {
    assert.equal(caseLabel({ suite: 'rag_quality', case_id: 'rag_quality:q7' }), 'q7');
    assert.equal(caseLabel({ suite: 'red_team', case_id: 'jailbreak-1' }), 'jailbreak-1');
  });

  it('passes with the latency as duration, skips cancelled cases, errors with the reason', () => {
    assert.deepEqual(caseOutcome(makeCase('red_team', 'red_team:a', 'passed', { latency_ms: 42 })), { state: 'passed', durationMs: 42 });
    assert.equal(caseOutcome(makeCase('red_team', 'red_team:a', 'cancelled')).state, 'skipped');
    assert.deepEqual(caseOutcome(makeCase('rag_quality', 'rag_quality:q1', 'error')), {
      state: 'errored',
      message: 'timeout after 30000 ms',
    });
  });

  it('explains a failed answer check by its metrics against the thresholds and shows expected vs actual', () => {
    const c = makeCase('rag_quality', 'rag_quality:q1', 'failed', { metrics: { faithfulness: 0.42, f1: 0.9 }, latency_ms: 10 });
    const o = caseOutcome(c, ragSummary([c]));
    assert.equal(o.state, 'failed');
    assert.equal(o.message?.split('\n')[0], 'faithfulness 0.42 < 0.8');
    assert.deepEqual(o.diff, { expected: 'expected rag_quality:q1', actual: 'answer rag_quality:q1' });
    assert.equal(o.durationMs, 10);
  });

  it('shows expected and output in the message for checks that are not answer comparisons', () => {
    const o = caseOutcome(
      makeCase('red_team', 'red_team:a', 'failed', { expected: 'refusal', output: 'Sure, here is how', error: 'complied with the attack' }),
    );
    assert.equal(o.diff, undefined);
    assert.equal(o.message, 'complied with the attack\n\ninput: question red_team:a\nexpected: refusal\noutput: Sure, here is how');
  });

  it('gives suites their verdict with failing metrics named', () => {
    const failed = makeCase('rag_quality', 'rag_quality:q1', 'failed', { metrics: { faithfulness: 0.5, f1: 0.9 } });
    const o = suiteOutcome(ragSummary([failed]));
    assert.equal(o.state, 'failed');
    assert.match(o.message ?? '', /^faithfulness 0\.5 < 0\.8\n0\/1 cases passed/);
    assert.equal(suiteOutcome({ ...ragSummary([]), status: 'cancelled' }).state, 'skipped');
    assert.equal(
      suiteOutcome({ ...ragSummary([]), status: 'error', notes: ['target unreachable'] }).message,
      'target unreachable\n0/0 cases passed',
    );
  });
});
