import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { validateReport } from '../../../src/engine/report/jsonReport';
import { startRun } from '../../../src/engine/run/startRun';
import type { RunEvent } from '../../../src/engine/model/runTypes';
import { performanceSuite } from '../../../src/engine/suites/performance/performance';
import type { SuiteDefinition } from '../../../src/engine/suites/suite';
import { apiProfile, makeWorkspace } from './runFixtures';
import { useFaultServerAndWorkspace } from './runTestSetup';

describe('startRun', () => {
  const setup = useFaultServerAndWorkspace(6, { resetServer: true });

  it('runs a whole profile: events in order, counts, a valid report', async () => {
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 3, perf_repeats: 2, concurrency: 4 } }),
    );
    const handle = startRun(profile);
    const events: RunEvent[] = [];
    handle.events.onEvent((e) => {
      events.push(e);
    });
    const result = await handle.result;
    assert.equal(result.run.status, 'passed', JSON.stringify(result.logs));
    assert.equal(result.summary.overall.total, 6);
    assert.equal(result.summary.overall.passed, 6);
    assert.equal(result.summary.suites.performance?.status, 'passed');
    assert.equal(setup.server.requests, 6);
    assert.deepEqual(validateReport(result), { valid: true, errors: [] });
    assert.deepEqual(
      events
        .map((e) => e.type)
        .filter((t) => t !== 'log')
        .filter((t, i, a) => a.indexOf(t) === i),
      ['run-started', 'suite-started', 'case-started', 'case-finished', 'suite-finished', 'run-finished'],
    );
    const started = events.find((e) => e.type === 'run-started');
    assert.equal(started?.type === 'run-started' && started.total, 6);
    const done = events.flatMap((e) => (e.type === 'case-finished' ? [e.done] : []));
    assert.deepEqual(done, [1, 2, 3, 4, 5, 6]);
  });

  it('cancel keeps the finished cases, invents none, marks suite and run cancelled, and audits it', async () => {
    setup.server.setFaults({ latencyMs: 150 });
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 6, perf_repeats: 5, concurrency: 1 } }),
    );
    const auditFile = path.join(setup.ws.dir, '.aiqk', 'audit.jsonl');
    const handle = startRun(profile, { auditFile });
    handle.events.onEvent((e) => {
      if (e.type === 'case-finished' && e.done === 2) handle.cancel('test says stop');
    });
    const result = await handle.result;
    assert.equal(result.run.status, 'cancelled');
    assert.equal(result.cases.length, 2);
    assert.ok(result.cases.every((c) => c.status === 'passed'));
    assert.ok(setup.server.requests <= 3, `requests after cancel: ${setup.server.requests}`);
    assert.equal(result.summary.suites.performance?.status, 'cancelled');
    assert.equal(result.summary.overall.total, 2);
    assert.deepEqual(validateReport(result), { valid: true, errors: [] });
    const audit = (await readFile(auditFile, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const mine = audit.filter((a) => a.run_id === handle.runId);
    assert.deepEqual(
      mine.map((a) => a.event),
      ['run_started', 'run_cancelled'],
    );
    assert.equal(mine[1]?.reason, 'test says stop');
    assert.deepEqual(mine[1]?.counts, { total: 2, passed: 2, failed: 0, errors: 0 });
    assert.equal(typeof mine[1]?.duration_ms, 'number');
  });

  it('an external AbortSignal cancels the run', async () => {
    setup.server.setFaults({ latencyMs: 100 });
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 6, perf_repeats: 5, concurrency: 1 } }),
    );
    const ac = new AbortController();
    const handle = startRun(profile, { signal: ac.signal });
    handle.events.onEvent((e) => {
      if (e.type === 'case-finished') ac.abort(new Error('window closed'));
    });
    const result = await handle.result;
    assert.equal(result.run.status, 'cancelled');
    assert.equal(result.cases.length, 1);
    assert.ok(result.logs.some((l) => l.message.includes('window closed')));
  });

  it('turns a case that throws into an error case and goes on', async () => {
    const throwing: SuiteDefinition = {
      ...(performanceSuite as SuiteDefinition),
      async runCase(planned, ctx) {
        if (planned.id.endsWith(':q2')) throw new Error('boom in the suite');
        return performanceSuite.runCase(planned as never, ctx);
      },
    };
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 4, perf_repeats: 1, concurrency: 2 } }),
    );
    const result = await startRun(profile, { definitions: { performance: throwing } }).result;
    assert.equal(result.cases.length, 4);
    const bad = result.cases.find((c) => c.case_id.endsWith(':q2'));
    assert.equal(bad?.status, 'error');
    assert.match(bad?.error ?? '', /boom in the suite/);
    assert.equal(result.cases.filter((c) => c.status === 'passed').length, 3);
    assert.equal(result.summary.overall.errors, 1);
    assert.equal(setup.server.requests, 3);
  });

  it('bounds concurrency by volumes.concurrency, and uses it', async () => {
    setup.server.setFaults({ latencyMs: 40 });
    const wide = await makeWorkspace(12);
    try {
      const profile = await wide.profile(
        apiProfile(setup.server.url, ['rag_quality'], { volumes: { qa_sample_size: 12, concurrency: 3 } }),
      );
      const result = await startRun(profile).result;
      assert.equal(result.cases.length, 12);
      assert.ok(setup.server.maxInFlight <= 3, `max in flight ${setup.server.maxInFlight}`);
      assert.ok(setup.server.maxInFlight > 1, `max in flight ${setup.server.maxInFlight}`);
      setup.server.resetCounters();
      const seq = await wide.profile(
        apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 4, perf_repeats: 1, concurrency: 3 } }),
      );
      await startRun(seq).result;
      assert.equal(setup.server.maxInFlight, 1, 'a sequential suite runs one case at a time');
    } finally {
      await wide.remove();
    }
  });

  it('splits cases into shards whose union is the whole run', async () => {
    const wide = await makeWorkspace(10);
    try {
      const profile = await wide.profile(
        apiProfile(setup.server.url, ['rag_quality', 'performance'], { volumes: { qa_sample_size: 10, perf_repeats: 1, concurrency: 4 } }),
      );
      const ids = (r: { cases: { suite: string; case_id: string }[] }) => r.cases.map((c) => `${c.suite}/${c.case_id}`);
      const whole = ids(await startRun(profile).result);
      const one = await startRun(profile, { shard: { index: 1, total: 2 } }).result;
      const two = await startRun(profile, { shard: { index: 2, total: 2 } }).result;
      assert.deepEqual(one.run.shard, { index: 1, total: 2 });
      assert.equal(whole.length, 20);
      assert.ok(ids(one).length > 0 && ids(two).length > 0);
      assert.equal(ids(one).filter((id) => ids(two).includes(id)).length, 0);
      assert.deepEqual([...ids(one), ...ids(two)].sort(), [...whole].sort());
    } finally {
      await wide.remove();
    }
  });

  it('runs only the chosen case ids (the Test Explorer running one case or a selection)', async () => {
    const profile = await setup.ws.profile(apiProfile(setup.server.url, ['rag_quality', 'performance']));
    const chosen = ['rag_quality:q2', 'rag_quality:q5', 'performance:r1:q3', 'rag_quality:unknown'];
    const result = await startRun(profile, { caseIds: chosen }).result;
    assert.deepEqual(result.cases.map((c) => c.case_id).sort(), ['performance:r1:q3', 'rag_quality:q2', 'rag_quality:q5']);
    assert.equal(result.summary.suites.rag_quality?.total, 2);
    assert.equal(setup.server.requests, 3, 'only the chosen cases reach the target');
    assert.ok(result.logs.some((l) => l.message === 'rag_quality: 2 of 6 cases chosen'));
  });

  it('refuses a blocked profile before anything is sent', async () => {
    const raw = apiProfile(setup.server.url, ['rag_quality'], { data: {}, use_defaults: false });
    const profile = await setup.ws.profile(raw, 'blocked.aiqk.yaml');
    const result = await startRun(profile).result;
    assert.equal(result.run.status, 'error');
    assert.match(result.run.error ?? '', /rag_quality needs passages/);
    assert.equal(result.cases.length, 0);
    assert.equal(setup.server.requests, 0);
  });

  it('fails a run whose target cannot be set up, naming the missing secret', async () => {
    const raw = apiProfile(setup.server.url, ['performance']);
    raw.target.auth = { bearer_env: 'AIQK_TEST_TOKEN_THAT_IS_NOT_SET' };
    const result = await startRun(await setup.ws.profile(raw, 'secret.aiqk.yaml')).result;
    assert.equal(result.run.status, 'error');
    assert.match(result.run.error ?? '', /AIQK_TEST_TOKEN_THAT_IS_NOT_SET/);
    assert.equal(setup.server.requests, 0);
  });

  it('refuses a second run under an id in use, and frees the id when the run ends', async () => {
    setup.server.setFaults({ latencyMs: 100 });
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 6, perf_repeats: 5, concurrency: 1 } }),
    );
    const handle = startRun(profile, { runId: 'run_20250101-000042_0000aa42' });
    assert.throws(
      () => startRun(profile, { runId: 'run_20250101-000042_0000aa42' }),
      /a run with id 'run_20250101-000042_0000aa42' is already running/,
    );
    handle.events.onEvent((e) => {
      if (e.type === 'case-finished' && e.done === 1) handle.cancel('one is enough');
    });
    assert.equal((await handle.result).run.status, 'cancelled');
    setup.server.setFaults({});
    const again = startRun(
      await setup.ws.profile(apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 1, perf_repeats: 1 } })),
      {
        runId: 'run_20250101-000042_0000aa42',
      },
    );
    assert.equal((await again.result).run.status, 'passed');
  });

  it('rejects a malformed run id at once', async () => {
    const profile = await setup.ws.profile(apiProfile(setup.server.url, ['performance']));
    assert.throws(() => startRun(profile, { runId: '../etc/passwd' }), /run id .* is not valid/);
  });

  it('offers the events as an async iterator too', async () => {
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 2, perf_repeats: 1, concurrency: 1 } }),
    );
    const handle = startRun(profile);
    const types: string[] = [];
    for await (const e of handle.events) if (e.type !== 'log') types.push(e.type);
    assert.equal(types[0], 'run-started');
    assert.equal(types.at(-1), 'run-finished');
    assert.equal(types.filter((t) => t === 'case-finished').length, 2);
  });
});
