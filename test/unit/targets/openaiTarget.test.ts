import { strict as assert } from 'node:assert';
import { chatCompletionsUrl, OpenAiTarget } from '../../../src/engine/targets/http/openaiTarget';
import type { OpenAiTargetConfig } from '../../../src/engine/targets/http/openaiTarget';
import { bearerAuth } from '../../../src/engine/targets/http/httpCommon';
import type { AskResult } from '../../../src/engine/model/target';
import { startOpenAiServer } from '../../fixtures/servers/openaiServer';
import type { OpenAiServer, OpenAiServerOptions } from '../../fixtures/servers/openaiServer';

const TOKEN = 'sk-openai-test-0123456789abcdef';
const BACKOFF = { baseMs: 5, maxMs: 20, maxRetryAfterMs: 2000 };

function failed(r: AskResult): Extract<AskResult, { ok: false }> {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r)}`);
  return r as Extract<AskResult, { ok: false }>;
}

describe('OpenAiTarget against a real chat-completions server', () => {
  let server: OpenAiServer;
  const signal = new AbortController().signal;
  const start = async (options: OpenAiServerOptions = {}): Promise<void> => {
    server = await startOpenAiServer({ token: TOKEN, chunkDelayMs: 25, ...options });
  };
  const make = (extra: Partial<OpenAiTargetConfig> = {}): OpenAiTarget =>
    new OpenAiTarget({
      baseUrl: server.url,
      timeoutMs: 5000,
      retries: 2,
      backoff: BACKOFF,
      model: 'fixture-4',
      auth: bearerAuth(TOKEN),
      ...extra,
    });

  afterEach(async () => {
    await server.close();
  });

  it('streams the answer, measuring time to first token below the total', async () => {
    await start();
    const r = await make({ systemPrompt: 'You answer about the fixture product.' }).ask({
      question: 'What are the support hours?',
      history: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ],
      signal,
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.answer, 'Support is open Monday to Friday, 9:00 to 17:00 CET.');
    assert.equal(typeof r.ttftMs, 'number');
    assert.ok((r.ttftMs ?? Infinity) < r.latencyMs, `ttft ${r.ttftMs} vs total ${r.latencyMs}`);
    assert.equal(r.meta.model, 'fixture-4');
    assert.deepEqual(r.contexts, []);
    const body = JSON.parse(server.requests[0].body);
    assert.equal(body.stream, true);
    assert.equal(body.model, 'fixture-4');
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You answer about the fixture product.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'What are the support hours?' },
    ]);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(server.requests[0].path, '/v1/chat/completions');
  });

  it('does not double /v1 when the base URL already ends with it', async () => {
    await start({ prefix: '/api/v1' });
    const r = await make({ baseUrl: `${server.url}/api/v1/` }).ask({ question: 'refund?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(server.requests[0].path, '/api/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h/v1'), 'http://h/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h:1/v1/'), 'http://h:1/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h/'), 'http://h/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h/openai'), 'http://h/openai/v1/chat/completions');
  });

  it('falls back to a plain JSON completion when the server does not stream', async () => {
    await start({ mode: 'json' });
    const r = await make().ask({ question: 'How long does shipping take?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.answer, 'Standard shipping takes 3 to 5 business days.');
    assert.equal(r.ttftMs, undefined);
    assert.equal(r.meta.model, 'fixture-4');
  });

  it('reads a non-standard contexts field in stream and JSON replies', async () => {
    await start({ contexts: true });
    const streamed = await make().ask({ question: 'refund?', signal });
    assert.ok(streamed.ok);
    assert.match(streamed.contexts[0], /within 30 days/);
    server.setMode('json');
    const plain = await make().ask({ question: 'refund?', signal });
    assert.ok(plain.ok);
    assert.deepEqual(plain.contexts, streamed.contexts);
  });

  it('fails a stream cut before [DONE] or finish_reason as protocol', async () => {
    await start({ mode: 'cut' });
    const r = failed(await make().ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'protocol');
    assert.match(r.error.message, /ended before/);
  });

  it('fails a stream that reports an error', async () => {
    await start({ mode: 'streamError' });
    const r = failed(await make().ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'protocol');
    assert.match(r.error.message, /overloaded/);
  });

  it('retries a 500, then streams normally', async () => {
    await start();
    server.setFault({ kind: 'status', status: 500 }, 1);
    const r = await make().ask({ question: 'refund?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.meta.attempts, 2);
    assert.equal(r.answer, 'Refunds are available within 30 days of purchase.');
  });

  it('starts the answer over when a stream lost mid-answer is retried', async () => {
    await start();
    server.setMode('resetMidStream', 1);
    const r = await make().ask({ question: 'refund?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.meta.attempts, 2);
    assert.equal(r.answer, 'Refunds are available within 30 days of purchase.');
    server.setMode('resetMidStream', 1);
    const lost = failed(await make({ retries: 0 }).ask({ question: 'refund?', signal }));
    assert.equal(lost.error.kind, 'connection_reset');
  });

  it('fails on an unparseable stream event and on a 401', async () => {
    await start();
    server.setFault({ kind: 'status', status: 200, body: 'data: {not json\n\n', headers: { 'content-type': 'text/event-stream' } }, 1);
    const r = failed(await make().ask({ question: 'refund?', signal }));
    assert.equal(r.error.kind, 'unparseable');
    const r2 = failed(await make({ auth: bearerAuth('bad-token-xyz') }).ask({ question: 'refund?', signal }));
    assert.equal(r2.error.status, 401);
    assert.match(r2.error.bodyExcerpt ?? '', /Incorrect API key/);
  });

  it('stops at once when cancelled mid-stream', async () => {
    await start({ chunkDelayMs: 60000 });
    const ctrl = new AbortController();
    const pending = make({ timeoutMs: 120000 }).ask({ question: 'refund?', signal: ctrl.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30));
    ctrl.abort();
    const r = failed(await pending);
    assert.equal(r.error.kind, 'aborted');
  });

  it('never leaks the token from an echoing error body', async () => {
    await start();
    server.setFault({ kind: 'echoAuth' });
    const r = failed(await make().ask({ question: 'refund?', signal, noRetry: true }));
    assert.ok(!JSON.stringify(r).includes(TOKEN));
    assert.match(r.error.bodyExcerpt ?? '', /Bearer \*\*\*/);
  });

  it('is conversational', async () => {
    await start();
    assert.equal(make().conversational, true);
  });
});
