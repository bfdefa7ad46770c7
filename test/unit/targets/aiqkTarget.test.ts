import { strict as assert } from 'node:assert';
import { AiqkTarget } from '../../../src/engine/targets/http/aiqkTarget';
import type { AiqkTargetConfig } from '../../../src/engine/targets/http/aiqkTarget';
import { bearerAuth } from '../../../src/engine/targets/http/httpCommon';
import type { AskResult } from '../../../src/engine/model/target';
import { startAskServer } from '../../fixtures/servers/askServer';
import type { AskServer } from '../../fixtures/servers/askServer';

const TOKEN = 'sk-test-7f3a9c1e5b2d4f60';
// Fast backoff keeps retried tests short; Retry-After stays honoured up to 2 s.
const BACKOFF = { baseMs: 5, maxMs: 20, maxRetryAfterMs: 2000 };

function failed(r: AskResult): Extract<AskResult, { ok: false }> {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r)}`);
  return r as Extract<AskResult, { ok: false }>;
}

describe('AiqkTarget against a real /ask server', () => {
  let server: AskServer;
  let target: AiqkTarget;
  const signal = new AbortController().signal;

  const make = (extra: Partial<AiqkTargetConfig> = {}): AiqkTarget =>
    new AiqkTarget({
      baseUrl: server.url,
      timeoutMs: 5000,
      retries: 2,
      backoff: BACKOFF,
      provider: 'openai',
      model: 'gpt-4o-mini',
      auth: bearerAuth(TOKEN),
      ...extra,
    });

  beforeEach(async () => {
    server = await startAskServer({ token: TOKEN });
    target = make();
  });
  afterEach(async () => {
    await target.close();
    await server.close();
  });

  it('sends {query, provider, model} with the bearer token and reads answer, contexts and X-* headers', async () => {
    const r = await target.ask({ question: 'How do refunds work?', signal });
    assert.ok(r.ok);
    assert.equal(r.answer, 'Refunds are available within 30 days of purchase.');
    assert.deepEqual(r.contexts, ['Refund policy: customers can request a refund within 30 days of purchase from the Billing page.']);
    assert.equal(r.meta.source, 'live');
    assert.equal(r.meta.perfPhase, 'cold');
    assert.equal(typeof r.meta.serverLatencyMs, 'number');
    assert.equal(r.meta.attempts, 1);
    assert.equal(r.meta.status, 200);
    const sent = server.requests[0];
    assert.equal(sent.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(JSON.parse(sent.body), { query: 'How do refunds work?', provider: 'openai', model: 'gpt-4o-mini' });
    const again = await target.ask({ question: 'How do refunds work?', signal });
    assert.ok(again.ok);
    assert.equal(again.meta.source, 'cache');
    assert.equal(again.meta.perfPhase, 'warm');
  });

  it('fails with http_status 401 without retrying when the token is wrong', async () => {
    const t = make({ auth: bearerAuth('wrong-token-123') });
    const r = failed(await t.ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'http_status');
    assert.equal(r.error.status, 401);
    assert.equal(r.meta.attempts, 1);
    assert.equal(server.requests.length, 1);
  });

  it('retries a 500 and fails after all attempts, counting them', async () => {
    server.setFault({ kind: 'status', status: 500 });
    const r = failed(await target.ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'http_status');
    assert.equal(r.error.status, 500);
    assert.match(r.error.message, /after 3 attempts/);
    assert.match(r.error.bodyExcerpt ?? '', /injected status 500/);
    assert.equal(r.meta.attempts, 3);
    assert.equal(server.requests.length, 3);
  });

  it('succeeds on a retry after a transient 503, and reports the attempts', async () => {
    server.setFault({ kind: 'status', status: 503 }, 1);
    const r = await target.ask({ question: 'shipping time?', signal });
    assert.ok(r.ok);
    assert.equal(r.meta.attempts, 2);
    assert.match(r.answer, /3 to 5 business days/);
  });

  it('does not retry when the request says noRetry, nor a 4xx', async () => {
    server.setFault({ kind: 'status', status: 502 });
    const r = failed(await target.ask({ question: 'refund?', signal, noRetry: true }));
    assert.equal(r.meta.attempts, 1);
    server.setFault({ kind: 'status', status: 400 });
    const r2 = failed(await target.ask({ question: 'refund?', signal }));
    assert.equal(r2.meta.attempts, 1);
    assert.equal(server.requests.length, 2);
  });

  it('takes the retry count from the request over the profile', async () => {
    server.setFault({ kind: 'status', status: 500 });
    const r = failed(await target.ask({ question: 'refund?', signal, retries: 0 }));
    assert.equal(r.meta.attempts, 1);
    const r2 = failed(await target.ask({ question: 'refund?', signal, retries: 4 }));
    assert.equal(r2.meta.attempts, 5);
  });

  it('honours Retry-After on a 429: the second attempt arrives no sooner than asked (server clock)', async () => {
    server.setFault({ kind: 'retryAfter', value: '0.3' }, 1);
    const r = await target.ask({ question: 'support hours?', signal });
    assert.ok(r.ok);
    assert.equal(r.meta.attempts, 2);
    const [first, second] = server.requests;
    assert.ok(second.at - first.at >= 300, `second attempt came ${second.at - first.at} ms after the first`);
  });

  it('reports a 429 that persists with the Retry-After it asked for', async () => {
    server.setFault({ kind: 'retryAfter', value: '0' });
    const r = failed(await target.ask({ question: 'x', signal, retries: 1 }));
    assert.equal(r.error.status, 429);
    assert.equal(r.error.retryAfterMs, 0);
    assert.equal(r.meta.attempts, 2);
  });

  it('fails as unparseable on malformed JSON, with an excerpt', async () => {
    server.setFault({ kind: 'malformed' });
    const r = failed(await target.ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'unparseable');
    assert.match(r.error.bodyExcerpt ?? '', /half a reply/);
    assert.equal(r.meta.attempts, 1);
  });

  it('fails as protocol on JSON without an answer', async () => {
    server.setFault({ kind: 'wrongShape' });
    const r = failed(await target.ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'protocol');
    assert.match(r.error.message, /answer/);
  });

  it('classifies a reset connection, retrying it', async () => {
    server.setFault({ kind: 'reset' });
    const r = failed(await target.ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'connection_reset');
    assert.equal(r.meta.attempts, 3);
  });

  it('classifies a refused connection', async () => {
    const closed = await startAskServer();
    const url = closed.url;
    await closed.close();
    const t = make({ baseUrl: url, retries: 1 });
    const r = failed(await t.ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'connection_refused');
    assert.equal(r.meta.attempts, 2);
  });

  it('times out a slow reply without retrying it', async () => {
    server.setFault({ kind: 'delay', ms: 1500 });
    const r = failed(await target.ask({ question: 'refund?', signal, timeoutMs: 100 }));
    assert.equal(r.error.kind, 'timeout');
    assert.match(r.error.message, /100 ms/);
    assert.equal(r.meta.attempts, 1);
  });

  it('times out a reply whose body never ends', async () => {
    server.setFault({ kind: 'hang' });
    const r = failed(await target.ask({ question: 'refund?', signal, timeoutMs: 150 }));
    assert.equal(r.error.kind, 'timeout');
  });

  it('refuses a reply over 10 MB as unparseable', async () => {
    server.setFault({ kind: 'huge', bytes: 20 * 1024 * 1024 });
    const r = failed(await target.ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'unparseable');
    assert.match(r.error.message, /too large/);
  });

  it('stops at once when the run is cancelled mid-request', async () => {
    server.setFault({ kind: 'hang' });
    const ctrl = new AbortController();
    const pending = target.ask({ question: 'refund?', signal: ctrl.signal, timeoutMs: 60000 });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    ctrl.abort();
    const r = failed(await pending);
    assert.equal(r.error.kind, 'aborted');
    assert.ok(r.latencyMs < 60000);
  });

  it('stops waiting for a retry when cancelled during the backoff', async () => {
    server.setFault({ kind: 'retryAfter', value: '1' });
    const ctrl = new AbortController();
    const t = make({ backoff: { ...BACKOFF, maxRetryAfterMs: 60000 } });
    const pending = t.ask({ question: 'refund?', signal: ctrl.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    ctrl.abort();
    const r = failed(await pending);
    assert.equal(r.error.kind, 'aborted');
    assert.equal(server.requests.length, 1);
  });

  it('never leaks the token, even when the server echoes it into an error body', async () => {
    server.setFault({ kind: 'echoAuth' });
    const r = failed(await target.ask({ question: 'refund?', signal, noRetry: true }));
    assert.equal(r.error.status, 500);
    assert.match(r.error.bodyExcerpt ?? '', /authorization=Bearer \*\*\*/);
    const everything = JSON.stringify(r) + target.description;
    assert.ok(!everything.includes(TOKEN), everything);
  });

  it('gives raw route access without credentials for RBAC probes', async () => {
    const res = await target.http.request('/orchestrator/run', { method: 'POST', body: '{}', signal });
    assert.equal(res.status, 401);
    assert.equal(server.requests[0].headers.authorization, undefined);
    const health = await target.http.request('/health', { signal });
    assert.equal(health.status, 200);
  });

  it('describes itself without secrets', () => {
    assert.equal(target.description, `api aiqk ${server.url}/ model gpt-4o-mini`);
    assert.equal(target.conversational, false);
  });
});
