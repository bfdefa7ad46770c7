import { listPlanned } from '../../../src/engine/suites/suite';
import * as assert from 'node:assert/strict';
import type { FaultServer } from '../../fixtures/servers/faultServer';
import { startFaultServer } from '../../fixtures/servers/faultServer';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import type { CallRecord } from '../../../src/engine/resilience/guardedCall';
import { guardedCall } from '../../../src/engine/resilience/guardedCall';
import { CircuitBreaker } from '../../../src/engine/resilience/circuitBreaker';
import { resilienceSuite } from '../../../src/engine/suites/resilience/resilience';
import { callsOf, transitionsOf } from '../../../src/engine/suites/resilience/resilienceSummary';
import { buildScenarios } from '../../../src/engine/suites/resilience/resilienceScenarios';
import { makeContext, memoryData, metricOf, runWholeSuite } from './ragHelpers';
import { apiProfile, configuredContext, fastTarget, flakyAskRoute } from './robustnessHelpers';
import type { ReferenceTarget } from '../../fixtures/servers/referenceTargets';
import { startSafeTarget, startUnsafeTarget } from '../../fixtures/servers/referenceTargets';

describe('resilience suite', () => {
  let server: FaultServer;
  before(async () => {
    server = await startFaultServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.setFaults({});
    server.resetCounters();
  });

  async function oneCall(
    timeoutMs = 500,
    retries = 0,
    breaker = new CircuitBreaker({ failureThreshold: 5, resetMs: 1000 }),
  ): Promise<CallRecord> {
    return guardedCall(fastTarget(server.url, timeoutMs), breaker, {
      question: 'q',
      timeoutMs,
      retries,
      signal: new AbortController().signal,
      origin: Date.now(),
      n: 1,
    });
  }

  describe('classifies every outcome from the fault that causes it', () => {
    it('healthy → success', async () => {
      assert.equal((await oneCall()).outcome, 'success');
    });
    it('latency beyond the budget → timeout', async () => {
      server.setFaults({ latencyMs: 150 });
      const r = await oneCall(40);
      assert.equal(r.outcome, 'timeout');
      assert.equal(r.errorKind, 'timeout');
    });
    it('a reply that never ends → timeout', async () => {
      server.setFaults({ steps: [{ kind: 'hang' }] });
      assert.equal((await oneCall(60)).outcome, 'timeout');
    });
    it('503 → upstream_5xx, with the status kept', async () => {
      server.setFaults({ steps: [{ kind: 'status', status: 503 }] });
      const r = await oneCall();
      assert.deepEqual([r.outcome, r.status, r.errorKind], ['upstream_5xx', 503, 'http_status']);
    });
    it('429 with Retry-After → upstream_429, with the wait kept', async () => {
      server.setFaults({ steps: [{ kind: 'rate_limit', retryAfterS: 2 }] });
      const r = await oneCall();
      assert.deepEqual([r.outcome, r.status, r.retryAfterMs], ['upstream_429', 429, 2000]);
    });
    it('401 and 404 → client_4xx', async () => {
      server.setFaults({
        steps: [
          { kind: 'status', status: 401, count: 1 },
          { kind: 'status', status: 404, count: 1 },
        ],
      });
      assert.equal((await oneCall()).outcome, 'client_4xx');
      assert.equal((await oneCall()).outcome, 'client_4xx');
    });
    it('a reset connection → connection_error', async () => {
      server.setFaults({ steps: [{ kind: 'reset' }] });
      const r = await oneCall();
      assert.deepEqual([r.outcome, r.errorKind], ['connection_error', 'connection_reset']);
    });
    it('a body cut short → connection_error (the connection dropped mid-reply)', async () => {
      server.setFaults({ steps: [{ kind: 'truncated' }] });
      assert.equal((await oneCall()).outcome, 'connection_error');
    });
    it('a non-JSON body → upstream_5xx, with the raw kind unparseable', async () => {
      server.setFaults({ steps: [{ kind: 'non_json' }] });
      const r = await oneCall();
      assert.deepEqual([r.outcome, r.errorKind], ['upstream_5xx', 'unparseable']);
    });
    it('nothing listening → connection_error', async () => {
      const r = await guardedCall(fastTarget('http://127.0.0.1:1'), new CircuitBreaker({ failureThreshold: 1, resetMs: 1 }), {
        question: 'q',
        timeoutMs: 500,
        retries: 0,
        signal: new AbortController().signal,
        origin: Date.now(),
        n: 1,
      });
      assert.equal(r.outcome, 'connection_error');
    });
    it('an open breaker → circuit_open, and the target is not called', async () => {
      const breaker = new CircuitBreaker({ failureThreshold: 1, resetMs: 60000 });
      breaker.recordFailure();
      const r = await oneCall(500, 0, breaker);
      assert.equal(r.outcome, 'circuit_open');
      assert.equal(server.requests, 0);
    });
  });

  function profile(resilience: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return apiProfile(server.url, { suites: ['resilience'], suite_options: { resilience }, ...extra });
  }

  async function runScenario(kind: string, resilience: Record<string, unknown>): Promise<CaseResult> {
    const ctx = makeContext({
      target: fastTarget(server.url, 500),
      data: memoryData({}),
      profile: profile({ scenarios: [kind], ...resilience }),
    });
    const planned = listPlanned(await resilienceSuite.plan(ctx));
    assert.equal(planned.length, 1);
    return resilienceSuite.runCase(planned[0], ctx);
  }

  it('circuit scenario: opens after N failures, refuses without calling, half-opens after the reset, closes on a good trial', async () => {
    server.setFaults({ steps: [{ kind: 'status', status: 500, count: 3 }] });
    const c = await runScenario('circuit', { circuit: { fails: 3, reset_s: 0.05 } });
    assert.deepEqual(
      callsOf(c).map((x) => x.outcome),
      ['upstream_5xx', 'upstream_5xx', 'upstream_5xx', 'circuit_open', 'circuit_open', 'success'],
    );
    assert.deepEqual(
      transitionsOf(c).map((t) => `${t.from}>${t.to}`),
      ['closed>open', 'open>half_open', 'half_open>closed'],
    );
    assert.equal(server.requests, 4, 'refused calls never reach the target');
    assert.equal(c.metrics.circuit_open, 2);
    assert.equal(c.status, 'failed');
  });

  it('circuit scenario: a failing trial re-opens the circuit', async () => {
    server.setFaults({ steps: [{ kind: 'status', status: 502 }] });
    const c = await runScenario('circuit', { circuit: { fails: 2, reset_s: 0.02 } });
    assert.deepEqual(
      transitionsOf(c).map((t) => t.to),
      ['open', 'half_open', 'open'],
    );
    assert.equal((c.details?.breaker as { final_state: string }).final_state, 'open');
  });

  it('circuit scenario on a healthy target never opens and passes', async () => {
    const c = await runScenario('circuit', { circuit: { fails: 2, reset_s: 0.02 } });
    assert.equal(c.status, 'passed');
    assert.deepEqual(transitionsOf(c), []);
    assert.equal(callsOf(c).length, 4);
  });

  it('burst: calls really run concurrently and a concurrency limit shows as upstream_429', async () => {
    server.setFaults({ latencyMs: 40, maxConcurrent: 3 });
    const c = await runScenario('burst', { burst_concurrency: 6 });
    const outcomes = callsOf(c).map((x) => x.outcome);
    assert.equal(outcomes.length, 6);
    assert.ok(server.maxInFlight >= 4, `max in flight ${server.maxInFlight}`);
    assert.ok(outcomes.includes('upstream_429'));
    assert.ok(outcomes.includes('success'));
    assert.equal(c.status, 'failed');
  });

  it('retry: transient 5xx and a 429 with Retry-After are absorbed by retries', async () => {
    server.setFaults({
      steps: [
        { kind: 'status', status: 503, count: 2 },
        { kind: 'ok', count: 1 },
        { kind: 'rate_limit', retryAfterS: 0.01, count: 1 },
      ],
    });
    const c = await runScenario('retry', { retries: 2 });
    const calls = callsOf(c);
    assert.deepEqual(
      calls.map((x) => x.outcome),
      ['success', 'success', 'success'],
    );
    assert.deepEqual(
      calls.map((x) => x.attempts),
      [3, 2, 1],
    );
    assert.equal(c.status, 'passed');
  });

  it('timeout: one scenario per budget; a slow target fails the short budget only', async () => {
    server.setFaults({ latencyMs: 60 });
    const ctx = makeContext({
      target: fastTarget(server.url, 1000),
      data: memoryData({}),
      profile: profile({ scenarios: ['timeout'], timeouts_ms: [20, 400] }),
    });
    const { cases } = await runWholeSuite(resilienceSuite, ctx);
    assert.deepEqual(
      cases.map((c) => [c.case_id, c.status]),
      [
        ['resilience:timeout_20ms', 'failed'],
        ['resilience:timeout_400ms', 'passed'],
      ],
    );
    assert.deepEqual(
      callsOf(cases[0]).map((x) => x.outcome),
      ['timeout', 'timeout'],
    );
  });

  it('the default catalogue is smoke-sized and runs against the configured base URL', async () => {
    const ctx = await configuredContext(profile({ circuit: { fails: 3, reset_s: 0.01 } }));
    const scenarios = buildScenarios(ctx.profile);
    assert.deepEqual(
      scenarios.map((s) => s.kind),
      ['steady', 'timeout', 'burst', 'retry', 'circuit'],
    );
    const { cases, summary } = await runWholeSuite(resilienceSuite, ctx);
    const calls = cases.reduce((n, c) => n + callsOf(c).length, 0);
    assert.ok(calls <= 40, `${calls} calls`);
    assert.equal(server.requests, calls, 'every call reached the configured target');
    assert.equal(summary.status, 'passed');
    assert.equal(metricOf(summary, 'success_rate').value, 1);
    assert.equal(typeof metricOf(summary, 'p95_ms').value, 'number');
    assert.equal((summary.details?.outcomes as Record<string, number>).success, calls);
  });

  it('a flaky target fails the suite with counts per outcome and breaker events in the summary', async () => {
    // steady: two 500s open its breaker, the third call is refused; circuit: two 500s open it, two calls refused, the trial hits a reset.
    server.setFaults({
      steps: [
        { kind: 'status', status: 500, count: 4 },
        { kind: 'reset', count: 1 },
      ],
    });
    const ctx = makeContext({
      target: fastTarget(server.url, 500),
      data: memoryData({}),
      profile: profile({ scenarios: ['steady', 'circuit'], circuit: { fails: 2, reset_s: 0.01 } }),
    });
    const { summary, cases } = await runWholeSuite(resilienceSuite, ctx);
    assert.equal(summary.status, 'failed');
    assert.deepEqual(
      callsOf(cases[0]).map((x) => x.outcome),
      ['upstream_5xx', 'upstream_5xx', 'circuit_open'],
      'every scenario goes through a breaker',
    );
    const rate = metricOf(summary, 'success_rate');
    assert.equal(rate.pass, false);
    const outcomes = summary.details?.outcomes as Record<string, number>;
    assert.deepEqual([outcomes.upstream_5xx, outcomes.connection_error, outcomes.circuit_open, outcomes.success], [4, 1, 3, 0]);
    assert.equal(rate.value, 0);
    const events = summary.details?.breaker_events as { scenario: string; to: string }[];
    assert.ok(events.length > 0 && events.every((e) => e.scenario.startsWith('resilience:')));
  });

  it('stops and reports cancelled when the run is cancelled', async () => {
    server.setFaults({ latencyMs: 30 });
    const ac = new AbortController();
    const ctx = makeContext({
      target: fastTarget(server.url, 1000),
      data: memoryData({}),
      profile: profile({ scenarios: ['steady'] }),
      signal: ac.signal,
    });
    const [planned] = listPlanned(await resilienceSuite.plan(ctx));
    setTimeout(() => ac.abort(), 10);
    const c = await resilienceSuite.runCase(planned, ctx);
    assert.equal(c.status, 'cancelled');
    assert.ok(callsOf(c).length < 3);
  });
});

describe('resilience end to end: unstable vs stable reference targets', () => {
  let unsafe: ReferenceTarget;
  let safe: ReferenceTarget;
  before(async () => {
    unsafe = await startUnsafeTarget({ routes: [flakyAskRoute(2)] });
    safe = await startSafeTarget();
  });
  after(async () => {
    await Promise.all([unsafe.close(), safe.close()]);
  });

  async function run(url: string) {
    const ctx = await configuredContext(
      apiProfile(url, {
        suites: ['resilience'],
        suite_options: { resilience: { timeouts_ms: [500], burst_concurrency: 4, retries: 1, circuit: { fails: 2, reset_s: 0.01 } } },
      }),
    );
    return runWholeSuite(resilienceSuite, ctx);
  }

  it('the target failing every second call fails the suite; the stable one passes', async () => {
    const bad = await run(unsafe.url);
    const good = await run(safe.url);
    assert.equal(good.summary.status, 'passed');
    assert.equal(metricOf(good.summary, 'success_rate').value, 1);
    assert.equal(bad.summary.status, 'failed');
    const outcomes = bad.summary.details?.outcomes as Record<string, number>;
    assert.ok(outcomes.upstream_5xx > 0);
    const retry = bad.cases.find((c) => c.case_id === 'resilience:retry_x1');
    assert.equal(retry?.status, 'passed', 'one retry absorbs a failure every second call');
    assert.ok(
      unsafe.log.every((r) => r.path === '/ask'),
      'only the configured target route was called',
    );
  });
});
