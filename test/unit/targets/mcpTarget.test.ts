import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { McpTarget } from '../../../src/engine/targets/mcp/mcpTarget';
import type { McpTargetConfig } from '../../../src/engine/targets/mcp/mcpTarget';
import { bearerAuth } from '../../../src/engine/targets/http/httpCommon';
import type { AskResult } from '../../../src/engine/model/target';
import { mcpStdioCommand } from '../../fixtures/servers/mcpServer';
import { startMcpHttpServer } from '../../fixtures/servers/mcpHttpServer';
import type { McpHttpServer } from '../../fixtures/servers/mcpHttpServer';

function failed(r: AskResult): Extract<AskResult, { ok: false }> {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r)}`);
  return r as Extract<AskResult, { ok: false }>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('McpTarget over stdio (a real child process)', () => {
  const signal = new AbortController().signal;
  const targets: McpTarget[] = [];
  const make = (extra: Partial<McpTargetConfig> = {}, ...flags: ('--stubborn' | '--crash-on-start')[]): McpTarget => {
    const t = new McpTarget({
      ...mcpStdioCommand(...flags),
      tool: 'ask',
      arguments: { question: '{{question}}' },
      timeoutMs: 10000,
      closeGraceMs: 100,
      ...extra,
    });
    targets.push(t);
    return t;
  };
  afterEach(async () => {
    await Promise.all(targets.splice(0).map((t) => t.close()));
  });

  it('calls the tool and reads the answer (default answer_path) and structured contexts', async () => {
    const t = make({ contextsPath: '$.structuredContent.contexts' });
    assert.equal(t.pid, null, 'no process before the first ask');
    const r = await t.ask({ question: 'How long does shipping take?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.answer, 'Standard shipping takes 3 to 5 business days.');
    assert.deepEqual(r.contexts, ['Shipping: standard shipping takes 3 to 5 business days; express shipping takes 1 business day.']);
    assert.equal(r.meta.attempts, 1);
    assert.match(t.description, /^mcp stdio .*mcpStdioServer\.mjs tool ask$/);
  });

  it('starts one server for concurrent asks, and close() ends it', async () => {
    const t = make({ tool: 'env', arguments: { name: 'NOPE_{{question}}' } });
    const results = await Promise.all([1, 2, 3, 4].map((i) => t.ask({ question: String(i), signal })));
    const pids = results.map((r) => {
      assert.ok(r.ok, JSON.stringify(r));
      return JSON.parse(r.answer).pid as number;
    });
    assert.equal(new Set(pids).size, 1);
    assert.equal(t.pid, pids[0]);
    assert.ok(isAlive(pids[0]));
    await t.close();
    assert.equal(isAlive(pids[0]), false);
    assert.equal(t.pid, null);
    await t.close(); // twice is fine
    assert.equal(failed(await t.ask({ question: 'x', signal })).error.kind, 'aborted');
  });

  it('substitutes {{question}} in nested arguments, passes env and cwd, and masks echoed secrets', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aiqk-mcp-'));
    try {
      const t = make({
        tool: 'env',
        arguments: { name: 'FIXTURE_{{question}}', unused: ['{{question}}', { deep: 'x {{ question }}' }] },
        env: { FIXTURE_VALUE: 'hello', FIXTURE_KEY: 'mcp-secret-4242' },
        secrets: ['mcp-secret-4242'],
        cwd: dir,
      });
      const r = await t.ask({ question: 'VALUE', signal });
      assert.ok(r.ok, JSON.stringify(r));
      const info = JSON.parse(r.answer);
      assert.equal(info.value, 'hello');
      assert.equal(await realpath(info.cwd), await realpath(dir));
      const secret = await t.ask({ question: 'KEY', signal });
      assert.ok(secret.ok);
      assert.equal(JSON.parse(secret.answer).value, '***');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('derives the arguments from the tool schema when the profile gives none', async () => {
    const r = await make({ arguments: undefined }).ask({ question: 'refund?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(r.answer, /30 days/);
  });

  it('reports a tool error (isError) as protocol with its text', async () => {
    const r = failed(await make({ tool: 'fail' }).ask({ question: 'x', signal }));
    assert.equal(r.error.kind, 'protocol');
    assert.match(r.error.message, /knowledge base is unavailable/);
  });

  it('reports an unknown tool as config, listing the tools offered, once per ask without restarting', async () => {
    const t = make({ tool: 'nope' });
    const r = failed(await t.ask({ question: 'x', signal }));
    assert.equal(r.error.kind, 'config');
    assert.match(r.error.message, /no tool 'nope'; it offers: ask, slow, fail, env/);
    const again = failed(await t.ask({ question: 'x', signal }));
    assert.equal(again.error.message, r.error.message);
    assert.equal(t.pid, null, 'the server started to list tools is gone');
  });

  it('reports an answer_path that matches nothing as protocol', async () => {
    const r = failed(await make({ answerPath: '$.content[3].text' }).ask({ question: 'refund', signal }));
    assert.equal(r.error.kind, 'protocol');
    assert.match(r.error.message, /matched nothing/);
  });

  it('times out a slow tool', async () => {
    const t = make({ tool: 'slow', arguments: { question: '{{question}}', ms: 5000 } });
    const r = failed(await t.ask({ question: 'refund', signal, timeoutMs: 200 }));
    assert.equal(r.error.kind, 'timeout');
  });

  it('returns aborted on cancel mid-call, and close() still ends the busy child', async () => {
    const t = make({ tool: 'slow', arguments: { question: '{{question}}', ms: 30000 } });
    await t.ask({ question: 'warm up', signal, timeoutMs: 50 }); // starts the server; the call itself times out
    const pid = t.pid;
    assert.ok(pid);
    const ctrl = new AbortController();
    const pending = t.ask({ question: 'refund', signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 30);
    const r = failed(await pending);
    assert.equal(r.error.kind, 'aborted');
    assert.ok(isAlive(pid), 'the child is still busy with the slow call');
    await t.close();
    assert.equal(isAlive(pid), false);
  });

  it('kills a child that ignores SIGTERM, even with a call in flight', async () => {
    const t = make({ tool: 'slow', arguments: { question: '{{question}}', ms: 30000 } }, '--stubborn');
    await t.ask({ question: 'warm up', signal, timeoutMs: 50 }); // starts the server; the call itself times out
    const pid = t.pid;
    assert.ok(pid);
    const pending = t.ask({ question: 'refund', signal });
    await new Promise((res) => setTimeout(res, 20));
    await t.close();
    assert.equal(isAlive(pid), false);
    assert.match(t.stderrTail, /ignoring SIGTERM/, 'SIGTERM was sent and ignored, so SIGKILL ended it');
    const r = failed(await pending);
    assert.equal(r.error.kind, 'aborted');
    assert.match(r.error.message, /closed while the call was in flight/);
  });

  it('starts a new server when the running one dies between asks', async () => {
    const t = make({ tool: 'env', arguments: { name: 'X' } });
    const first = await t.ask({ question: 'x', signal });
    assert.ok(first.ok);
    const pid = JSON.parse(first.answer).pid as number;
    process.kill(pid, 'SIGKILL');
    while (t.pid !== null) await new Promise((res) => setTimeout(res, 5));
    const second = await t.ask({ question: 'x', signal });
    assert.ok(second.ok, JSON.stringify(second));
    assert.notEqual(JSON.parse(second.answer).pid, pid);
  });

  it('explains a server that dies on start with its stderr, and remembers it', async () => {
    const t = make({}, '--crash-on-start');
    const r = failed(await t.ask({ question: 'x', signal }));
    assert.ok(['connection_reset', 'connection_error'].includes(r.error.kind), r.error.kind);
    assert.match(r.error.message, /missing configuration FIXTURE_DB_URL/);
    const again = failed(await t.ask({ question: 'x', signal }));
    assert.equal(again.error.message, r.error.message);
  });

  it('reports a command that does not exist as config', async () => {
    const t = make({ command: 'aiqk-no-such-command-xyz', args: [] });
    const r = failed(await t.ask({ question: 'x', signal }));
    assert.equal(r.error.kind, 'config');
    assert.match(r.error.message, /ENOENT/);
  });

  it('rejects a config without command or url', () => {
    assert.throws(() => new McpTarget({ tool: 'ask', timeoutMs: 1000 }), /command .* or a url/);
  });
});

describe('McpTarget over streamable HTTP (a real server)', () => {
  const TOKEN = 'mcp-http-token-31337';
  let server: McpHttpServer;
  let target: McpTarget;
  const signal = new AbortController().signal;

  beforeEach(async () => {
    server = await startMcpHttpServer({ token: TOKEN });
  });
  afterEach(async () => {
    await target?.close();
    await server.close();
  });

  it('calls the tool over HTTP with the bearer token', async () => {
    target = new McpTarget({
      url: server.url,
      auth: bearerAuth(TOKEN),
      tool: 'ask',
      arguments: { question: '{{question}}' },
      contextsPath: '$.structuredContent.contexts',
      timeoutMs: 5000,
      secrets: [TOKEN],
    });
    const r = await target.ask({ question: 'What are the support hours?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.answer, 'Support is open Monday to Friday, 9:00 to 17:00 CET.');
    assert.equal(r.contexts.length, 1);
    const r2 = await target.ask({ question: 'refund', signal });
    assert.ok(r2.ok);
    assert.deepEqual(
      server.methods.filter((m) => m === 'initialize'),
      ['initialize'],
      'connected once',
    );
    assert.equal(server.methods.filter((m) => m === 'tools/call').length, 2);
    assert.equal(target.pid, null);
    assert.match(target.description, /^mcp http http:\/\/127\.0\.0\.1:\d+\/mcp tool ask$/);
  });

  it('fails clearly with a wrong token, without leaking it', async () => {
    target = new McpTarget({
      url: server.url,
      auth: bearerAuth('wrong-token-1234'),
      tool: 'ask',
      timeoutMs: 5000,
      secrets: ['wrong-token-1234'],
    });
    const r = failed(await target.ask({ question: 'x', signal }));
    assert.match(r.error.message, /401|credentials|unauthori/i);
    assert.ok(!JSON.stringify(r).includes('wrong-token-1234'));
  });

  it('ends a stateful session on close', async () => {
    const stateful = await startMcpHttpServer({ stateful: true });
    try {
      target = new McpTarget({ url: stateful.url, tool: 'ask', timeoutMs: 5000, closeGraceMs: 500 });
      const r = await target.ask({ question: 'refund', signal });
      assert.ok(r.ok, JSON.stringify(r));
      await target.close();
      assert.equal(stateful.methods.at(-1), 'DELETE');
    } finally {
      await stateful.close();
    }
  });

  it('reports a refused connection', async () => {
    const url = server.url;
    await server.close();
    target = new McpTarget({ url, tool: 'ask', timeoutMs: 5000 });
    const r = failed(await target.ask({ question: 'x', signal }));
    assert.equal(r.error.kind, 'connection_refused');
  });
});
