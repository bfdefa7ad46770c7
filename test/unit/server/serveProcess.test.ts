// `aiqk serve` as a process: the bundled CLI on loopback, stopped by SIGTERM during runs,
// killed outright, and started again on the same data folder: every accepted run is listed
// with its final state.
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AskServer } from '../../fixtures/servers/askServer';
import { startAskServer } from '../../fixtures/servers/askServer';
import type { CliProcess } from '../cli/runCliHelpers';
import { buildCli, removeCli, runCli, spawnCli } from '../cli/runCliHelpers';
import { call, tokenEnv, TOKENS } from './teamServerHarness';

/** Starts `aiqk serve` on a free port and resolves with its address once it listens. */
async function serve(
  dataDir: string,
  cwd: string,
  extra: string[] = [],
  env = { AIQK_SERVER_TOKENS: tokenEnv() },
): Promise<{ proc: CliProcess; url: string }> {
  const proc = await spawnCli(['serve', '--port', '0', '--data-dir', dataDir, ...extra], cwd, env);
  for (;;) {
    const m = /listening on (https?:\/\/\S+)/.exec(proc.stdout());
    if (m) return { proc, url: m[1] as string };
    const exited = await Promise.race([proc.done.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 50))]);
    if (exited) throw new Error(`aiqk serve exited: ${proc.stderr()}`);
  }
}

describe('aiqk serve (the process)', function () {
  this.timeout(60000);
  let dir: string;
  let ask: AskServer;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aiqk-serve-proc-'));
    ask = await startAskServer();
    ask.setFault({ kind: 'hang' });
    await buildCli();
  });
  after(async () => {
    await ask.close();
    await rm(dir, { recursive: true, force: true });
    await removeCli();
  });

  it('refuses to listen beyond loopback without TLS or --behind-proxy, and without tokens', async () => {
    const open = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], dir, { AIQK_SERVER_TOKENS: tokenEnv() });
    assert.equal(open.code, 2);
    assert.match(open.stderr, /--tls-cert and --tls-key, or --behind-proxy/);
    const none = await runCli(['serve', '--port', '0'], dir, { AIQK_SERVER_TOKENS: '' });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no token is configured/);
    const weak = await runCli(['serve', '--port', '0'], dir, { AIQK_SERVER_TOKENS: 'admin:tiny-token' });
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /entry 1/);
    assert.ok(!weak.stderr.includes('tiny-token'), 'names the entry, never the token');
  });

  it('serves HTTPS with --tls-cert and --tls-key, and then may listen beyond loopback', async () => {
    const tls = path.join(__dirname, '..', '..', 'fixtures', 'tls');
    const cert = path.join(tls, 'loopback.cert.pem');
    const key = path.join(tls, 'loopback.key.pem');
    const { proc, url } = await serve(path.join(dir, 'data-tls'), dir, ['--host', '127.0.0.1', '--tls-cert', cert, '--tls-key', key]);
    try {
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+/);
      // A client that trusts this certificate gets its answers over TLS...
      const status = await new Promise<number | undefined>((resolve, reject) => {
        https
          .get(`${url}/healthz`, { ca: readFileSync(cert) }, (res) => {
            res.resume();
            resolve(res.statusCode);
          })
          .on('error', reject);
      });
      assert.equal(status, 200);
      // ...and one that speaks plain HTTP to it gets nothing.
      await assert.rejects(fetch(url.replace('https:', 'http:') + '/healthz', { signal: AbortSignal.timeout(5000) }));
    } finally {
      proc.child.kill('SIGTERM');
      await proc.done;
    }
    // Beyond loopback, TLS is enough to be allowed to start.
    const open = await serve(path.join(dir, 'data-tls-open'), dir, ['--host', '0.0.0.0', '--tls-cert', cert, '--tls-key', key]);
    open.proc.child.kill('SIGTERM');
    await open.proc.done;
    assert.match(open.url, /^https:\/\//);
  });

  it('takes its tokens from --tokens-file and answers unknown routes with a JSON 404', async () => {
    const tokens = path.join(dir, 'tokens');
    await writeFile(tokens, `# the team\nadmin ${TOKENS.admin}\nuser ${TOKENS.alice}\n`);
    const { proc, url } = await serve(path.join(dir, 'data-file'), dir, ['--tokens-file', tokens], { AIQK_SERVER_TOKENS: '' });
    try {
      assert.equal((await call(url, 'GET', '/orchestrator/runs', { token: TOKENS.alice })).status, 200);
      assert.equal((await call(url, 'GET', '/orchestrator/runs', { token: TOKENS.bob })).status, 401);
      const missing = await call(url, 'GET', '/orchestrator/nope', { token: TOKENS.admin });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error, 'not_found');
    } finally {
      proc.child.kill('SIGTERM');
      await proc.done;
    }
  });

  it('SIGTERM cancels running runs with partial reports marked cancelled; after a kill and a restart every accepted run is listed with its final state', async () => {
    const data = path.join(dir, 'data');
    const hanging = { version: 1, target: { mode: 'api', base_url: ask.url, retries: 0, timeout_ms: 600000 }, suites: ['rag_quality'] };
    const builtin = { version: 1, target: { mode: 'builtin' }, suites: ['red_team'] };
    const first = await serve(data, dir);
    const done = await call(first.url, 'POST', '/orchestrator/run_tests', { token: TOKENS.alice, json: { profile: builtin } });
    assert.equal(done.body.status, 'passed');
    const running: string[] = [];
    for (let i = 0; i < 2; i++)
      running.push((await call(first.url, 'POST', '/orchestrator/start', { token: TOKENS.alice, json: { profile: hanging } })).body.run_id);
    first.proc.child.kill('SIGTERM');
    const stopped = await first.proc.done;
    assert.equal(stopped.code, 0, stopped.stderr);
    for (const t of Object.values(TOKENS)) assert.ok(!(stopped.stdout + stopped.stderr).includes(t), 'no token in the output');
    for (const id of running) {
      const report = JSON.parse(await readFile(path.join(data, 'reports', `${id}.json`), 'utf8'));
      assert.equal(report.run.status, 'cancelled');
    }

    const second = await serve(data, dir);
    const lost = (await call(second.url, 'POST', '/orchestrator/start', { token: TOKENS.bob, json: { profile: hanging } })).body
      .run_id as string;
    second.proc.child.kill('SIGKILL');
    await second.proc.done;

    const third = await serve(data, dir);
    try {
      const list = await call(third.url, 'GET', '/orchestrator/runs?limit=100', { token: TOKENS.admin });
      const state = Object.fromEntries(list.body.runs.map((r: { run_id: string; status: string }) => [r.run_id, r.status]));
      assert.equal(state[done.body.run_id], 'passed');
      for (const id of running) assert.equal(state[id], 'cancelled');
      assert.equal(state[lost], 'interrupted');
      assert.equal(list.body.total, 4);
      const report = await call(third.url, 'GET', `/orchestrator/report/${done.body.run_id}.json`, { token: TOKENS.alice });
      assert.equal(report.status, 200);
    } finally {
      third.proc.child.kill('SIGTERM');
      await third.proc.done;
    }
  });
});
