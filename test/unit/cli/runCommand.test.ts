import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { readReport } from '../../../src/engine/report/jsonReport';
import { startFaultServer } from '../../fixtures/servers/faultServer';
import { apiProfile } from '../run/runFixtures';
import { parseRunArgs } from '../../../src/cli/runCommand';
import { runCli, spawnCli, useCliTestBed } from './runCliHelpers';

describe('aiqk run (CLI)', () => {
  const bed = useCliTestBed(startFaultServer, 4);
  beforeEach(() => {
    bed.server.setFaults({});
    bed.server.resetCounters();
  });

  it('exits 0 when every suite passes, prints the summary and writes the reports', async () => {
    await bed.ws.profile(
      apiProfile(bed.server.url, ['performance'], { volumes: { qa_sample_size: 4, perf_repeats: 1, concurrency: 2 } }),
      'pass.aiqk.yaml',
    );
    const r = await runCli(
      ['run', 'pass.aiqk.yaml', '--format', 'json,junit', '--out', 'out-pass', '--run-id', 'run_20250101-000001_0000c001'],
      bed.ws.dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /performance/);
    assert.match(r.stdout, /Overall: PASSED/);
    assert.match(r.stdout, /out-pass[\\/]run_20250101-000001_0000c001\.json/);
    assert.deepEqual((await readdir(path.join(bed.ws.dir, 'out-pass'))).sort(), [
      'run_20250101-000001_0000c001.json',
      'run_20250101-000001_0000c001.junit.xml',
    ]);
    const report = await readReport(path.join(bed.ws.dir, 'out-pass', 'run_20250101-000001_0000c001.json'));
    assert.equal(report.run.status, 'passed');
    assert.equal(report.cases.length, 4);
    assert.equal(bed.server.requests, 4);
    const audit = await readFile(path.join(bed.ws.dir, '.aiqk', 'audit.jsonl'), 'utf8');
    assert.match(audit, /"event":"run_finished","run_id":"run_20250101-000001_0000c001"/);
  });

  it('exits 1 when a suite fails its thresholds', async () => {
    bed.server.setFaults({ latencyMs: 15 });
    await bed.ws.profile(
      apiProfile(bed.server.url, ['performance'], {
        volumes: { qa_sample_size: 2, perf_repeats: 1, concurrency: 1 },
        thresholds: { p95_ms_max: 1 },
      }),
      'slow.aiqk.yaml',
    );
    const r = await runCli(['run', 'slow.aiqk.yaml', '--quiet'], bed.ws.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /: failed/);
  });

  it('exits 2 on a profile with schema errors, printing file:line:col, and sends nothing', async () => {
    await writeFile(
      path.join(bed.ws.dir, 'bad.aiqk.yaml'),
      stringify({ version: 1, target: { mode: 'api', base_url: bed.server.url }, suites: ['performance', 'speed'] }),
    );
    const r = await runCli(['run', 'bad.aiqk.yaml'], bed.ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bad\.aiqk\.yaml:\d+:\d+: error: .+ \[[\w-]+\]$/m);
    assert.equal(bed.server.requests, 0);
  });

  it('exits 2 when the run gate blocks (required data missing, defaults off), and sends nothing', async () => {
    await bed.ws.profile(apiProfile(bed.server.url, ['performance'], { data: {}, use_defaults: false }), 'blocked.aiqk.yaml');
    const r = await runCli(['run', 'blocked.aiqk.yaml', '--suites', 'rag_quality'], bed.ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot run:\n\s+- rag_quality needs passages/);
    assert.equal(bed.server.requests, 0);
  });

  it('exits 2 on a bad option, sending nothing', async () => {
    await bed.ws.profile(apiProfile(bed.server.url, ['performance']), 'ok.aiqk.yaml');
    const r = await runCli(['run', 'ok.aiqk.yaml', '--shard', '3/2'], bed.ws.dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /aiqk run: shard index must be a whole number from 1 to 2/);
    assert.equal(bed.server.requests, 0);
  });

  it('parses its options and explains the bad ones', () => {
    assert.deepEqual(
      parseRunArgs(['p.yaml', '--suites', 'performance,rag_quality', '--format', 'json', '--shard', '2/3', '--no-color', '--quiet']),
      {
        profile: 'p.yaml',
        suites: ['performance', 'rag_quality'],
        formats: ['json'],
        shard: { index: 2, total: 3 },
        color: false,
        quiet: true,
        verbose: false,
      },
    );
    assert.equal(parseRunArgs(['--help']), 'help');
    assert.throws(() => parseRunArgs(['p.yaml', '--suites', 'nope']), /unknown suite 'nope'/);
    assert.throws(() => parseRunArgs(['p.yaml', '--format', 'pdf']), /unknown report format 'pdf'/);
    assert.throws(() => parseRunArgs(['p.yaml', '--bogus']), /bogus/);
    assert.throws(() => parseRunArgs([]), /which run profile/);
    assert.throws(() => parseRunArgs(['a.yaml', 'b.yaml']), /one run profile at a time/);
  });

  it('refuses a malformed --run-id with exit 2', async () => {
    await bed.ws.profile(apiProfile(bed.server.url, ['performance']), 'ok.aiqk.yaml');
    const r = await runCli(['run', 'ok.aiqk.yaml', '--run-id', '../x'], bed.ws.dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /run id '..\/x' is not valid/);
    assert.equal(bed.server.requests, 0);
  });

  it('exits 2 when the target cannot be set up (a missing secret)', async () => {
    const raw = apiProfile(bed.server.url, ['performance']);
    raw.target.auth = { bearer_env: 'AIQK_CLI_TEST_UNSET_TOKEN' };
    await bed.ws.profile(raw, 'secret.aiqk.yaml');
    const r = await runCli(['run', 'secret.aiqk.yaml', '--quiet'], bed.ws.dir, { AIQK_CLI_TEST_UNSET_TOKEN: '' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /AIQK_CLI_TEST_UNSET_TOKEN/);
  });

  it('on SIGINT cancels, writes the partial report marked cancelled and exits 130', async () => {
    bed.server.setFaults({ latencyMs: 150 });
    await bed.ws.profile(
      apiProfile(bed.server.url, ['performance'], { volumes: { qa_sample_size: 4, perf_repeats: 10, concurrency: 1 } }),
      'long.aiqk.yaml',
    );
    const p = await spawnCli(['run', 'long.aiqk.yaml', '--out', 'out-int', '--run-id', 'run_20250101-000002_0000c002'], bed.ws.dir);
    await p.waitForStderr('started:');
    p.child.kill('SIGINT');
    const r = await p.done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /cancelling/);
    const report = await readReport(path.join(bed.ws.dir, 'out-int', 'run_20250101-000002_0000c002.json'));
    assert.equal(report.run.status, 'cancelled');
    assert.ok(report.cases.length < 40);
    assert.ok(report.cases.every((c) => c.status === 'passed'));
    assert.ok(bed.server.requests < 40);
  });
});
