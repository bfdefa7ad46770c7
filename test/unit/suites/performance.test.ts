import { listPlanned, summarizeCases } from '../../../src/engine/suites/suite';
import { strict as assert } from 'node:assert';
import type { TestServer } from './ragHelpers';
import { makeContext, memoryData, metricOf, qa, runWholeSuite, startServer } from './ragHelpers';
import { PERFORMANCE_FALLBACK_QUESTIONS, performanceSuite, planPerformance } from '../../../src/engine/suites/performance/performance';
import { AiqkTarget } from '../../../src/engine/targets/http/aiqkTarget';
import { OpenAiTarget } from '../../../src/engine/targets/http/openaiTarget';

const QASET = [qa('fast', 'Fast question?', 'yes'), qa('slow', 'Slow question?', 'yes'), qa('extra', 'Extra question?', 'yes')];
const DELAYS: Record<string, number> = { 'Fast question?': 2, 'Slow question?': 25 };

/** An /ask server with fixed small delays that says cold on a question's first call and warm after. */
async function perfServer(failFirst?: string): Promise<TestServer> {
  const seen = new Map<string, number>();
  return startServer((req) => {
    const question = (JSON.parse(req.body) as { query: string }).query;
    const n = (seen.get(question) ?? 0) + 1;
    seen.set(question, n);
    if (question === failFirst && n === 1) return { status: 503, json: { error: 'warming up' } };
    return {
      json: { answer: 'yes', context: [] },
      delayMs: DELAYS[question] ?? 1,
      headers: { 'X-Perf-Phase': n === 1 ? 'cold' : 'warm', 'X-Source': 'live', 'X-Latency-MS': String(DELAYS[question] ?? 1) },
    };
  });
}

describe('performance suite', () => {
  const servers: TestServer[] = [];
  const serve = async (s: Promise<TestServer>): Promise<TestServer> => {
    servers.push(await s);
    return servers[servers.length - 1];
  };
  after(async () => {
    for (const s of servers) await s.close();
  });

  it('plans perf_repeats rounds over the first qa_sample_size questions, first round cold', () => {
    const planned = listPlanned(planPerformance(QASET, 3, 2));
    assert.deepEqual(
      planned.map((p) => p.id),
      [
        'performance:r1:fast',
        'performance:r1:slow',
        'performance:r2:fast',
        'performance:r2:slow',
        'performance:r3:fast',
        'performance:r3:slow',
      ],
    );
    assert.deepEqual(
      planned.map((p) => p.payload.phase),
      ['cold', 'cold', 'warm', 'warm', 'warm', 'warm'],
    );
    assert.equal(planPerformance(QASET, 0, 1).length, 1);
    const lazy = planPerformance(QASET, 300_000, 2);
    assert.equal(lazy.length, 600_000, 'a plan of many repeats is made by position, not listed');
    assert.equal(lazy.at(599_999)?.id, 'performance:r300000:slow');
    assert.equal(lazy.at(600_000), undefined);
    assert.equal(lazy.at(-1), undefined);
  });

  it('times every call and reports ordered percentiles, cold vs warm, throughput and error rate', async () => {
    const server = await serve(perfServer());
    const ctx = makeContext({
      target: new AiqkTarget({ baseUrl: server.baseUrl, timeoutMs: 2000, retries: 2 }),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { perf_repeats: 3, qa_sample_size: 2 } },
    });
    const { cases, summary } = await runWholeSuite(performanceSuite, ctx);
    assert.equal(cases.length, 6);
    assert.ok(cases.every((c) => c.status === 'passed' && typeof c.metrics.latency_ms === 'number' && c.metrics.ttft_ms === null));
    assert.deepEqual(
      cases.map((c) => c.details?.server_phase),
      ['cold', 'cold', 'warm', 'warm', 'warm', 'warm'],
    );
    assert.deepEqual(
      cases.map((c) => c.details?.phase),
      ['cold', 'cold', 'warm', 'warm', 'warm', 'warm'],
    );
    assert.equal(cases[1].details?.server_latency_ms, 25);
    const v = (name: string): number => {
      const value = metricOf(summary, name).value;
      assert.equal(typeof value, 'number', name);
      return value as number;
    };
    assert.ok(v('p50_ms') <= v('p90_ms') && v('p90_ms') <= v('p95_ms') && v('p95_ms') <= v('p99_ms'));
    assert.ok(v('cold_p50_ms') > 0 && v('warm_p95_ms') > 0);
    assert.ok(v('throughput_rps') > 0);
    assert.equal(v('error_rate'), 0);
    assert.equal(metricOf(summary, 'p95_ms').threshold, 5000);
    assert.deepEqual(summary.details?.server_phases, { cold: 2, warm: 4 });
    assert.equal(summary.details?.calls, 6);
    const ttft = metricOf(summary, 'ttft_p95_ms');
    assert.equal(ttft.value, null);
    assert.equal(ttft.pass, null);
    assert.match(ttft.reason ?? '', /does not stream/);
    // An unmeasured ttft does not make a measured suite unmeasured.
    assert.equal(summary.status, 'passed');
  });

  it('never retries: a failed call is an error case and counts in error_rate', async () => {
    const server = await serve(perfServer('Slow question?'));
    const ctx = makeContext({
      target: new AiqkTarget({ baseUrl: server.baseUrl, timeoutMs: 2000, retries: 3 }),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { perf_repeats: 2, qa_sample_size: 2 } },
    });
    const { cases, summary } = await runWholeSuite(performanceSuite, ctx);
    assert.deepEqual(
      cases.map((c) => c.status),
      ['passed', 'error', 'passed', 'passed'],
    );
    assert.match(cases[1].error ?? '', /503/);
    // 4 cases, 4 requests: the 503 was not retried although the target allows 3 retries.
    assert.equal(server.requests.length, 4);
    assert.equal(metricOf(summary, 'error_rate').value, 0.25);
    assert.equal(metricOf(summary, 'error_rate').pass, false);
    assert.equal(summary.status, 'failed');
    assert.equal(summary.details?.successful, 3);
  });

  it('fails calls slower than p95_ms_max', async () => {
    const server = await serve(perfServer());
    const ctx = makeContext({
      target: new AiqkTarget({ baseUrl: server.baseUrl, timeoutMs: 2000, retries: 0 }),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { perf_repeats: 1, qa_sample_size: 2 }, thresholds: { p95_ms_max: 0 } },
    });
    const { cases, summary } = await runWholeSuite(performanceSuite, ctx);
    assert.ok(
      cases.every((c) => c.status === 'failed' && /^latency_ms .* > 0$/.test(c.error ?? '')),
      JSON.stringify(cases.map((c) => c.error)),
    );
    assert.equal(metricOf(summary, 'p95_ms').pass, false);
    assert.equal(summary.status, 'failed');
  });

  it('measures time to first token of a streaming target', async () => {
    const sse =
      ['Hel', 'lo'].map((t) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: t } }] })}\n\n`).join('') +
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
    const server = await serve(startServer(() => ({ headers: { 'content-type': 'text/event-stream' }, body: sse, delayMs: 3 })));
    const ctx = makeContext({
      target: new OpenAiTarget({ baseUrl: server.baseUrl, timeoutMs: 2000, retries: 0, model: 'm' }),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { perf_repeats: 2, qa_sample_size: 1 } },
    });
    const { cases, summary } = await runWholeSuite(performanceSuite, ctx);
    assert.equal(cases[0].output, 'Hello');
    assert.ok(cases.every((c) => typeof c.metrics.ttft_ms === 'number' && c.metrics.ttft_ms > 0));
    const ttft = metricOf(summary, 'ttft_p95_ms');
    assert.equal(typeof ttft.value, 'number');
    assert.equal(ttft.threshold, 2000);
    assert.equal(ttft.pass, true);
  });

  it('times built-in questions when there is no qaset', async () => {
    const ctx = makeContext({
      target: new AiqkTarget({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 100, retries: 0 }),
      data: memoryData({}),
      profile: { volumes: { perf_repeats: 2, qa_sample_size: 5 } },
    });
    const planned = listPlanned(await performanceSuite.plan(ctx));
    assert.equal(planned.length, 2 * PERFORMANCE_FALLBACK_QUESTIONS.length);
    assert.equal(planned[0].input, PERFORMANCE_FALLBACK_QUESTIONS[0].question);
  });

  it('is in error when every call fails', async () => {
    const down = await startServer(() => ({ json: {} }));
    const url = down.baseUrl;
    await down.close();
    const ctx = makeContext({
      target: new AiqkTarget({ baseUrl: url, timeoutMs: 500, retries: 0 }),
      data: memoryData({ qaset: QASET }),
      profile: { volumes: { perf_repeats: 1, qa_sample_size: 2 } },
    });
    const { summary } = await runWholeSuite(performanceSuite, ctx);
    assert.equal(summary.status, 'error');
    assert.equal(metricOf(summary, 'p95_ms').value, null);
    assert.equal(metricOf(summary, 'error_rate').value, 1);
  });

  it('summarises 300,000 calls (throughput over the first start and the last end)', () => {
    const n = 300_000;
    const cases = Array.from({ length: n }, (_, i) => ({
      suite: 'performance' as const,
      case_id: `performance:r${i + 1}:q`,
      input: 'q',
      expected: null,
      output: 'a',
      contexts: [],
      metrics: { latency_ms: 1, ttft_ms: null },
      status: 'passed' as const,
      pass: true,
      error: null,
      latency_ms: 1,
      timestamp: '',
      details: { round: i + 1, qid: 'q', phase: i === 0 ? 'cold' : 'warm', started_at_ms: 1000 + i, ended_at_ms: 1001 + i },
    }));
    const ctx = makeContext({
      target: new AiqkTarget({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 100, retries: 0 }),
      data: memoryData({}),
    });
    const summary = summarizeCases(performanceSuite, cases, ctx, undefined);
    assert.equal(summary.total, n);
    assert.equal(metricOf(summary, 'error_rate').value, 0);
    // 300,000 calls from t=1000 ms to t=301000 ms: 1,000 calls per second.
    assert.equal(Math.round(metricOf(summary, 'throughput_rps').value as number), 1000);
  });
});
