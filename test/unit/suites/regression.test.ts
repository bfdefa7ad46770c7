import { strict as assert } from 'node:assert';
import { useAskServers } from './askServers';
import type { AskRow } from './ragHelpers';
import { aiqkTarget, makeContext, memoryData, metricOf, qa, runWholeSuite } from './ragHelpers';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import { regressionSuite } from '../../../src/engine/suites/regression/regression';
import { FIRST_RUN_NOTE } from '../../../src/engine/suites/regression/regressionSummary';
import { ragQualitySuite } from '../../../src/engine/suites/ragQuality/ragQuality';

const QASET = [
  qa('q1', 'What is the refund window for online orders?', 'The refund window for online orders is 30 days.'),
  qa('q2', 'Which payment methods does the store accept?', 'The store accepts credit cards and PayPal as payment methods.'),
  qa('q3', 'How long does standard shipping take?', 'Standard shipping takes 3 to 5 business days.'),
];
const GOOD: Record<string, AskRow> = Object.fromEntries(QASET.map((q) => [q.question, { answer: q.expected_answer, context: ['ctx'] }]));
const PROFILE = { volumes: { qa_sample_size: 10 } };

describe('regression suite', () => {
  const serve = useAskServers();
  const baselineOf = (cases: CaseResult[]): { runId: string; file: string; cases: CaseResult[] } => ({
    runId: 'run_20251231-000000_00000001',
    file: 'baseline.json',
    cases,
  });

  it('passes a first run without a baseline, with the note and unmeasured comparisons', async () => {
    const server = await serve(GOOD);
    const ctx = makeContext({ target: aiqkTarget(server.baseUrl), data: memoryData({ qaset: QASET }), profile: PROFILE });
    const { cases, summary } = await runWholeSuite(regressionSuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.case_id),
      ['regression:q1', 'regression:q2', 'regression:q3'],
    );
    assert.ok(cases.every((c) => c.status === 'passed' && c.metrics.similarity === null && c.metrics.f1 === 1));
    assert.equal(cases[0].details?.note, FIRST_RUN_NOTE);
    assert.equal(summary.status, 'passed');
    assert.ok(summary.notes.includes(FIRST_RUN_NOTE));
    const similarity = metricOf(summary, 'similarity');
    assert.equal(similarity.value, null);
    assert.equal(similarity.pass, null);
    assert.match(similarity.reason ?? '', /no baseline to compare with: no earlier run of this profile passed/);
    assert.deepEqual(summary.details?.regressed, []);
  });

  it('passes when the answers are those of the baseline', async () => {
    const server = await serve(GOOD);
    const first = await runWholeSuite(
      regressionSuite,
      makeContext({ target: aiqkTarget(server.baseUrl), data: memoryData({ qaset: QASET }), profile: PROFILE }),
    );
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: PROFILE,
      baseline: baselineOf(first.cases),
    });
    const { cases, summary } = await runWholeSuite(regressionSuite, ctx);
    assert.ok(cases.every((c) => c.status === 'passed' && c.metrics.similarity === 1 && c.metrics.delta_f1 === 0));
    assert.equal(metricOf(summary, 'similarity').value, 1);
    assert.equal(metricOf(summary, 'regressed_ratio').value, 0);
    assert.equal(metricOf(summary, 'max_regression_delta').value, 0);
    assert.equal(summary.status, 'passed');
    assert.equal(summary.details?.compared, 3);
    assert.deepEqual(summary.details?.baseline, { run_id: 'run_20251231-000000_00000001', file: 'baseline.json' });
  });

  it('fails on a regressed answer and lists it', async () => {
    const before = await serve(GOOD);
    const first = await runWholeSuite(
      regressionSuite,
      makeContext({ target: aiqkTarget(before.baseUrl), data: memoryData({ qaset: QASET }), profile: PROFILE }),
    );
    const after_ = await serve({ ...GOOD, [QASET[0].question]: { answer: 'I am not sure, please contact support.' } });
    const ctx = makeContext({
      target: aiqkTarget(after_.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: PROFILE,
      baseline: baselineOf(first.cases),
    });
    const { cases, summary } = await runWholeSuite(regressionSuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.status),
      ['failed', 'passed', 'passed'],
    );
    assert.match(
      cases[0].error ?? '',
      /^regressed: answer changed \(similarity 0\.00 < 0\.6\) and f1 dropped 1\.00 → 0\.00; f1 1\.00 → 0\.00: a drop of 1\.00/,
    );
    assert.equal(cases[0].metrics.delta_f1, -1);
    assert.equal((cases[0].details?.baseline as { answer: string }).answer, QASET[0].expected_answer);
    assert.deepEqual(summary.details?.regressed, ['regression:q1']);
    assert.equal(metricOf(summary, 'regressed_ratio').value, 1 / 3);
    assert.equal(metricOf(summary, 'regressed_ratio').pass, false);
    assert.equal(metricOf(summary, 'max_regression_delta').value, 1);
    assert.equal(summary.status, 'failed');
  });

  it("compares with the baseline's rag_quality answers when it has no regression cases", async () => {
    const server = await serve(GOOD);
    const rag = await runWholeSuite(
      ragQualitySuite,
      makeContext({ target: aiqkTarget(server.baseUrl), data: memoryData({ qaset: QASET }), profile: PROFILE }),
    );
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: PROFILE,
      baseline: baselineOf(rag.cases),
    });
    const { cases, summary } = await runWholeSuite(regressionSuite, ctx);
    assert.equal((cases[0].details?.baseline as { case_id: string }).case_id, 'rag_quality:q1');
    assert.equal(summary.status, 'passed');
    assert.equal(summary.details?.compared, 3);
  });

  it('counts a question that lost its answer as regressed, and leaves new questions uncompared', async () => {
    const before = await serve(GOOD);
    const first = await runWholeSuite(
      regressionSuite,
      makeContext({ target: aiqkTarget(before.baseUrl), data: memoryData({ qaset: QASET.slice(0, 2) }), profile: PROFILE }),
    );
    const after_ = await serve({ ...GOOD, [QASET[1].question]: { answer: '', status: 500 } });
    const ctx = makeContext({
      target: aiqkTarget(after_.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: PROFILE,
      baseline: baselineOf(first.cases),
    });
    const { cases, summary } = await runWholeSuite(regressionSuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.status),
      ['passed', 'error', 'passed'],
    );
    assert.match(String(cases[2].details?.note), /not in the baseline/);
    assert.equal(cases[2].metrics.similarity, null);
    assert.deepEqual(summary.details?.regressed, ['regression:q2']);
    assert.equal(metricOf(summary, 'regressed_ratio').value, 0.5);
    assert.equal(summary.status, 'failed');
    assert.ok(summary.notes.some((n) => n.includes('got no answer now')));
  });

  it('passes, as a new baseline, when no question is in the baseline', async () => {
    const server = await serve(GOOD);
    const other = [{ ...QASET[0], qid: 'old-1' }];
    const first = await runWholeSuite(
      regressionSuite,
      makeContext({ target: aiqkTarget(server.baseUrl), data: memoryData({ qaset: other }), profile: PROFILE }),
    );
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: PROFILE,
      baseline: baselineOf(first.cases),
    });
    const { summary } = await runWholeSuite(regressionSuite, ctx);
    assert.equal(summary.status, 'passed');
    assert.ok(summary.notes.some((n) => n.includes('this run is the new baseline')));
  });
});
