import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { readReport } from '../../../src/engine/report/jsonReport';
import type { FaultServer } from '../../fixtures/servers/faultServer';
import { startFaultServer } from '../../fixtures/servers/faultServer';
import type { Workspace } from '../run/runFixtures';
import { apiProfile, makeWorkspace } from '../run/runFixtures';
import { parseRunArgs } from '../../../src/cli/runCommand';
import { buildCli, removeCli, runCli, spawnCli } from './runCliHelpers';

describe('aiqk run (CLI)', () => {
  let server: FaultServer;
  let ws: Workspace;
  before(async () => {
    server = await startFaultServer();
    ws = await makeWorkspace(4);
    await buildCli();
  });
  after(async () => {
    await server.close();
    await ws.remove();
    await removeCli();
  });
  beforeEach(() => {
    server.setFaults({});
    server.resetCounters();
  });

  it('exits 0 when every suite passes, prints the summary and writes the reports', async () => {
    await ws.profile(
      apiProfile(server.url, ['performance'], { volumes: { qa_sample_size: 4, perf_repeats: 1, concurrency: 2 } }),
      'pass.aiqk.yaml',
    );
    const r = await runCli(
      ['run', 'pass.aiqk.yaml', '--format', 'json,junit', '--out', 'out-pass', '--run-id', 'run_20250101-000001_0000c001'],
      ws.dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /performance/);
    assert.match(r.stdout, /Overall: PASSED/);
    assert.match(r.stdout, /out-pass[\\/]run_20250101-000001_0000c001\.json/);
    assert.deepEqual((await readdir(path.join(ws.dir, 'out-pass'))).sort(), [
      'run_20250101-000001_0000c001.json',
      'run_20250101-000001_0000c001.junit.xml',
    ]);
    const report = await readReport(path.join(ws.dir, 'out-pass', 'run_20250101-000001_0000c001.json'));
    assert.equal(report.run.status, 'passed');
    assert.equal(report.cases.length, 4);
    assert.equal(server.requests, 4);
    const audit = await readFile(path.join(ws.dir, '.aiqk', 'audit.jsonl'), 'utf8');
    assert.match(audit, /"event":"run_finished","run_id":"run_20250101-000001_0000c001"/);
  });

  it('exits 1 when a suite fails its thresholds', async () => {
    server.setFaults({ latencyMs: 15 });
    await ws.profile(
      apiProfile(server.url, ['performance'], {
        volumes: { qa_sample_size: 2, perf_repeats: 1, concurrency: 1 },
        thresholds: { p95_ms_max: 1 },
      }),
      'slow.aiqk.yaml',
    );
    const r = await runCli(['run', 'slow.aiqk.yaml', '--quiet'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /: failed/);
  });

  it('exits 2 on a profile with schema errors, printing file:line:col, and sends nothing', async () => {
    await writeFile(
      path.join(ws.dir, 'bad.aiqk.yaml'),
      stringify({ version: 1, target: { mode: 'api', base_url: server.url }, suites: ['performance', 'speed'] }),
    );
    const r = await runCli(['run', 'bad.aiqk.yaml'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bad\.aiqk\.yaml:\d+:\d+: error: .+ \[[\w-]+\]$/m);
    assert.equal(server.requests, 0);
  });

  it('exits 2 when the run gate blocks (required data missing, defaults off), and sends nothing', async () => {
    await ws.profile(apiProfile(server.url, ['performance'], { data: {}, use_defaults: false }), 'blocked.aiqk.yaml');
    const r = await runCli(['run', 'blocked.aiqk.yaml', '--suites', 'rag_quality'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot run:\n\s+- rag_quality needs passages/);
    assert.equal(server.requests, 0);
  });

  it('exits 2 on a bad option, sending nothing', async () => {
    await ws.profile(apiProfile(server.url, ['performance']), 'ok.aiqk.yaml');
    const r = await runCli(['run', 'ok.aiqk.yaml', '--shard', '3/2'], ws.dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /aiqk run: shard index must be a whole number from 1 to 2/);
    assert.equal(server.requests, 0);
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
    await ws.profile(apiProfile(server.url, ['performance']), 'ok.aiqk.yaml');
    const r = await runCli(['run', 'ok.aiqk.yaml', '--run-id', '../x'], ws.dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /run id '..\/x' is not valid/);
    assert.equal(server.requests, 0);
  });

  it('exits 2 when the target cannot be set up (a missing secret)', async () => {
    const raw = apiProfile(server.url, ['performance']);
    raw.target.auth = { bearer_env: 'AIQK_CLI_TEST_UNSET_TOKEN' };
    await ws.profile(raw, 'secret.aiqk.yaml');
    const r = await runCli(['run', 'secret.aiqk.yaml', '--quiet'], ws.dir, { AIQK_CLI_TEST_UNSET_TOKEN: '' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /AIQK_CLI_TEST_UNSET_TOKEN/);
  });

  it('on SIGINT cancels, writes the partial report marked cancelled and exits 130', async () => {
    server.setFaults({ latencyMs: 150 });
    await ws.profile(
      apiProfile(server.url, ['performance'], { volumes: { qa_sample_size: 4, perf_repeats: 10, concurrency: 1 } }),
      'long.aiqk.yaml',
    );
    const p = await spawnCli(['run', 'long.aiqk.yaml', '--out', 'out-int', '--run-id', 'run_20250101-000002_0000c002'], ws.dir);
    await p.waitForStderr('started:');
    p.child.kill('SIGINT');
    const r = await p.done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /cancelling/);
    const report = await readReport(path.join(ws.dir, 'out-int', 'run_20250101-000002_0000c002.json'));
    assert.equal(report.run.status, 'cancelled');
    assert.ok(report.cases.length < 40);
    assert.ok(report.cases.every((c) => c.status === 'passed'));
    assert.ok(server.requests < 40);
  });
});
