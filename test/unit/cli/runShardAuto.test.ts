import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readReport } from '../../../src/engine/report/jsonReport';
import { startFaultServer } from '../../fixtures/servers/faultServer';
import { apiProfile } from '../run/runFixtures';
import { parseRunArgs } from '../../../src/cli/runCommand';
import { runCli, useCliTestBed } from './runCliHelpers';

// Every variable --shard auto reads, unset (empty counts as unset), so the machine running the tests cannot leak its own.
const NO_CI = Object.fromEntries(
  [
    'AIQK_SHARD_INDEX',
    'AIQK_SHARD_TOTAL',
    'JOB_COMPLETION_INDEX',
    'CI_NODE_INDEX',
    'CI_NODE_TOTAL',
    'CIRCLE_NODE_INDEX',
    'CIRCLE_NODE_TOTAL',
    'BUILDKITE_PARALLEL_JOB',
    'BUILDKITE_PARALLEL_JOB_COUNT',
  ].map((name) => [name, '']),
);

describe('aiqk run --shard auto (CLI)', () => {
  const bed = useCliTestBed(startFaultServer, 6);

  it('runs the shard the CI job gives, says which variables it used and records them in run.shard', async () => {
    await bed.ws.profile(apiProfile(bed.server.url, ['rag_quality'], { volumes: { qa_sample_size: 6, concurrency: 2 } }), 'auto.aiqk.yaml');
    const env = { ...NO_CI, BUILDKITE_PARALLEL_JOB: '1', BUILDKITE_PARALLEL_JOB_COUNT: '2' };
    const r = await runCli(['run', 'auto.aiqk.yaml', '--shard', 'auto', '--format', 'json', '--out', 'out-auto'], bed.ws.dir, env);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.match(r.stderr, /^aiqk run: shard 2\/2 from Buildkite \(BUILDKITE_PARALLEL_JOB=1, BUILDKITE_PARALLEL_JOB_COUNT=2\)$/m);
    const file = /out-auto[\\/](run_\S+\.json)/.exec(r.stdout)?.[1];
    const report = await readReport(path.join(bed.ws.dir, 'out-auto', file!));
    assert.deepEqual(report.run.shard, {
      index: 2,
      total: 2,
      source: 'Buildkite (BUILDKITE_PARALLEL_JOB=1, BUILDKITE_PARALLEL_JOB_COUNT=2)',
    });
    assert.deepEqual(report.inputs.shard, { index: 2, total: 2 });
    assert.ok(report.cases.length > 0 && report.cases.length < 6, `shard 2 of 2 holds some of the 6 questions (${report.cases.length})`);
  });

  it('exits 2 outside a CI job, listing the variables it looked for, and sends nothing', async () => {
    await bed.ws.profile(apiProfile(bed.server.url, ['rag_quality']), 'nowhere.aiqk.yaml');
    bed.server.resetCounters();
    const r = await runCli(['run', 'nowhere.aiqk.yaml', '--shard', 'auto'], bed.ws.dir, NO_CI);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /nowhere\.aiqk\.yaml cannot run:\n {2}- shard auto: no CI system's shard variables are set; looked for AIQK_SHARD_INDEX \(1-based\)/,
    );
    for (const name of ['CI_NODE_INDEX', 'CIRCLE_NODE_INDEX', 'BUILDKITE_PARALLEL_JOB', 'JOB_COMPLETION_INDEX'])
      assert.ok(r.stderr.includes(name), name);
    const bad = await runCli(['run', 'nowhere.aiqk.yaml', '--shard', 'auto'], bed.ws.dir, {
      ...NO_CI,
      CI_NODE_INDEX: '3',
      CI_NODE_TOTAL: 'two',
    });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /shard auto \(GitLab CI\): CI_NODE_TOTAL must be a whole number of shards ≥ 1 \(got 'two'\)/);
    assert.equal(bed.server.requests, 0);
  });

  it('parses --shard auto', () => {
    const args = parseRunArgs(['p.yaml', '--shard', 'auto']);
    assert.ok(args !== 'help');
    assert.equal(args.shard, 'auto');
    assert.throws(() => parseRunArgs(['p.yaml', '--shard', 'ci']), /shard must look like i\/n, e\.g\. 1\/4, or be auto \(got 'ci'\)/);
  });
});
