import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { McpTarget } from '../../../src/engine/targets/mcp/mcpTarget';
import { LineSplitter, MessageTooLargeError } from '../../../src/engine/targets/mcp/stdioTransport';
import { liveGroupIds } from '../../../src/engine/targets/mcp/processGroup';
import { readStubbornPids, stubbornMcpCommand, survivors } from '../../fixtures/servers/stubbornMcp';

const posix = process.platform !== 'win32';

describe('MCP stdio servers in a process group of their own', function () {
  if (!posix) return;
  const signal = new AbortController().signal;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aiqk-group-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const make = (pidsFile: string, extra: Partial<ConstructorParameters<typeof McpTarget>[0]> = {}): McpTarget =>
    new McpTarget({
      ...stubbornMcpCommand(),
      env: { STUBBORN_PIDS_FILE: pidsFile },
      tool: 'ask',
      arguments: { question: '{{question}}' },
      timeoutMs: 10000,
      closeGraceMs: 300,
      ...extra,
    });

  it('ends a wrapper, its server and the grandchild, all ignoring end of input and SIGTERM, within the grace', async () => {
    const pidsFile = path.join(dir, 'pids.json');
    const t = make(pidsFile);
    const r = await t.ask({ question: 'How long does shipping take?', signal });
    assert.ok(r.ok, JSON.stringify(r));
    const pids = await readStubbornPids(pidsFile);
    assert.equal(t.pid, pids.wrapper);
    assert.notEqual(pids.server, pids.wrapper, 'the shell stays as a wrapper');
    assert.deepEqual(survivors(pids).length, 4, 'all three run, in one group');
    assert.ok(liveGroupIds().includes(pids.wrapper));
    const started = Date.now();
    await t.close();
    const took = Date.now() - started;
    assert.deepEqual(survivors(pids), []);
    assert.ok(took < 1500, `close took ${took} ms (stdin grace 300 + SIGTERM grace 300 + SIGKILL)`);
    assert.ok(!liveGroupIds().includes(pids.wrapper));
  });

  it('ends the grandchild even when the server itself exits on its own', async () => {
    const pidsFile = path.join(dir, 'pids.json');
    const t = make(pidsFile, { tool: 'env', arguments: { name: '{{question}}' } });
    assert.ok((await t.ask({ question: 'HOME', signal })).ok);
    const pids = await readStubbornPids(pidsFile);
    process.kill(pids.server, 'SIGKILL');
    // The wrapper exits when its server does; the orphaned grandchild must not survive it.
    const until = Date.now() + 3000;
    while (survivors(pids).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(survivors(pids), []);
    await t.close();
  });

  it('reports a message over the limit as "message too large", and the next ask starts a new server', async () => {
    const pidsFile = path.join(dir, 'pids.json');
    const t = make(pidsFile, { tool: 'big', arguments: { question: '{{question}}', bytes: 11 * 1024 * 1024 } });
    try {
      const r = await t.ask({ question: 'q', signal });
      assert.equal(r.ok, false);
      assert.ok(!r.ok);
      assert.equal(r.error.kind, 'unparseable');
      assert.match(r.error.message, /message too large .*limit 10485760 bytes/);
      assert.doesNotMatch(r.error.message, /closed the connection/);
      const pids = await readStubbornPids(pidsFile);
      const until = Date.now() + 3000;
      while (survivors(pids).length > 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 50));
      assert.deepEqual(survivors(pids), [], 'the server that sent it is ended');
    } finally {
      await t.close();
    }
  });

  it('accepts a message just under a small limit', async () => {
    const t = make(path.join(dir, 'pids.json'), {
      tool: 'big',
      arguments: { question: '{{question}}', bytes: 100_000 },
      maxMessageBytes: 101_000,
    });
    try {
      const r = await t.ask({ question: 'q', signal });
      assert.ok(r.ok, JSON.stringify(r).slice(0, 300));
      assert.equal(r.answer.length, 100_000);
    } finally {
      await t.close();
    }
  });
});

describe('LineSplitter (MCP stdio framing)', () => {
  it('splits lines across chunks, drops a trailing CR, and keeps empty lines for the caller', () => {
    const lines: string[] = [];
    const s = new LineSplitter(100, (l) => lines.push(l));
    for (const part of ['{"a"', ':1}\r\n{"b":2}\n', '\n{"c"', ':3}\n']) s.push(Buffer.from(part));
    assert.deepEqual(lines, ['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('does not split a multi-byte character cut between chunks', () => {
    const lines: string[] = [];
    const s = new LineSplitter(100, (l) => lines.push(l));
    const bytes = Buffer.from('héllo\n');
    s.push(bytes.subarray(0, 2));
    s.push(bytes.subarray(2));
    assert.deepEqual(lines, ['héllo']);
  });

  it('refuses a line over the limit, counting the line only, and recovers for the next', () => {
    const lines: string[] = [];
    const s = new LineSplitter(10, (l) => lines.push(l));
    s.push(Buffer.from('0123456789\n'));
    assert.throws(() => s.push(Buffer.from('0123456789A')), MessageTooLargeError);
    s.push(Buffer.from('ok\n'));
    assert.deepEqual(lines, ['0123456789', 'ok']);
  });

  it('reads 16 MB without a newline in small chunks in linear time', () => {
    const s = new LineSplitter(32 * 1024 * 1024, () => undefined);
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    const started = performance.now();
    for (let i = 0; i < 256; i++) s.push(chunk);
    s.push(Buffer.from('\n'));
    const ms = performance.now() - started;
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });
});
