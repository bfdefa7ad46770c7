import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { MAX_SSE_EVENT_CHARS, SseParser } from '../../../src/engine/targets/http/sse';
import { OpenAiTarget } from '../../../src/engine/targets/http/openaiTarget';

describe('SseParser', () => {
  it('dispatches events on blank lines and ignores comments', () => {
    const p = new SseParser();
    const events = p.push(': hello\n\ndata: {"a":1}\n\nevent: done\ndata: [DONE]\n\n');
    assert.deepEqual(events, [
      { event: 'message', data: '{"a":1}' },
      { event: 'done', data: '[DONE]' },
    ]);
  });

  it('reassembles events split anywhere, including inside CRLF', () => {
    const text = 'data: one\r\n\r\ndata: two\r\ndata: lines\r\n\r\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new SseParser();
      const events = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()];
      assert.deepEqual(
        events.map((e) => e.data),
        ['one', 'two\nlines'],
        `cut at ${cut}`,
      );
    }
  });

  it('dispatches an unterminated last event at the end', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('data: tail'), []);
    assert.deepEqual(p.end(), [{ event: 'message', data: 'tail' }]);
  });

  it('keeps a value without the optional space and fields without a colon', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('data:x\ndata\n\n'), [{ event: 'message', data: 'x\n' }]);
  });
});

describe('SseParser on hostile streams', () => {
  it('examines each character once on a 10 MB line without a line break, and stops at the event limit', () => {
    const p = new SseParser();
    const piece = 'x'.repeat(64 * 1024);
    let fed = 'data: '.length;
    p.push('data: ');
    for (let i = 0; i < 160; i++) {
      assert.deepEqual(p.push(piece), []);
      fed += piece.length;
      if (p.overflow) break;
    }
    assert.ok(p.overflow, 'the event limit was reached');
    assert.equal(p.overflow.limit, MAX_SSE_EVENT_CHARS);
    assert.ok(p.overflow.chars > MAX_SSE_EVENT_CHARS && p.overflow.chars <= MAX_SSE_EVENT_CHARS + piece.length);
    assert.equal(p.scannedChars, fed, 'no character was scanned twice');
    assert.deepEqual(p.push('\n\n'), [], 'nothing more is read after the limit');
    assert.deepEqual(p.end(), []);
  });

  it('caps an event made of many data lines too, and scans split lines once', () => {
    const p = new SseParser(1000);
    const out = p.push('data: ' + 'a'.repeat(300) + '\n');
    out.push(...p.push('data: ' + 'b'.repeat(300)), ...p.push('b'.repeat(10) + '\n\n'));
    assert.deepEqual(
      out.map((e) => e.data.length),
      [300 + 1 + 310],
    );
    for (let i = 0; i < 4; i++) p.push('data: ' + 'c'.repeat(300) + '\n');
    assert.deepEqual(p.overflow, { chars: 1204, limit: 1000 });
  });
});

describe('OpenAiTarget against a server streaming one huge line', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  // Streams `data: ` and then `mb` MB of 'x' with no line break, in 64 KB writes.
  async function hugeLineServer(mb: number): Promise<string> {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: ');
      const piece = Buffer.alloc(64 * 1024, 'x');
      let left = mb * 16;
      const more = (): void => {
        while (left > 0) {
          left--;
          if (!res.write(piece)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const ask = (baseUrl: string) =>
    new OpenAiTarget({ baseUrl, timeoutMs: 15_000, retries: 0, backoff: { baseMs: 5, maxMs: 5, maxRetryAfterMs: 5 } }).ask({
      question: 'hi',
      signal: new AbortController().signal,
    });

  it('reports a 10 MB reply as too large, with its size and the limit, not as a timeout', async () => {
    const r = await ask(await hugeLineServer(10));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.kind, 'unparseable');
    assert.match(r.error.message, /^reply too large \((\d+) bytes, limit 10485760\)$/);
    assert.ok(Number(/\((\d+) bytes/.exec(r.error.message)?.[1]) > 10485760);
  });

  it('reports one stream event over the event limit as too large', async () => {
    const r = await ask(await hugeLineServer(5));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.error.message, new RegExp(`^reply too large \\(a stream event of \\d+ characters, limit ${MAX_SSE_EVENT_CHARS}\\)$`));
  });
});
