import { strict as assert } from 'node:assert';
import { HttpTemplateTarget, jsonEscape } from '../../../src/engine/targets/http/httpTarget';
import type { HttpTemplate, HttpTemplateTargetConfig } from '../../../src/engine/targets/http/httpTarget';
import { bearerAuth } from '../../../src/engine/targets/http/httpCommon';
import type { AskResult } from '../../../src/engine/model/target';
import { startJsonApiServer } from '../../fixtures/servers/jsonApiServer';
import type { JsonApiServer } from '../../fixtures/servers/jsonApiServer';

const KEY = 'key-live-5c0ffee5c0ffee';
const BACKOFF = { baseMs: 5, maxMs: 20, maxRetryAfterMs: 2000 };

function failed(r: AskResult): Extract<AskResult, { ok: false }> {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r)}`);
  return r as Extract<AskResult, { ok: false }>;
}

describe('HttpTemplateTarget against a real JSON API', () => {
  let server: JsonApiServer;
  const signal = new AbortController().signal;
  const chat: HttpTemplate = {
    method: 'POST',
    path: '/chat',
    headers: { 'X-Trace': 'q={{question}}' },
    body: '{"q": "{{question}}", "lang": "en"}',
    answerPath: '$.data.reply',
    contextsPath: '$.data.sources[*].text',
  };
  const make = (template: Partial<HttpTemplate> = {}, extra: Partial<HttpTemplateTargetConfig> = {}): HttpTemplateTarget =>
    new HttpTemplateTarget({
      baseUrl: server.url,
      timeoutMs: 5000,
      retries: 1,
      backoff: BACKOFF,
      auth: bearerAuth(KEY, 'X-API-Key'),
      template: { ...chat, ...template },
      ...extra,
    });

  beforeEach(async () => {
    server = await startJsonApiServer({ apiKey: KEY });
  });
  afterEach(async () => {
    await server.close();
  });

  it('fills the template, sends the key in its own header and extracts answer and contexts', async () => {
    const r = await make().ask({ question: 'How do refunds work?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.answer, 'Refunds are available within 30 days of purchase.');
    assert.deepEqual(r.contexts, ['Refund policy: customers can request a refund within 30 days of purchase from the Billing page.']);
    const sent = server.requests[0];
    assert.equal(sent.headers['x-api-key'], KEY);
    assert.equal(sent.headers.authorization, undefined);
    assert.equal(sent.headers['x-trace'], 'q=How do refunds work?');
    assert.deepEqual(JSON.parse(sent.body), { q: 'How do refunds work?', lang: 'en' });
  });

  it('escapes quotes, backslashes, line breaks and unicode in the question', async () => {
    const question = 'He said "refund?"\nC:\\path\ttab — ünïcode ✓';
    const r = await make().ask({ question, signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(JSON.parse(server.requests[0].body).q, question);
    assert.equal(
      server.requests[0].headers['x-trace'],
      `q=He said "refund?" C:\\path tab ${encodeURIComponent('—')} ünïcode ${encodeURIComponent('✓')}`,
    );
  });

  it('puts the question in the path of a GET, URL-encoded, without a body', async () => {
    const r = await make({
      method: 'GET',
      path: '/search?q={{question}}',
      answerPath: '$.top.text',
      contextsPath: '$.results[*].snippet',
    }).ask({ question: 'shipping & delivery?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.answer, 'Standard shipping takes 3 to 5 business days.');
    assert.equal(r.contexts.length, 1);
    assert.equal(server.requests[0].path, '/search?q=shipping%20%26%20delivery%3F');
    assert.equal(server.requests[0].body, '');
  });

  it('accepts a plain-text reply with answer_path $', async () => {
    const r = await make({ path: '/text', answerPath: '$', contextsPath: undefined }).ask({ question: 'support hours', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.answer, 'Support is open Monday to Friday, 9:00 to 17:00 CET.');
  });

  it('fails as protocol when answer_path matches nothing or selects an object', async () => {
    const none = failed(await make({ answerPath: '$.data.answer' }).ask({ question: 'refund', signal }));
    assert.equal(none.error.kind, 'protocol');
    assert.match(none.error.message, /matched nothing/);
    assert.match(none.error.bodyExcerpt ?? '', /"reply"/);
    const obj = failed(await make({ answerPath: '$.data' }).ask({ question: 'refund', signal }));
    assert.match(obj.error.message, /does not select text/);
  });

  it('maps statuses and faults like the other HTTP targets', async () => {
    const forbidden = failed(await make({}, { auth: bearerAuth('nope-nope', 'X-API-Key') }).ask({ question: 'refund', signal }));
    assert.equal(forbidden.error.status, 403);
    server.setFault({ kind: 'malformed' });
    assert.equal(failed(await make().ask({ question: 'refund', signal })).error.kind, 'unparseable');
    server.setFault({ kind: 'status', status: 502 });
    const bad = failed(await make().ask({ question: 'refund', signal }));
    assert.equal(bad.meta.attempts, 2);
    server.setFault({ kind: 'echoAuth' });
    const leak = failed(await make().ask({ question: 'refund', signal, noRetry: true }));
    assert.ok(!JSON.stringify(leak).includes(KEY));
    assert.match(leak.error.bodyExcerpt ?? '', /x-api-key=\*\*\*/);
  });

  it('rejects a body template that is not JSON once the question is in', () => {
    assert.throws(() => make({ body: '{"q": {{question}}}' }), /inside a JSON string/);
    assert.doesNotThrow(() => make({ body: 'q={{question}}', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }));
    assert.doesNotThrow(() => make({ method: 'GET', body: '' }));
  });

  it('rejects invalid JSONPaths when built', () => {
    assert.throws(() => make({ answerPath: 'data.reply' }), /starts with '\$'/);
    assert.throws(() => make({ contextsPath: '$..text' }), /recursive descent/);
  });

  it('lets a template header replace the default content type', async () => {
    const r = await make({ headers: { 'Content-Type': 'application/json; charset=utf-8' } }).ask({ question: 'refund', signal });
    assert.ok(r.ok);
    assert.equal(server.requests[0].headers['content-type'], 'application/json; charset=utf-8');
  });

  it('escapes for JSON string literals', () => {
    assert.equal(jsonEscape('a"b\\c\nd\u0001'), 'a\\"b\\\\c\\nd\\u0001');
  });
});
