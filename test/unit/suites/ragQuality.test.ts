import { strict as assert } from 'node:assert';
import { useAskServers } from './askServers';
import type { AskRow } from './ragHelpers';
import { aiqkTarget, makeContext, memoryData, metricOf, qa, runWholeSuite, startAskServer } from './ragHelpers';
import { ragQualitySuite } from '../../../src/engine/suites/ragQuality/ragQuality';
import { prepareSuite, listPlanned } from '../../../src/engine/suites/suite';

const Q1 = 'What is the refund window for online orders?';
const Q2 = 'Which payment methods does the store accept?';
const Q3 = 'How long does standard shipping take?';
const QASET = [
  qa('q1', Q1, 'The refund window for online orders is 30 days.'),
  qa('q2', Q2, 'The store accepts credit cards and PayPal as payment methods.'),
  qa('q3', Q3, 'Standard shipping takes 3 to 5 business days.'),
];
const CONTEXTS: Record<string, string[]> = {
  [Q1]: ['Refund policy: the refund window for online orders is 30 days from delivery.'],
  [Q2]: ['Payment methods: the store accepts credit cards and PayPal.'],
  [Q3]: ['Shipping: standard shipping takes 3 to 5 business days.'],
};
const GOOD: Record<string, AskRow> = Object.fromEntries(
  QASET.map((q) => [q.question, { answer: q.expected_answer, context: CONTEXTS[q.question] }]),
);

describe('rag_quality suite', () => {
  const serve = useAskServers();

  it('passes a target that answers right from supporting contexts', async () => {
    const server = await serve(GOOD);
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 10 } },
    });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.deepEqual(
      cases.map((c) => [c.case_id, c.status]),
      [
        ['rag_quality:q1', 'passed'],
        ['rag_quality:q2', 'passed'],
        ['rag_quality:q3', 'passed'],
      ],
    );
    assert.equal(summary.status, 'passed');
    for (const name of ['exact_match', 'f1', 'rouge_l', 'context_recall', 'faithfulness'])
      assert.equal(metricOf(summary, name).value, 1, name);
    // q3 misses the question term "long": 3 of 4 terms.
    assert.equal(cases[2].metrics.answer_relevancy, 0.75);
    assert.equal(metricOf(summary, 'case_pass_rate').value, 1);
    assert.deepEqual(cases[0].contexts, CONTEXTS[Q1]);
    assert.equal(cases[0].details?.context_recall_mode, 'text');
    assert.deepEqual(JSON.parse(server.requests[0].body), { query: Q1 });
  });

  it('fails a target with wrong answers on the metrics that are below threshold', async () => {
    const bad = Object.fromEntries(QASET.map((q) => [q.question, { answer: 'I like turtles.', context: ['Turtles live long lives.'] }]));
    const server = await serve(bad);
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 10 } },
    });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.equal(summary.status, 'failed');
    for (const name of ['answer_recall', 'context_recall', 'answer_relevancy', 'case_pass_rate']) {
      assert.equal(metricOf(summary, name).pass, false, name);
      assert.equal(metricOf(summary, name).value, 0, name);
    }
    // f1 and rouge_l are informational by default (threshold 0): measured, never failing.
    assert.equal(metricOf(summary, 'f1').value, 0);
    assert.equal(metricOf(summary, 'f1').threshold, 0);
    // The nonsense is at least supported by its own context: faithfulness measures that, not correctness.
    assert.equal(metricOf(summary, 'faithfulness').value, 1);
    assert.equal(cases[0].status, 'failed');
    assert.match(cases[0].error ?? '', /answer_recall 0 < 0\.80/);
  });

  it('reports context_recall and faithfulness unmeasured when no contexts come back, without failing', async () => {
    const bare = Object.fromEntries(QASET.map((q) => [q.question, { answer: q.expected_answer }]));
    const server = await serve(bare);
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 10 } },
    });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.equal(cases[0].status, 'passed');
    assert.equal(cases[0].metrics.context_recall, null);
    assert.equal(cases[0].metrics.faithfulness, null);
    assert.deepEqual(cases[0].details?.unmeasured, {
      context_recall: 'the target returned no contexts',
      faithfulness: 'the target returned no context text',
    });
    const recall = metricOf(summary, 'context_recall');
    assert.equal(recall.value, null);
    assert.equal(recall.pass, null);
    assert.equal(recall.reason, 'the target returned no contexts');
    assert.equal(summary.status, 'passed');
    assert.ok(summary.notes.some((n) => n.includes('without contexts')));
  });

  it('does not say answers came without contexts when only the expected answer has no content terms', async () => {
    const Q = 'Is standard shipping free?';
    const server = await serve({ [Q]: { answer: 'No.', context: ['Shipping: standard shipping costs 5 euros.'] } });
    const ctx = makeContext({ target: aiqkTarget(server.baseUrl), data: memoryData({ qaset: [qa('q9', Q, 'No.')] }) });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.equal(cases[0].metrics.context_recall, null);
    assert.equal(metricOf(summary, 'context_recall').reason, 'the expected answer has no content terms');
    assert.ok(!summary.notes.some((n) => n.includes('without contexts')), summary.notes.join(' | '));
  });

  it('turns a failing target call into an error case and goes on', async () => {
    const server = await serve({ ...GOOD, [Q2]: { answer: '', status: 500 } });
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 10 } },
    });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.status),
      ['passed', 'error', 'passed'],
    );
    assert.match(cases[1].error ?? '', /^http_status: .*500/);
    assert.equal(cases[1].output, null);
    assert.equal(cases[1].metrics.f1, null);
    assert.equal(summary.errors, 1);
    // 2 of 3 cases pass: below case_pass_rate_min 0.8.
    assert.equal(metricOf(summary, 'case_pass_rate').value, 2 / 3);
    assert.equal(summary.status, 'failed');
    assert.equal(metricOf(summary, 'f1').value, 1);
  });

  it('is in error when the target cannot be reached at all', async () => {
    const server = await startAskServer(GOOD);
    const url = server.baseUrl;
    await server.close();
    const ctx = makeContext({ target: aiqkTarget(url), data: memoryData({ qaset: QASET }), profile: { volumes: { qa_sample_size: 10 } } });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.ok(
      cases.every((c) => c.status === 'error' && /^connection_refused/.test(c.error ?? '')),
      JSON.stringify(cases.map((c) => c.error)),
    );
    assert.equal(summary.status, 'error');
    assert.equal(metricOf(summary, 'f1').value, null);
  });

  it('applies the thresholds of the profile', async () => {
    // q1 answered partly: F1 = 2·1·(5/8)/(1 + 5/8) = 10/13.
    const server = await serve({ ...GOOD, [Q1]: { answer: 'The refund window is 30 days.', context: CONTEXTS[Q1] } });
    // It holds 5 of the 8 expected tokens: answer_recall 0.625, passing a lenient 0.5.
    const lenient = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 10 }, thresholds: { answer_recall_min: 0.5 } },
    });
    const first = await runWholeSuite(ragQualitySuite, lenient);
    assert.ok(Math.abs((first.cases[0].metrics.f1 ?? 0) - 10 / 13) < 1e-9);
    assert.equal(first.summary.status, 'passed');
    const strict = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 10 }, thresholds: { answer_recall_min: 0.5, f1_min: 0.95 } },
    });
    const second = await runWholeSuite(ragQualitySuite, strict);
    assert.equal(second.summary.status, 'failed');
    assert.equal(metricOf(second.summary, 'f1').threshold, 0.95);
    assert.equal(metricOf(second.summary, 'f1').pass, false);
    assert.equal(second.cases[0].status, 'failed');
    assert.match(second.cases[0].error ?? '', /^f1 0\.77 < 0\.95/);
  });

  it('samples the first qa_sample_size questions', async () => {
    const ctx = makeContext({
      target: aiqkTarget('http://127.0.0.1:1'),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 2 } },
    });
    const planned = listPlanned(await ragQualitySuite.plan(ctx, await prepareSuite(ragQualitySuite, ctx)));
    assert.deepEqual(
      planned.map((p) => p.id),
      ['rag_quality:q1', 'rag_quality:q2'],
    );
    assert.equal(planned[1].expected, QASET[1].expected_answer);
  });

  it('loads its passages once per run in prepare(), and afresh for the next run', async () => {
    const server = await serve(GOOD);
    const records = memoryData({ qaset: QASET, passages: [{ id: 'p1', text: 'Refund policy: 30 days.', line: 1 }] });
    let loads = 0;
    const data = { ...records, get: ((kind) => ((loads += kind === 'passages' ? 1 : 0), records.get(kind))) as typeof records.get };
    const ctx = makeContext({ target: aiqkTarget(server.baseUrl), data, profile: { volumes: { qa_sample_size: 3 } } });
    const first = await runWholeSuite(ragQualitySuite, ctx);
    assert.equal(first.cases.length, 3);
    assert.equal(loads, 1, 'three cases, one load');
    await runWholeSuite(ragQualitySuite, ctx);
    assert.equal(loads, 2, 'a new run does not reuse the last run state');
  });

  it("marks a call stopped by the cancel as cancelled, not as the target's error", async () => {
    const server = await serve(GOOD);
    const ac = new AbortController();
    ac.abort();
    const ctx = makeContext({ target: aiqkTarget(server.baseUrl), data: memoryData({ qaset: QASET }), signal: ac.signal });
    const state = await prepareSuite(ragQualitySuite, ctx);
    const [first] = listPlanned(await ragQualitySuite.plan(ctx, state));
    const result = await ragQualitySuite.runCase(first, ctx, state);
    assert.equal(result.status, 'cancelled');
  });
});
