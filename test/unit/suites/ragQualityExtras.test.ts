import { strict as assert } from 'node:assert';
import type { TestServer } from './ragHelpers';
import { aiqkTarget, makeContext, memoryData, metricOf, qa, runWholeSuite, schemaRecord, startAskServer } from './ragHelpers';
import { startJudgeServer } from '../judge/judgeServer';
import { ragQualitySuite } from '../../../src/engine/suites/ragQuality/ragQuality';
import { BuiltinTarget } from '../../../src/engine/targets/builtin/builtinTarget';
import type { JudgeVerdict } from '../../../src/engine/judge/judgeTasks';

const Q1 = 'What is the refund window for online orders?';
const Q2 = 'Which payment methods does the store accept?';
const Q3 = 'How long does standard shipping take?';
const QASET = [
  qa('q1', Q1, 'The refund window for online orders is 30 days.', ['p-refund']),
  qa('q2', Q2, 'The store accepts credit cards and PayPal as payment methods.', ['p-payment']),
  qa('q3', Q3, 'Standard shipping takes 3 to 5 business days.', ['p-returns']),
];
const PASSAGES = [
  { id: 'p-refund', text: 'Refund policy: the refund window for online orders is 30 days from delivery.', line: 1 },
  { id: 'p-payment', text: 'Payment methods: the store accepts credit cards and PayPal.', line: 2 },
  { id: 'p-shipping', text: 'Shipping: standard shipping takes 3 to 5 business days.', line: 3 },
  { id: 'p-returns', text: 'Returns: items must be unused and in their original packaging.', line: 4 },
];
const SCHEMA = schemaRecord({ type: 'object', required: ['answer'], properties: { answer: { type: 'string' } } });

describe('rag_quality suite: ids, schema and judge', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.close();
  });

  it('scores context recall by passage id when the qaset names passages and the target returns ids', async () => {
    const ctx = makeContext({
      target: new BuiltinTarget(PASSAGES, { topK: 1 }),
      data: memoryData({ qaset: QASET, passages: PASSAGES }),
      profile: { volumes: { qa_sample_size: 10 } },
    });
    const { cases } = await runWholeSuite(ragQualitySuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.details?.context_recall_mode),
      ['ids', 'ids', 'ids'],
    );
    assert.deepEqual(
      cases.map((c) => c.details?.context_ids),
      [['p-refund'], ['p-payment'], ['p-shipping']],
    );
    // q3 names p-returns, which the target did not retrieve.
    assert.deepEqual(
      cases.map((c) => c.metrics.context_recall),
      [1, 1, 0],
    );
    assert.equal(cases[2].status, 'failed');
    assert.match(cases[2].error ?? '', /context_recall 0 < 0\.80/);
  });

  it('checks JSON answers against data.schema when the profile gives one', async () => {
    const server = await startAskServer({
      [Q1]: { answer: '{"answer": "The refund window for online orders is 30 days."}', context: [PASSAGES[0].text] },
      [Q2]: { answer: '{"answer": 42}', context: [PASSAGES[1].text] },
      [Q3]: { answer: 'Standard shipping takes 3 to 5 business days.', context: [PASSAGES[2].text] },
    });
    servers.push(server);
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET, schema: [SCHEMA] }),
      profile: { volumes: { qa_sample_size: 10 } },
    });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.metrics.schema_valid),
      [1, 0, 0],
    );
    assert.deepEqual(cases[1].details?.schema_errors, {
      reason: 'the answer does not match the schema',
      errors: ['/answer must be string'],
    });
    assert.equal((cases[2].details?.schema_errors as { reason: string }).reason, 'the answer is not JSON');
    const valid = metricOf(summary, 'schema_valid');
    assert.equal(valid.value, 1 / 3);
    assert.equal(valid.threshold, 1);
    assert.equal(valid.pass, false);
    assert.equal(summary.status, 'failed');
  });

  it('reports no schema_valid metric without a schema of the profile', async () => {
    const server = await startAskServer({ [Q1]: { answer: 'The refund window for online orders is 30 days.' } });
    servers.push(server);
    // A schema that only comes from the defaults does not make answers JSON.
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET.slice(0, 1), schema: [SCHEMA] }, ['qaset']),
    });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.equal('schema_valid' in cases[0].metrics, false);
    assert.equal(
      summary.metrics.some((m) => m.name === 'schema_valid'),
      false,
    );
  });

  it('grades with the LLM judge: good, bad and unparseable verdicts', async () => {
    const server = await startAskServer({
      [Q1]: { answer: 'The refund window for online orders is 30 days.', context: [PASSAGES[0].text] },
      [Q2]: { answer: 'The store accepts credit cards and PayPal as payment methods.', context: [PASSAGES[1].text] },
      [Q3]: { answer: 'Standard shipping takes 3 to 5 business days.' },
    });
    const judge = await startJudgeServer((req) => {
      const prompt = req.messages[1].content;
      if (prompt.startsWith('Criterion: faithfulness')) return '{"score": 1, "reason": "supported"}';
      if (prompt.includes('30 days.>>>')) return '{"score": 0.95, "reason": "same window"}';
      if (prompt.includes('PayPal as payment methods.>>>')) return '{"score": 0.2, "reason": "grader disagrees"}';
      return 'looks fine to me';
    });
    servers.push(server, judge);
    const ctx = makeContext({
      target: aiqkTarget(server.baseUrl),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { qa_sample_size: 10 }, judge: { base_url: judge.baseUrl, model: 'grader', api_key_env: 'AIQK_JUDGE_KEY' } },
      secrets: async (name) => (name === 'AIQK_JUDGE_KEY' ? 'judge-secret' : undefined),
    });
    const { cases, summary } = await runWholeSuite(ragQualitySuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.metrics.judge_correctness),
      [0.95, 0.2, null],
    );
    assert.deepEqual(
      cases.map((c) => c.metrics.judge_faithfulness),
      [1, 1, null],
    );
    assert.deepEqual(
      cases.map((c) => c.status),
      ['passed', 'failed', 'passed'],
    );
    assert.match(cases[1].error ?? '', /judge_correctness 0\.20 < 0\.70/);
    const verdicts = cases[2].details?.judge as { correctness: JudgeVerdict; faithfulness: JudgeVerdict };
    assert.equal(verdicts.correctness.raw, 'looks fine to me');
    assert.match(verdicts.correctness.reason, /unparseable/);
    assert.equal(verdicts.faithfulness.reason, 'the target returned no context text');
    assert.match(String((cases[2].details?.unmeasured as Record<string, string>).judge_correctness), /unparseable/);
    // Only q3 had no contexts: the judge was asked 2 faithfulness + 3 correctness questions.
    assert.equal(judge.requests.length, 5);
    assert.ok(judge.requests.every((r) => r.headers.authorization === 'Bearer judge-secret'));
    const correctness = metricOf(summary, 'judge_correctness');
    assert.ok(Math.abs((correctness.value ?? 0) - 0.575) < 1e-9);
    assert.equal(correctness.pass, false);
    assert.equal(summary.status, 'failed');
  });
});
