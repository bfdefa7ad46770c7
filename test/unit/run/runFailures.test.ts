import assert from 'node:assert/strict';
import { startRun } from '../../../src/engine/run/startRun';
import { performanceSuite } from '../../../src/engine/suites/performance/performance';
import type { SuiteDefinition } from '../../../src/engine/suites/suite';
import { apiProfile } from './runFixtures';
import { useFaultServerAndWorkspace } from './runTestSetup';

const perf = performanceSuite as SuiteDefinition;

describe('startRun when parts fail', () => {
  const setup = useFaultServerAndWorkspace(3, { resetServer: true });

  it('a suite that cannot plan is an errored suite; the other suites still run', async () => {
    const broken: SuiteDefinition = {
      ...perf,
      name: 'rag_quality',
      plan: async () => {
        throw new Error('no idea what to ask');
      },
    };
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['rag_quality', 'performance'], { volumes: { qa_sample_size: 3, perf_repeats: 1, concurrency: 2 } }),
    );
    const result = await startRun(profile, { definitions: { rag_quality: broken } }).result;
    assert.equal(result.summary.suites.rag_quality?.status, 'error');
    assert.match(result.summary.suites.rag_quality?.notes[0] ?? '', /could not plan its cases: no idea what to ask/);
    assert.equal(result.summary.suites.performance?.status, 'passed');
    assert.equal(result.cases.length, 3);
    assert.equal(result.run.status, 'error');
    assert.match(result.run.error ?? '', /rag_quality: the suite could not plan/);
  });

  it('a summary that throws makes that suite errored, keeping its cases', async () => {
    const broken: SuiteDefinition = {
      ...perf,
      summarizer: () => ({
        add: () => undefined,
        finish: () => {
          throw new Error('divide by zero');
        },
      }),
    };
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 3, perf_repeats: 1, concurrency: 2 } }),
    );
    const result = await startRun(profile, { definitions: { performance: broken } }).result;
    assert.equal(result.cases.length, 3);
    assert.equal(result.summary.suites.performance?.status, 'error');
    assert.equal(result.summary.suites.performance?.passed, 3);
    assert.match(result.summary.suites.performance?.notes[0] ?? '', /divide by zero/);
  });

  it('a target that errors fails those cases with the reason and the run goes on', async () => {
    setup.server.setFaults({
      steps: [
        { kind: 'status', status: 503, count: 1 },
        { kind: 'non_json', count: 1 },
      ],
    });
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 3, perf_repeats: 1, concurrency: 1 } }),
    );
    const result = await startRun(profile).result;
    assert.equal(result.cases.length, 3);
    const errors = result.cases.filter((c) => c.status === 'error');
    assert.equal(errors.length, 2);
    assert.ok(
      errors.some((c) => /503/.test(c.error ?? '')),
      JSON.stringify(errors.map((c) => c.error)),
    );
    assert.ok(
      errors.some((c) => /not JSON/i.test(c.error ?? '')),
      JSON.stringify(errors.map((c) => c.error)),
    );
    assert.equal(result.cases.filter((c) => c.status === 'passed').length, 1);
  });

  it('a case that ignores the cancel is abandoned after the grace period', async () => {
    let started = 0;
    const stuck: SuiteDefinition = {
      ...perf,
      runCase: () => {
        started++;
        return new Promise(() => undefined);
      },
    };
    const profile = await setup.ws.profile(
      apiProfile(setup.server.url, ['performance'], { volumes: { qa_sample_size: 3, perf_repeats: 1, concurrency: 2 } }),
    );
    const handle = startRun(profile, { definitions: { performance: stuck }, cancelGraceMs: 30 });
    handle.events.onEvent((e) => {
      if (e.type === 'case-started') setImmediate(() => handle.cancel('user'));
    });
    const result = await handle.result;
    assert.equal(result.run.status, 'cancelled');
    assert.equal(result.cases.length, 0);
    assert.equal(started, 1);
    assert.ok(result.logs.some((l) => /abandoned/.test(l.message)));
  });
});
