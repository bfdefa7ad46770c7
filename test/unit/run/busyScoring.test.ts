import assert from 'node:assert/strict';
import { startRun } from '../../../src/engine/run/startRun';
import type { HostileAnswerServer } from '../../fixtures/servers/hostileAnswerServer';
import { startHostileAnswerServer } from '../../fixtures/servers/hostileAnswerServer';
import type { Workspace } from './runFixtures';
import { apiProfile, makeWorkspace } from './runFixtures';

// Scoring long answers is CPU work on the thread that also reads the sockets: a
// call in flight while the engine scores must not be recorded as a timeout or a
// reset because its reply was not read in time.
describe('startRun with answers of 1 MB at concurrency 8', function () {
  this.timeout(120_000);
  let server: HostileAnswerServer;
  let ws: Workspace;
  before(async () => {
    server = await startHostileAnswerServer();
    ws = await makeWorkspace(8);
  });
  after(async () => {
    await server.close();
    await ws.remove();
  });

  it('records no timeout or connection reset in the suites that analyse answers', async () => {
    const profile = await ws.profile(
      apiProfile(server.url, ['red_team', 'safety', 'compliance_smoke', 'rag_quality'], {
        target: { mode: 'api', base_url: server.url, protocol: 'aiqk', timeout_ms: 2000, retries: 0 },
        use_defaults: true,
        volumes: { qa_sample_size: 8, perf_repeats: 1, concurrency: 8, attack_mutators: 0 },
        // Masking the answers for the report is part of the work a long answer costs.
        report: { dir: 'reports', formats: ['json'], anonymize: true },
      }),
    );
    const started = Date.now();
    const result = await startRun(profile).result;
    const seconds = (Date.now() - started) / 1000;
    const errors = result.cases.filter((c) => c.status === 'error');
    assert.ok(server.answered >= 32, `the target answered ${server.answered} calls`);
    assert.ok(result.cases.length >= 32, `${result.cases.length} cases`);
    assert.ok(
      result.cases.some((c) => c.suite === 'red_team') && result.cases.some((c) => c.suite === 'rag_quality'),
      'the answers were analysed by the suites',
    );
    assert.deepEqual(
      errors
        .filter((c) => /time(d)? ?out|reset|ECONNRESET|socket hang up/i.test(c.error ?? ''))
        .map((c) => `${c.suite}/${c.case_id}: ${c.error}`),
      [],
      `in ${seconds.toFixed(1)} s`,
    );
    assert.deepEqual(
      errors.map((c) => `${c.suite}/${c.case_id}: ${c.error}`),
      [],
    );
  });
});
