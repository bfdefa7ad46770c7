import { strict as assert } from 'node:assert';
import { caseLabel, caseOutcome, shownState, suiteOutcome, verdictMark, verdictState } from '../../../src/extension/testing/caseOutcome';
import type { TestState } from '../../../src/extension/testing/caseOutcome';
import { runStatus } from '../../../src/engine/model/caseOutcome';
import type { CaseStatus, SuiteStatus, SuiteSummary } from '../../../src/engine/model/runTypes';
import { makeCase, ragSummary } from '../report/fixtures';

const CASE_STATUSES: readonly CaseStatus[] = ['passed', 'failed', 'error', 'cancelled', 'inconclusive'];
const SUITE_STATUSES: readonly SuiteStatus[] = ['passed', 'failed', 'error', 'cancelled', 'unmeasured', 'inconclusive'];

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
    assert.equal(suiteOutcome({ ...ragSummary([]), status: 'cancelled' }).mark, 'cancelled');
    assert.equal(
      suiteOutcome({ ...ragSummary([]), status: 'error', notes: ['target unreachable'] }).message,
      'target unreachable\n0/0 cases passed',
    );
  });

  it('shows a case that failed inside a suite that passed as passed, its failure attached as output', () => {
    const ok = makeCase('rag_quality', 'rag_quality:q1', 'passed', { metrics: { faithfulness: 1, f1: 1 } });
    const miss = makeCase('rag_quality', 'rag_quality:q2', 'failed', { metrics: { faithfulness: 0.7, f1: 1 } });
    const passed = ragSummary([ok, ok, ok, miss]);
    assert.equal(passed.status, 'passed', 'mean faithfulness 0.925 meets 0.8');
    const o = caseOutcome(miss, passed);
    assert.equal(o.state, 'passed');
    assert.match(o.note ?? '', /^failed, within the thresholds rag_quality passed: faithfulness 0\.7 < 0\.8/);
    const failed = ragSummary([miss]);
    assert.equal(caseOutcome(miss, failed).state, 'failed', 'a case of a failed suite stays failed');
  });

  it('shows an errored case of a suite that did not error as skipped, and an unclassified reply as skipped, each with a note', () => {
    const broken = makeCase('rag_quality', 'rag_quality:q3', 'error');
    const ok = makeCase('rag_quality', 'rag_quality:q1', 'passed', { metrics: { faithfulness: 1, f1: 1 } });
    const o = caseOutcome(broken, ragSummary([ok, broken]));
    assert.equal(o.state, 'skipped');
    assert.match(o.note ?? '', /could not be evaluated, left out of rag_quality's metrics \(the suite passed\): timeout after 30000 ms/);
    const unclear = makeCase('red_team', 'red_team:1:direct', 'inconclusive', {
      error: 'inconclusive: the reply could not be classified (x)',
    });
    assert.deepEqual(caseOutcome(unclear, { ...ragSummary([]), suite: 'red_team' }), {
      state: 'skipped',
      note: 'inconclusive: the reply could not be classified (x)',
      durationMs: 120,
    });
  });

  it('names an inconclusive suite in its message and description; it does not show passed', () => {
    const s: SuiteSummary = {
      ...ragSummary([]),
      suite: 'safety',
      status: 'inconclusive',
      metrics: [
        { name: 'unclear_rate', value: 1, threshold: 0.2, direction: 'max', pass: false, reason: '3 of 3 replies could not be classified' },
      ],
    };
    const o = suiteOutcome(s);
    assert.equal(o.state, 'failed');
    assert.equal(o.mark, 'inconclusive');
    assert.match(o.message ?? '', /^inconclusive \(not passed\): 3 of 3 replies could not be classified \(unclear_rate 1\.00 > 0\.2\)/);
    assert.equal(suiteOutcome({ ...s, status: 'unmeasured' }).mark, 'unmeasured');
  });

  it('keeps every suite in the state of its verdict, whatever its cases (VS Code shows a parent in its highest child state)', () => {
    for (const status of SUITE_STATUSES) {
      const summary: SuiteSummary = { ...ragSummary([]), status };
      for (const a of CASE_STATUSES)
        for (const b of CASE_STATUSES) {
          const cases = [makeCase('rag_quality', 'rag_quality:a', a), makeCase('rag_quality', 'rag_quality:b', b)];
          const shown = shownState([suiteOutcome(summary).state, ...cases.map((c) => caseOutcome(c, summary).state)]);
          assert.equal(shown, verdictState(status), `${status} suite with ${a} and ${b} cases`);
        }
    }
  });

  it('shows the profile in the state of the run status, for every mix of suite verdicts a run writes', () => {
    const summary = (status: SuiteStatus): SuiteSummary => ({ ...ragSummary([]), status });
    // A cancelled suite shows skipped (the profile is marked cancelled instead): see the next test.
    const written = SUITE_STATUSES.filter((s) => s !== 'unmeasured' && s !== 'cancelled');
    for (const a of written)
      for (const b of written)
        for (const c of written) {
          const suites = [summary(a), summary(b), summary(c)];
          const shown: TestState | undefined = shownState(suites.map((s) => suiteOutcome(s).state));
          assert.equal(shown, verdictState(runStatus(suites)), `${a}, ${b}, ${c}`);
        }
    assert.equal(verdictState('passed'), 'passed');
    assert.notEqual(verdictState('inconclusive'), 'passed');
  });

  it('shows a suite the run did not finish as skipped, its cases too, and marks the profile cancelled', () => {
    const summary = (status: SuiteStatus): SuiteSummary => ({ ...ragSummary([]), status });
    const cut = summary('cancelled');
    const done = makeCase('rag_quality', 'rag_quality:q1', 'passed');
    const o = caseOutcome(done, cut);
    assert.equal(o.state, 'skipped');
    assert.match(o.note ?? '', /^passed; the run was cancelled before rag_quality's verdict/);
    assert.equal(suiteOutcome(cut).mark, 'cancelled');
    for (const other of ['passed', 'failed', 'error', 'inconclusive'] as const) {
      const suites = [summary(other), cut];
      assert.equal(runStatus(suites), 'cancelled');
      assert.equal(shownState(suites.map((s) => suiteOutcome(s).state)), verdictState(other), `${other} and a cancelled suite`);
    }
    assert.equal(verdictMark('cancelled'), 'cancelled');
  });

  it("reads an old report's unmeasured suite as its run did: skipped, not counted against the run's recorded status", () => {
    const summary = (status: SuiteStatus): SuiteSummary => ({ ...ragSummary([]), status });
    for (const other of ['passed', 'failed', 'error'] as const) {
      const suites = [summary(other), summary('unmeasured')];
      assert.equal(shownState(suites.map((s) => suiteOutcome(s).state)), verdictState(runStatus(suites)), other);
    }
    assert.equal(runStatus([summary('passed'), summary('unmeasured')]), 'passed');
    assert.equal(suiteOutcome(summary('unmeasured')).state, 'skipped');
  });
});
