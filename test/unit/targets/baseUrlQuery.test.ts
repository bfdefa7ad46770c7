import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AiqkTarget } from '../../../src/engine/targets/http/aiqkTarget';
import { OpenAiTarget } from '../../../src/engine/targets/http/openaiTarget';
import { HttpTemplateTarget } from '../../../src/engine/targets/http/httpTarget';
import { joinUrl } from '../../../src/engine/targets/http/httpCommon';

// Some gateways take their key in the query string: `base_url: https://gw/?api_key=…`.
// The request path goes before the query, not after it (`/?api_key=…/ask`).
describe('a base_url with a query string (against a real server)', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  const signal = new AbortController().signal;
  before(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        const openai = req.url?.includes('/chat/completions');
        res.end(JSON.stringify(openai ? { choices: [{ message: { role: 'assistant', content: 'ok' } }] } : { answer: 'ok' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  it('aiqk: POST /ask keeps the query at the end', async () => {
    const t = new AiqkTarget({ baseUrl: `${base}/?api_key=k123`, timeoutMs: 5000, retries: 0 });
    const r = await t.ask({ question: 'q', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(seen, ['/ask?api_key=k123']);
  });

  it('openai: the chat-completions path goes before the query, with or without /v1', async () => {
    for (const b of [`${base}/v1?key=k1`, `${base}/gw?key=k2`]) {
      const t = new OpenAiTarget({ baseUrl: b, timeoutMs: 5000, retries: 0, model: 'm' });
      const r = await t.ask({ question: 'q', signal });
      assert.ok(r.ok, JSON.stringify(r));
    }
    assert.deepEqual(seen, ['/v1/chat/completions?key=k1', '/gw/v1/chat/completions?key=k2']);
  });

  it('http: the template path and its own query join the base query', async () => {
    const t = new HttpTemplateTarget({
      baseUrl: `${base}/api?key=k3`,
      timeoutMs: 5000,
      retries: 0,
      template: { method: 'GET', path: '/search?q={{question}}', headers: {}, body: '', answerPath: '$.answer' },
    });
    const r = await t.ask({ question: 'a b', signal });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(seen, ['/api/search?key=k3&q=a%20b']);
  });

  it('joinUrl drops a fragment and keeps one slash', () => {
    assert.equal(joinUrl('http://h/x/?a=1#frag', '/y'), 'http://h/x/y?a=1');
    assert.equal(joinUrl('http://h', 'y'), 'http://h/y');
    assert.equal(joinUrl('http://h/x', 'http://other/z'), 'http://other/z');
  });
});
