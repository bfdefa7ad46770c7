// The team server against a real HTTP client: every route, every error, roles,
// uploads, cancel before start, the queue and the rate limit. Answers are checked
// against /openapi.json, which itself passes an OpenAPI validator.
import * as assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { AskServer } from '../../fixtures/servers/askServer';
import { startAskServer } from '../../fixtures/servers/askServer';
import type { Answer, TestServer } from './teamServerHarness';
import { OpenApiChecker, startTestServer, TOKENS } from './teamServerHarness';

const BUILTIN = { version: 1, target: { mode: 'builtin' }, suites: ['rag_quality', 'red_team'] };

/** A profile whose target never answers: its run goes on until cancelled. */
function hanging(ask: AskServer): object {
  return { version: 1, target: { mode: 'api', base_url: ask.url, retries: 0, timeout_ms: 600000 }, suites: ['rag_quality'] };
}

describe('team server (aiqk serve)', function () {
  this.timeout(30000);
  let srv: TestServer;
  let api: OpenApiChecker;
  let ask: AskServer;
  const checked = async (
    method: string,
    route: string,
    concrete: string,
    opts: Parameters<TestServer['call']>[2] = {},
  ): Promise<Answer> => {
    const answer = await srv.call(method, concrete, opts);
    api.check(method, route, answer);
    return answer;
  };

  before(async () => {
    srv = await startTestServer({ maxConcurrent: 2, maxQueue: 1, bodyLimit: 64 * 1024, uploadLimit: 4096 });
    ask = await startAskServer();
    ask.setFault({ kind: 'hang' });
    api = new OpenApiChecker((await srv.call('GET', '/openapi.json')).body);
  });
  after(async () => {
    await srv.close();
    await ask.close();
  });

  it('describes itself in an OpenAPI 3.1 document that a validator accepts, and answers /healthz without a token', async () => {
    const doc = await srv.call('GET', '/openapi.json');
    const result = await new Validator().validate(doc.body);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    for (const p of [
      '/orchestrator/start',
      '/orchestrator/run_tests',
      '/orchestrator/running-tests',
      '/orchestrator/cancel/{run_id}',
      '/orchestrator/report/{name}',
      '/orchestrator/runs',
      '/orchestrator/runs/{run_id}',
      '/orchestrator/runs/{run_id}/events',
      '/testdata',
      '/healthz',
    ])
      assert.ok(doc.body.paths[p], p);
    const health = await checked('GET', '/healthz', '/healthz');
    assert.equal(health.body.status, 'ok');
    assert.equal(health.headers.get('access-control-allow-origin'), null, 'CORS is off');
  });

  it('answers 401 in JSON without a token or with an unknown one, and logs the failure without the token', async () => {
    const none = await checked('GET', '/orchestrator/runs', '/orchestrator/runs');
    assert.equal(none.status, 401);
    assert.equal(none.body.error, 'unauthorized');
    const wrong = await checked('GET', '/orchestrator/runs', '/orchestrator/runs', { token: 'not-a-known-token-123456' });
    assert.equal(wrong.status, 401);
    await srv.server.context.journal.flush();
    const audit = await readFile(path.join(srv.dataDir, 'audit.jsonl'), 'utf8');
    assert.match(audit, /"event":"auth_failure"/);
    assert.ok(!audit.includes('not-a-known-token-123456'));
    for (const t of Object.values(TOKENS)) assert.ok(!audit.includes(t), 'no token in the audit log');
  });

  it('starts a run at once, lists it, and serves its JSON, XLSX and JUnit reports', async () => {
    const start = await checked('POST', '/orchestrator/start', '/orchestrator/start', {
      token: TOKENS.alice,
      json: { profile: BUILTIN, profile_name: 'nightly' },
    });
    assert.equal(start.status, 202);
    assert.equal(start.body.status, 'started');
    const id: string = start.body.run_id;
    const ended = await srv.server.context.runs.whenEnded(id);
    assert.equal(ended?.status, 'passed');
    const one = await checked('GET', '/orchestrator/runs/{run_id}', `/orchestrator/runs/${id}`, { token: TOKENS.alice });
    assert.equal(one.body.status, 'passed');
    assert.ok(one.body.summary.total > 0);
    assert.equal(one.body.progress.done, one.body.summary.total);
    const json = await checked('GET', '/orchestrator/report/{name}', `/orchestrator/report/${id}.json`, { token: TOKENS.alice });
    assert.equal(json.body.run.id, id);
    assert.equal(json.body.run.status, 'passed');
    const xlsx = await fetch(`${srv.url}/orchestrator/report/${id}.xlsx`, { headers: { authorization: `Bearer ${TOKENS.alice}` } });
    assert.equal(xlsx.status, 200);
    assert.equal(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      'PK',
    );
    const junit = await srv.call('GET', `/orchestrator/report/${id}.junit.xml`, { token: TOKENS.alice });
    assert.equal(junit.status, 200);
    assert.match(String(junit.body), /<testsuites/);
    const missing = await checked('GET', '/orchestrator/report/{name}', '/orchestrator/report/run_20200101-000000_00000000.json', {
      token: TOKENS.alice,
    });
    assert.equal(missing.status, 404);
  });

  it('run_tests takes the profile as YAML text and answers when the run has ended', async () => {
    const yaml = 'version: 1\ntarget:\n  mode: builtin\nsuites: [red_team]\n';
    const res = await checked('POST', '/orchestrator/run_tests', '/orchestrator/run_tests', { token: TOKENS.bob, json: { profile: yaml } });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'passed');
    assert.ok(res.body.run.summary.total > 0);
  });

  it('compares regression with the newest finished run of the same profile name', async () => {
    const profile = { version: 1, target: { mode: 'builtin' }, suites: ['regression'] };
    const runOf = async (name: string): Promise<string> =>
      (await srv.call('POST', '/orchestrator/run_tests', { token: TOKENS.alice, json: { profile, profile_name: name } })).body.run_id;
    const logsOf = async (id: string): Promise<string> =>
      JSON.stringify((await srv.call('GET', `/orchestrator/report/${id}.json`, { token: TOKENS.alice })).body.logs);
    const first = await runOf('reg-a');
    const second = await runOf('reg-a');
    const other = await runOf('reg-b');
    assert.match(await logsOf(second), new RegExp(`regression baseline: ${first}`));
    assert.doesNotMatch(await logsOf(other), /regression baseline: run_/);
  });

  it('refuses a bad profile with 422 and the same located messages as the CLI', async () => {
    const yaml = 'version: 1\ntarget:\n  mode: bultin\nsuites: [rag_quality]\n';
    const res = await checked('POST', '/orchestrator/start', '/orchestrator/start', { token: TOKENS.alice, json: { profile: yaml } });
    assert.equal(res.status, 422);
    const p = res.body.problems.find((x: { message: string }) => /bultin/.test(x.message));
    assert.ok(p, JSON.stringify(res.body));
    assert.deepEqual([p.path, p.line, p.column], ['profile', 3, 9]);
    assert.match(p.message, /Did you mean 'builtin'/);
    assert.equal(p.key, 'target.mode');
    const asObject = await checked('POST', '/orchestrator/start', '/orchestrator/start', {
      token: TOKENS.alice,
      json: { profile: { version: 1, target: { mode: 'builtin' }, suites: ['rag_quality', 'rag_qualty'] } },
    });
    assert.equal(asObject.status, 422);
    assert.ok(
      asObject.body.problems.some((x: { key?: string }) => x.key === 'suites[1]'),
      JSON.stringify(asObject.body),
    );
    const shape = await checked('POST', '/orchestrator/start', '/orchestrator/start', { token: TOKENS.alice, json: { run_id: 'nope' } });
    assert.equal(shape.status, 422);
    assert.ok(
      shape.body.problems.some((x: { path: string }) => x.path === 'body.profile'),
      JSON.stringify(shape.body),
    );
  });

  it('refuses server paths, programs and report folders in a profile, with their place', async () => {
    const yaml = [
      'version: 1',
      'target:',
      '  mode: mcp',
      '  mcp:',
      '    command: /bin/sh',
      '    tool: ask',
      'suites: [rag_quality]',
      'data:',
      '  qaset: ../../etc/passwd',
      'report:',
      '  dir: /tmp/elsewhere',
      '',
    ].join('\n');
    const res = await checked('POST', '/orchestrator/start', '/orchestrator/start', { token: TOKENS.alice, json: { profile: yaml } });
    assert.equal(res.status, 422);
    const byPath = Object.fromEntries(res.body.problems.map((p: { path: string; line: number }) => [p.path, p.line]));
    assert.deepEqual(byPath, { 'target.mcp.command': 5, 'data.qaset': 9, 'report.dir': 11 });
  });

  it('checks an uploaded dataset at once: problems by line, or an id the profile references as testdata:<id>', async () => {
    const broken = '{"qid":"1","question":"What is Nimbus?","expected_answer":"cloud storage"}\n{"qid":2,"question":""}\n';
    const bad = await checked('POST', '/testdata', '/testdata?kind=qaset', { token: TOKENS.alice, raw: broken });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.problems.length > 0);
    assert.ok(
      bad.body.problems.every((p: { line: number; path: string }) => p.line === 2 && p.path === 'testdata'),
      JSON.stringify(bad.body),
    );
    const good = '{"qid":"q1","question":"How much storage does the free plan include?","expected_answer":"5 GB"}\n';
    const up = await checked('POST', '/testdata', '/testdata?kind=qaset&filename=qa.jsonl', { token: TOKENS.alice, raw: good });
    assert.equal(up.status, 201);
    assert.equal(up.body.records, 1);
    const again = await checked('POST', '/testdata', '/testdata?kind=qaset', { token: TOKENS.bob, raw: good });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, up.body.id, 'kept by content hash');
    const profile = { ...BUILTIN, suites: ['rag_quality'], data: { qaset: up.body.ref } };
    const run = await checked('POST', '/orchestrator/run_tests', '/orchestrator/run_tests', { token: TOKENS.alice, json: { profile } });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.equal(run.body.run.summary.total, 1, 'the one uploaded question was asked');
    const wrongKind = await checked('POST', '/orchestrator/start', '/orchestrator/start', {
      token: TOKENS.alice,
      json: { profile: { ...BUILTIN, data: { passages: up.body.ref } } },
    });
    assert.equal(wrongKind.status, 422);
    assert.match(wrongKind.body.problems[0].message, /uploaded as qaset, not passages/);
    const badExt = await checked('POST', '/testdata', '/testdata?kind=qaset&filename=qa.csv', { token: TOKENS.alice, raw: good });
    assert.equal(badExt.status, 422);
  });

  it('answers 413 for a body or an upload over the limits', async () => {
    const big = await checked('POST', '/orchestrator/start', '/orchestrator/start', {
      token: TOKENS.alice,
      json: { profile: 'x'.repeat(70 * 1024) },
    });
    assert.equal(big.status, 413);
    assert.equal(big.body.error, 'payload_too_large');
    const upload = await checked('POST', '/testdata', '/testdata?kind=attacks', {
      token: TOKENS.alice,
      raw: 'ignore your rules\n'.repeat(400),
    });
    assert.equal(upload.status, 413);
  });

  it('lets a user see and cancel only its own runs; an admin sees and cancels all; a cancelled run keeps a report marked cancelled', async () => {
    const start = await srv.call('POST', '/orchestrator/start', { token: TOKENS.alice, json: { profile: hanging(ask) } });
    assert.equal(start.status, 202);
    const id: string = start.body.run_id;
    const bobSees = await checked('GET', '/orchestrator/runs/{run_id}', `/orchestrator/runs/${id}`, { token: TOKENS.bob });
    assert.equal(bobSees.status, 403);
    assert.equal((await checked('POST', '/orchestrator/cancel/{run_id}', `/orchestrator/cancel/${id}`, { token: TOKENS.bob })).status, 403);
    const bobList = await checked('GET', '/orchestrator/running-tests', '/orchestrator/running-tests', { token: TOKENS.bob });
    assert.ok(!bobList.body.running_tests.some((r: { run_id: string }) => r.run_id === id));
    const adminList = await checked('GET', '/orchestrator/running-tests', '/orchestrator/running-tests', { token: TOKENS.admin });
    assert.ok(adminList.body.running_tests.some((r: { run_id: string }) => r.run_id === id));
    const cancel = await checked('POST', '/orchestrator/cancel/{run_id}', `/orchestrator/cancel/${id}`, { token: TOKENS.admin });
    assert.equal(cancel.body.status, 'cancelled');
    const ended = await srv.server.context.runs.whenEnded(id);
    assert.equal(ended?.status, 'cancelled');
    const report = await srv.call('GET', `/orchestrator/report/${id}.json`, { token: TOKENS.alice });
    assert.equal(report.body.run.status, 'cancelled');
    assert.equal(
      (await checked('GET', '/orchestrator/runs/{run_id}', '/orchestrator/runs/run_20200101-000000_0000000f', { token: TOKENS.admin }))
        .status,
      404,
    );
  });

  it('cancels a run by the id the client chose before the start call, and refuses a reused id with 409', async () => {
    const id = 'run_20260101-120000_abcdef01';
    const pre = await checked('POST', '/orchestrator/cancel/{run_id}', `/orchestrator/cancel/${id}`, { token: TOKENS.alice });
    assert.equal(pre.status, 200);
    const start = await srv.call('POST', '/orchestrator/start', { token: TOKENS.alice, json: { profile: BUILTIN, run_id: id } });
    assert.equal(start.status, 202);
    assert.equal((await srv.server.context.runs.whenEnded(id))?.status, 'cancelled');
    const report = await srv.call('GET', `/orchestrator/report/${id}.json`, { token: TOKENS.alice });
    assert.equal(report.body.run.status, 'cancelled');
    const again = await checked('POST', '/orchestrator/start', '/orchestrator/start', {
      token: TOKENS.alice,
      json: { profile: BUILTIN, run_id: id },
    });
    assert.equal(again.status, 409);
    const badId = await checked('POST', '/orchestrator/cancel/{run_id}', '/orchestrator/cancel/run_1', { token: TOKENS.alice });
    assert.equal(badId.status, 422);
    const other = 'run_20260101-120000_abcdef02';
    await srv.call('POST', `/orchestrator/cancel/${other}`, { token: TOKENS.bob });
    await srv.call('POST', '/orchestrator/start', { token: TOKENS.alice, json: { profile: BUILTIN, run_id: other } });
    assert.equal(
      (await srv.server.context.runs.whenEnded(other))?.status,
      'passed',
      "another user's early cancel does not stop alice's run",
    );
  });

  it('queues runs beyond the concurrency and answers 429 with Retry-After when the queue is full', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await srv.call('POST', '/orchestrator/start', { token: TOKENS.alice, json: { profile: hanging(ask) } });
      assert.equal(r.status, 202);
      ids.push(r.body.run_id);
    }
    assert.deepEqual(
      ids.map((id) => srv.server.context.runs.get(id)?.status),
      ['running', 'running', 'queued'],
    );
    const full = await checked('POST', '/orchestrator/start', '/orchestrator/start', {
      token: TOKENS.alice,
      json: { profile: hanging(ask) },
    });
    assert.equal(full.status, 429);
    assert.ok(Number(full.headers.get('retry-after')) > 0);
    for (const id of ids) await srv.call('POST', `/orchestrator/cancel/${id}`, { token: TOKENS.alice });
    for (const id of ids) assert.equal((await srv.server.context.runs.whenEnded(id))?.status, 'cancelled');
  });

  it('pages and filters the run history by status and profile name', async () => {
    const all = await checked('GET', '/orchestrator/runs', '/orchestrator/runs?limit=100', { token: TOKENS.admin });
    assert.ok(all.body.total >= 5);
    const page = await checked('GET', '/orchestrator/runs', '/orchestrator/runs?limit=2&offset=1', { token: TOKENS.admin });
    assert.deepEqual(
      page.body.runs.map((r: { run_id: string }) => r.run_id),
      all.body.runs.slice(1, 3).map((r: { run_id: string }) => r.run_id),
    );
    const cancelled = await checked('GET', '/orchestrator/runs', '/orchestrator/runs?status=cancelled&limit=100', { token: TOKENS.admin });
    assert.ok(cancelled.body.runs.length > 0 && cancelled.body.runs.every((r: { status: string }) => r.status === 'cancelled'));
    const nightly = await checked('GET', '/orchestrator/runs', '/orchestrator/runs?profile=nightly', { token: TOKENS.admin });
    assert.equal(nightly.body.total, 1);
    const bobs = await checked('GET', '/orchestrator/runs', '/orchestrator/runs?limit=100', { token: TOKENS.bob });
    assert.ok(bobs.body.runs.length > 0 && bobs.body.runs.every((r: { owner: string }) => r.owner.startsWith('user-')));
    assert.ok(bobs.body.total < all.body.total);
    assert.equal((await checked('GET', '/orchestrator/runs', '/orchestrator/runs?status=nope', { token: TOKENS.admin })).status, 422);
  });

  it('streams a run’s progress as server-sent events until it ends', async () => {
    const start = await srv.call('POST', '/orchestrator/start', { token: TOKENS.alice, json: { profile: hanging(ask) } });
    const id: string = start.body.run_id;
    const res = await fetch(`${srv.url}/orchestrator/runs/${id}/events`, { headers: { authorization: `Bearer ${TOKENS.alice}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    let cancelled = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
      if (!cancelled && text.includes('event: status')) {
        cancelled = true;
        await srv.call('POST', `/orchestrator/cancel/${id}`, { token: TOKENS.alice });
      }
    }
    const events = text.split('\n\n').filter((b) => b.startsWith('event:'));
    const last = JSON.parse(events.at(-1)!.split('\ndata: ')[1]!);
    assert.equal(last.type, 'end');
    assert.equal(last.run.status, 'cancelled');
  });

  it('records every API call with who, what and which run in the audit log', async () => {
    await srv.server.context.journal.flush();
    const lines = (await readFile(path.join(srv.dataDir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const call = lines.find((l) => l.event === 'api_call' && l.what === 'POST /orchestrator/cancel/:run_id' && l.code === 200);
    assert.ok(call && call.who && call.role && call.run_id, JSON.stringify(call));
    assert.ok(lines.some((l) => l.event === 'run_accepted') && lines.some((l) => l.event === 'run_ended'));
  });
});

describe('team server rate limit', () => {
  it('answers 429 with Retry-After past the per-token rate', async () => {
    const srv = await startTestServer({ rateLimit: 1 });
    try {
      const codes: number[] = [];
      let retry: string | null = null;
      for (let i = 0; i < 4; i++) {
        const r = await srv.call('GET', '/orchestrator/runs', { token: TOKENS.alice });
        codes.push(r.status);
        if (r.status === 429) retry = r.headers.get('retry-after');
      }
      assert.ok(codes.includes(429), codes.join());
      assert.ok(Number(retry) >= 1);
      assert.equal((await srv.call('GET', '/orchestrator/runs', { token: TOKENS.bob })).status, 200, 'another token has its own budget');
    } finally {
      await srv.close();
    }
  });
});

describe('team server secrets', function () {
  this.timeout(30000);
  it('lends a profile only the server variables it was told to, by name', async () => {
    const ask = await startAskServer({ token: 'ask-secret-value-123' });
    process.env.AIQK_TEST_ASK_TOKEN = 'ask-secret-value-123';
    const profile = {
      version: 1,
      target: { mode: 'api', base_url: ask.url, auth: { bearer_env: 'AIQK_TEST_ASK_TOKEN' }, retries: 0 },
      suites: ['red_team'],
    };
    const closed = await startTestServer();
    const open = await startTestServer({ secretNames: ['AIQK_TEST_ASK_TOKEN'] });
    try {
      const refused = await closed.call('POST', '/orchestrator/run_tests', { token: TOKENS.alice, json: { profile } });
      assert.equal(refused.body.status, 'error');
      assert.match(refused.body.run.reason, /AIQK_TEST_ASK_TOKEN/);
      assert.equal(ask.requests.length, 0, 'nothing was sent without the secret');
      const lent = await open.call('POST', '/orchestrator/run_tests', { token: TOKENS.alice, json: { profile } });
      assert.notEqual(lent.body.status, 'error', JSON.stringify(lent.body));
      assert.ok(ask.requests.length > 0);
    } finally {
      delete process.env.AIQK_TEST_ASK_TOKEN;
      await closed.close();
      await open.close();
      await ask.close();
    }
  });
});

describe('team server stop', function () {
  this.timeout(30000);
  it('cancels running runs with their partial reports and ends queued ones cancelled', async () => {
    const ask = await startAskServer();
    ask.setFault({ kind: 'hang' });
    const srv = await startTestServer({ maxConcurrent: 1 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 2; i++)
        ids.push((await srv.call('POST', '/orchestrator/start', { token: TOKENS.alice, json: { profile: hanging(ask) } })).body.run_id);
      assert.deepEqual(
        ids.map((id) => srv.server.context.runs.get(id)?.status),
        ['running', 'queued'],
      );
      await srv.server.stop('server stopping (test)');
      assert.deepEqual(
        ids.map((id) => srv.server.context.runs.get(id)?.status),
        ['cancelled', 'cancelled'],
      );
      const report = JSON.parse(await readFile(path.join(srv.dataDir, 'reports', `${ids[0]}.json`), 'utf8'));
      assert.equal(report.run.status, 'cancelled');
      assert.match(srv.server.context.runs.get(ids[1] as string)?.reason ?? '', /before the run started/);
    } finally {
      await ask.close();
      await rm(srv.dataDir, { recursive: true, force: true });
    }
  });
});
