// The node:http exchange under every HTTP target, against real servers on
// 127.0.0.1: kept-alive connections, redirects, compressed replies, header bytes,
// cut replies, and idle sockets that never keep a process alive.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { httpCall, rawRequest } from '../../../src/engine/targets/http/http';
import type { HttpCallResult } from '../../../src/engine/targets/http/http';
import { listen, readBody, record } from '../../fixtures/servers/serverUtil';
import type { Listening, RecordedRequest } from '../../fixtures/servers/serverUtil';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface TestServer extends Listening {
  requests: RecordedRequest[];
  connections: number;
}

async function serve(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const s = await listen((req, res) => {
    void readBody(req).then((body) => {
      record(requests, req, body);
      handler(req, res, body);
    });
  });
  const server = Object.assign(s, { requests, connections: 0 });
  s.server.on('connection', () => {
    server.connections++;
  });
  return server;
}

const signal = new AbortController().signal;
const call = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  extra: { maxBytes?: number; retries?: number; secrets?: string[] } = {},
): Promise<HttpCallResult> =>
  httpCall(
    { url, method: init.method ?? 'POST', headers: init.headers ?? {}, body: init.body },
    { signal, timeoutMs: 5000, retries: extra.retries ?? 0, maxBytes: extra.maxBytes, secrets: extra.secrets },
  );

function okBody(r: HttpCallResult): string {
  assert.ok(r.ok, `expected a reply, got ${JSON.stringify(r)}`);
  return r.reply.body;
}

function errorOf(r: HttpCallResult): Extract<HttpCallResult, { ok: false }>['error'] {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r)}`);
  return (r as Extract<HttpCallResult, { ok: false }>).error;
}

describe('HTTP exchange (node:http, keep-alive)', () => {
  const servers: TestServer[] = [];
  const start = async (handler: Handler): Promise<TestServer> => {
    const s = await serve(handler);
    servers.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('sends calls one after another over one kept-alive connection', async () => {
    const s = await start((_req, res, body) => res.end(`echo ${body}`));
    for (let i = 0; i < 5; i++) assert.equal(okBody(await call(`${s.url}/ask`, { body: `q${i}` })), `echo q${i}`);
    assert.equal(s.requests.length, 5);
    assert.equal(s.connections, 1);
    assert.equal(s.requests[0]?.headers.connection, 'keep-alive');
  });

  it('sends its own user agent unless the profile sets one, and header values as Latin-1 bytes', async () => {
    const s = await start((_req, res) => res.end('{}'));
    okBody(await call(s.url, { headers: { 'x-note': 'ünïcode' }, body: '{"q":"ünïcode ✓"}' }));
    okBody(await call(s.url, { method: 'GET', headers: { 'User-Agent': 'my-app/2' } }));
    assert.equal(s.requests[0]?.headers['user-agent'], 'ai-quality-kit');
    assert.equal(s.requests[0]?.headers['x-note'], 'ünïcode');
    assert.equal(s.requests[0]?.body, '{"q":"ünïcode ✓"}');
    assert.equal(s.requests[0]?.headers['content-length'], String(Buffer.byteLength('{"q":"ünïcode ✓"}')));
    assert.equal(s.requests[1]?.headers['user-agent'], 'my-app/2');
  });

  it('reads gzip, deflate and brotli replies a server compressed anyway, and caps their decompressed size', async () => {
    const text = JSON.stringify({ answer: 'Refunds take 30 days. '.repeat(50) });
    const s = await start((req, res) => {
      if (req.url === '/gzip') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(text));
      else if (req.url === '/br') res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text));
      else if (req.url === '/bomb') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(3 * 1024 * 1024)));
      else res.writeHead(200, { 'content-encoding': 'gzip' }).end('this is not gzip at all');
    });
    assert.equal(okBody(await call(`${s.url}/gzip`)), text);
    assert.equal(okBody(await call(`${s.url}/br`)), text);
    const bomb = errorOf(await call(`${s.url}/bomb`, {}, { maxBytes: 1024 * 1024 }));
    assert.equal(bomb.kind, 'unparseable');
    assert.match(bomb.message, /reply too large/);
    const broken = errorOf(await call(`${s.url}/broken`));
    assert.equal(broken.kind, 'unparseable');
    assert.match(broken.message, /gzip reply could not be decompressed/);
  });

  it('follows a 307 with the same method and body, and a 302 of a GET', async () => {
    const s = await start((req, res, body) => {
      if (req.url === '/old') res.writeHead(307, { location: '/new' }).end();
      else if (req.url === '/moved') res.writeHead(302, { location: '/new' }).end();
      else res.end(`${req.method} ${body}`);
    });
    assert.equal(okBody(await call(`${s.url}/old`, { body: 'question' })), 'POST question');
    assert.equal(okBody(await call(`${s.url}/moved`, { method: 'GET' })), 'GET ');
    assert.deepEqual(
      s.requests.map((r) => `${r.method} ${r.path}`),
      ['POST /old', 'POST /new', 'GET /moved', 'GET /new'],
    );
  });

  it('does not turn a redirected POST into a GET: it fails and says where the target moved', async () => {
    const s = await start((_req, res) => res.writeHead(301, { location: '/v2/ask?token=abc' }).end());
    const error = errorOf(await call(`${s.url}/ask`, { body: 'q' }));
    assert.equal(error.kind, 'http_status');
    assert.equal(error.status, 301);
    assert.match(
      error.message,
      new RegExp(`redirects to ${s.url.replace(/[.:/]/g, '\\$&')}/v2/ask \\(a POST is only re-sent after a 307 or 308`),
    );
    assert.ok(!error.message.includes('token=abc'), 'the query of the new address is not shown');
    assert.equal(s.requests.length, 1);
  });

  it('drops credentials when a redirect leaves the origin, and stops after five hops', async () => {
    const other = await start((_req, res) => res.end('elsewhere'));
    const s = await start((req, res) => {
      if (req.url === '/out') res.writeHead(308, { location: `${other.url}/in` }).end();
      else res.writeHead(307, { location: '/loop' }).end();
    });
    const headers = {
      authorization: 'Bearer sk-1',
      'x-api-key': 'k',
      'X-Token': 'custom-auth-header',
      'X-Tenant': 'tenant-9f8e7d',
      'x-keep': 'yes',
    };
    assert.equal(okBody(await call(`${s.url}/out`, { headers, body: 'q' }, { secrets: ['tenant-9f8e7d'] })), 'elsewhere');
    assert.equal(s.requests[0]?.headers['x-tenant'], 'tenant-9f8e7d');
    assert.equal(s.requests[0]?.headers.authorization, 'Bearer sk-1');
    assert.equal(s.requests[0]?.headers['x-token'], 'custom-auth-header');
    assert.equal(other.requests[0]?.headers.authorization, undefined);
    assert.equal(other.requests[0]?.headers['x-api-key'], undefined);
    assert.equal(other.requests[0]?.headers['x-token'], undefined, 'a custom auth header (target.auth.header) is dropped too');
    assert.equal(other.requests[0]?.headers['x-tenant'], undefined, 'a header carrying a known secret, whatever its name, is dropped');
    assert.equal(other.requests[0]?.headers['x-keep'], 'yes');
    const loop = errorOf(await call(`${s.url}/loop`, { body: 'q' }));
    assert.equal(loop.kind, 'http_status');
    assert.equal(loop.status, 307);
    assert.match(loop.message, new RegExp(`too many redirects, the last to ${s.url.replace(/[.:/]/g, '\\$&')}/loop`));
    assert.equal(s.requests.filter((r) => r.path === '/loop').length, 6, 'the first call and five redirects');
  });

  it('fails a reply cut off mid-body as a reset, and retries it when asked', async () => {
    let n = 0;
    const s = await start((_req, res) => {
      if (n++ > 0) {
        res.end('{"answer":"whole"}');
        return;
      }
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"answer":"par');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const cut = errorOf(await call(s.url));
    assert.equal(cut.kind, 'connection_reset');
    n = 0;
    assert.equal(okBody(await call(s.url, {}, { retries: 1 })), '{"answer":"whole"}');
  });

  it('refuses URLs it cannot send to as configuration errors, without trying', async () => {
    const ftp = errorOf(await call('ftp://127.0.0.1/x', {}, { retries: 3 }));
    assert.equal(ftp.kind, 'config');
    assert.match(ftp.message, /unsupported protocol ftp:/);
    const bad = errorOf(await call('not a url'));
    assert.equal(bad.kind, 'config');
    const creds = errorOf(await call('http://user:hunter2@127.0.0.1:9/x'));
    assert.match(creds.message, /includes credentials/);
    assert.ok(!creds.message.includes('hunter2'));
    const badName = errorOf(await call('http://127.0.0.1:9/x', { headers: { 'bad header': 'x' } }));
    assert.equal(badName.kind, 'config');
  });

  it('rawRequest gives the status of a redirect without following it, and a body cut to 64 KB', async () => {
    const s = await start((req, res) => {
      if (req.url === '/admin') res.writeHead(302, { location: '/login' }).end();
      else res.end('x'.repeat(100 * 1024));
    });
    assert.deepEqual(await rawRequest(`${s.url}/admin`, { signal }, 2000), { status: 302, body: '' });
    const big = await rawRequest(`${s.url}/big`, { signal }, 2000);
    assert.equal(big.status, 200);
    assert.equal(big.body.length, 64 * 1024);
    assert.equal(s.requests.length, 2);
  });

  it('leaves no socket that keeps a process alive after its last call', async () => {
    const s = await start((_req, res) => res.end('bye'));
    const module = pathToFileURL(join(__dirname, '..', '..', '..', 'src', 'engine', 'targets', 'http', 'http.ts')).href;
    const script = `const loaded = await import(${JSON.stringify(module)});
      const { httpCall } = loaded.httpCall ? loaded : loaded.default;
      const r = await httpCall({ url: process.argv[1], method: 'GET', headers: {} }, { signal: new AbortController().signal, timeoutMs: 5000, retries: 0 });
      await new Promise((resolve) => setImmediate(resolve));
      const holding = process.getActiveResourcesInfo().filter((kind) => kind.startsWith('TCP'));
      console.log(JSON.stringify({ body: r.ok ? r.reply.body : 'failed', holding }));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, s.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    // The idle socket stays open for reuse but is not among what keeps the event loop alive.
    const code = await new Promise<number | string>((resolve) => {
      const guard = setTimeout(() => {
        child.kill();
        resolve('still running after 20 s');
      }, 20_000);
      child.once('exit', (c) => {
        clearTimeout(guard);
        resolve(c ?? 'killed');
      });
    });
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), { body: 'bye', holding: [] });
    assert.equal(s.connections, 1);
  });
});
