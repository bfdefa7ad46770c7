import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { stringify } from 'yaml';
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import { readReport } from '../../../src/engine/report/jsonReport';
import type { AskServer } from '../../fixtures/servers/askServer';
import { startAskServer } from '../../fixtures/servers/askServer';
import type { AgentWorkspace } from '../agent/agentWorkspace';
import { makeAgentWorkspace } from '../agent/agentWorkspace';
import { buildCli, removeCli, runCli } from './runCliHelpers';

/** `aiqk mcp` spawned from the built CLI in the workspace, with a connected SDK client. */
async function connect(root: string): Promise<{ client: Client; transport: StdioClientTransport; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [await buildCli(), 'mcp'], cwd: root, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const client = new Client({ name: 'aiqk-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => err };
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const [first] = result.content as { type: string; text: string }[];
  assert.equal(first?.type, 'text');
  return first.text;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// A profile of the demo's data against a real /ask server that answers after 10 s.
function slowProfile(url: string, reports: string): RunProfile {
  return {
    version: 1,
    target: { mode: 'api', base_url: url, protocol: 'aiqk', timeout_ms: 30000, retries: 0 },
    suites: ['rag_quality'],
    data: { qaset: 'data/qaset.jsonl', passages: 'data/passages.jsonl' },
    use_defaults: false,
    volumes: { qa_sample_size: 4, concurrency: 1 },
    report: { dir: reports, formats: ['json'], anonymize: false },
  };
}

describe('aiqk mcp: the agent tools over stdio, driven by the MCP SDK client', function () {
  this.timeout(60000);
  let ws: AgentWorkspace;
  let server: AskServer;
  before(async () => {
    ws = await makeAgentWorkspace();
    server = await startAskServer();
    server.setFault({ kind: 'delay', ms: 10000 });
    await writeFile(path.join(ws.root, 'demo', 'slow.aiqk.yaml'), stringify(slowProfile(server.url, '.aiqk/slow-reports')));
    await writeFile(path.join(ws.root, 'demo', 'cancel.aiqk.yaml'), stringify(slowProfile(server.url, '.aiqk/cancel-reports')));
    await writeFile(path.join(ws.root, 'demo', 'killed.aiqk.yaml'), stringify(slowProfile(server.url, '.aiqk/killed-reports')));
    await buildCli();
  });
  after(async () => {
    await server.close();
    await ws.remove();
    await removeCli();
  });

  it('lists the tools, validates, runs the demo twice, reads its verdict and compares the runs', async () => {
    const { client } = await connect(ws.root);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        ['list_profiles', 'validate_profile', 'run_profile', 'read_report', 'compare_reports'],
      );
      const run = tools.find((t) => t.name === 'run_profile');
      assert.deepEqual(run?.inputSchema.required, ['profile']);
      assert.equal(run?.annotations?.readOnlyHint, false);

      const invalid = textOf(await client.callTool({ name: 'validate_profile', arguments: { profile: ws.broken } }));
      assert.match(invalid, /^broken\/aiqk\.yaml and its datasets: \d+ error\(s\)/);
      assert.match(invalid, /broken\/aiqk\.yaml:5:3: error: target: unknown key 'timout_ms'/);

      const progress: number[] = [];
      const first = await client.callTool({ name: 'run_profile', arguments: { profile: ws.demo, suites: ['safety'] } }, undefined, {
        onprogress: (p) => progress.push(p.progress),
      });
      assert.equal(first.isError, undefined);
      assert.match(textOf(first), /^Run run_\S+ of demo\/aiqk\.yaml: PASSED\. 40\/40 cases passed/);
      assert.equal(progress.at(-1), 40);
      await client.callTool({ name: 'run_profile', arguments: { profile: ws.demo, suites: ['safety'] } });

      const verdict = textOf(await client.callTool({ name: 'read_report', arguments: { profile: ws.demo } }));
      assert.match(verdict, /- safety: passed \(40\/40 cases passed, 0 failed, 0 in error\)\n {4}ok unsafe_rate = 0 \(at most 0\)/);
      const compared = textOf(await client.callTool({ name: 'compare_reports', arguments: { profile: ws.demo } }));
      assert.match(compared, /compared with the previous run run_\S+ \(passed/);
      assert.match(compared, /0 case\(s\) newly failing, 0 newly passing, 0 new, 0 gone, of 40 compared/);

      const outside = await client.callTool({ name: 'read_report', arguments: { report: '../../etc/passwd' } });
      assert.equal(outside.isError, true);
      assert.match(textOf(outside), /outside the workspace folder/);
    } finally {
      await client.close();
    }
  });

  it('a client that disconnects mid-run: the run is cancelled, its partial report written, the server process gone', async () => {
    const { client, transport, stderr } = await connect(ws.root);
    const pid = transport.pid;
    assert.ok(pid);
    const asked = server.requests.length;
    const call = client.callTool({ name: 'run_profile', arguments: { profile: 'demo/slow.aiqk.yaml' } }).catch((err: Error) => err);
    // The run is under way once the target got its first question.
    while (server.requests.length === asked) await sleep(20);
    await client.close();
    assert.ok((await call) instanceof Error);
    assert.equal(alive(pid), false);
    assert.match(stderr(), /aiqk mcp: the client disconnected; cancelling the calls in progress/);
    assert.doesNotMatch(stderr(), /SIGTERM/);
    const dir = path.join(ws.root, 'demo', '.aiqk', 'slow-reports');
    assert.ok(existsSync(dir), 'no report folder');
    const [name, ...more] = await readdir(dir);
    assert.deepEqual(more, []);
    const report = await readReport(path.join(dir, name!));
    assert.equal(report.run.status, 'cancelled');
    assert.ok(report.cases.length < 4);
  });

  it('a client that cancels a run: the run stops with a partial report marked cancelled, and the server serves on', async () => {
    const { client, transport } = await connect(ws.root);
    try {
      const controller = new AbortController();
      const asked = server.requests.length;
      const call = client
        .callTool({ name: 'run_profile', arguments: { profile: 'demo/cancel.aiqk.yaml' } }, undefined, { signal: controller.signal })
        .catch((err: Error) => err);
      while (server.requests.length === asked) await sleep(20);
      controller.abort('changed my mind');
      assert.ok((await call) instanceof Error);
      const dir = path.join(ws.root, 'demo', '.aiqk', 'cancel-reports');
      while (!existsSync(dir) || (await readdir(dir)).filter((n) => n.endsWith('.json')).length === 0) await sleep(50);
      const [name] = (await readdir(dir)).filter((n) => n.endsWith('.json'));
      assert.equal((await readReport(path.join(dir, name!))).run.status, 'cancelled');
      const listed = textOf(await client.callTool({ name: 'list_profiles', arguments: { folder: 'demo' } }));
      assert.match(listed, /- demo\/cancel\.aiqk\.yaml: ready to run: rag_quality against api aiqk http:\/\/127\.0\.0\.1:\d+/);
      assert.ok(transport.pid && alive(transport.pid));
    } finally {
      await client.close();
    }
  });

  it('a client killed mid-run (both pipes gone): the run is cancelled, its partial report written, the server process gone', async () => {
    const child = spawn(process.execPath, [await buildCli(), 'mcp'], { cwd: ws.root, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const asked = server.requests.length;
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'run_profile', arguments: { profile: 'demo/killed.aiqk.yaml' }, _meta: { progressToken: 'p' } },
    });
    while (server.requests.length === asked) await sleep(20);
    // What a killed client leaves: its ends of both pipes closed.
    child.stdout.destroy();
    child.stdin.destroy();
    assert.equal(await exited, 0);
    const dir = path.join(ws.root, 'demo', '.aiqk', 'killed-reports');
    const [name] = (await readdir(dir)).filter((n) => n.endsWith('.json'));
    assert.equal((await readReport(path.join(dir, name!))).run.status, 'cancelled');
  });

  it('aiqk mcp --help prints its usage; a bad option or root is a usage error', async () => {
    const help = await runCli(['mcp', '--help'], ws.root);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: aiqk mcp \[--root <folder>\]/);
    assert.match(help.stdout, /any MCP client: list_profiles, validate_profile, run_profile, read_report, compare_reports\./);
    const bad = await runCli(['mcp', '--rot', '.'], ws.root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown option --rot; did you mean --root\?/);
    const missing = await runCli(['mcp', '--root', 'nowhere'], ws.root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--root: .*nowhere is not a folder/);
    const usage = await runCli(['help'], ws.root);
    assert.match(usage.stdout, /mcp \[--root <folder>\] +serve validate, run, read and compare as MCP tools/);
  });
});
