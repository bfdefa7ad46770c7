import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import { readReport } from '../../../src/engine/report/jsonReport';
import type { Workspace } from '../run/runFixtures';
import { apiProfile, makeWorkspace } from '../run/runFixtures';
import { readStubbornPids, stubbornMcpCommand, survivors } from '../../fixtures/servers/stubbornMcp';
import type { StubbornPids } from '../../fixtures/servers/stubbornMcp';
import { buildCli, removeCli, spawnCli } from './runCliHelpers';

// `aiqk run` against the stubborn MCP fixture (a shell wrapper, a server ignoring
// end of input and SIGTERM, a grandchild), stopped by each signal a user or a CI
// system sends.
function mcpProfile(tool: 'slow' | 'ask', repeats: number): RunProfile {
  const { command, args } = stubbornMcpCommand();
  return apiProfile('http://unused.invalid', ['performance'], {
    target: {
      mode: 'mcp',
      timeout_ms: 10000,
      retries: 0,
      mcp: {
        command,
        args,
        env: { STUBBORN_PIDS_FILE: 'pids.json' },
        tool,
        arguments: tool === 'slow' ? { question: '{{question}}', ms: 200 } : { question: '{{question}}' },
      },
    },
    volumes: { qa_sample_size: 2, perf_repeats: repeats, concurrency: 1 },
  });
}

async function auditLines(dir: string): Promise<{ event: string; run_id: string; reason?: string }[]> {
  const text = await readFile(path.join(dir, '.aiqk', 'audit.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event: string; run_id: string; reason?: string });
}

async function tempFiles(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.tmp')) : [];
}

describe('aiqk run: signals and the MCP process group', function () {
  if (process.platform === 'win32') return;
  this.timeout(30000);
  let ws: Workspace;
  before(async () => {
    ws = await makeWorkspace(2);
    await buildCli();
    await ws.profile(mcpProfile('slow', 50), 'slow.aiqk.yaml');
    await ws.profile(mcpProfile('ask', 2), 'quick.aiqk.yaml');
  });
  after(async () => {
    await ws.remove();
    await removeCli();
  });
  let pids: StubbornPids | undefined;
  beforeEach(async () => {
    pids = undefined;
    await rm(path.join(ws.dir, 'pids.json'), { force: true });
  });
  afterEach(() => {
    // Never leave the fixture running, whatever the test found.
    if (pids)
      for (const pid of [-pids.wrapper, pids.server, pids.grandchild])
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
  });

  const cases = [
    { signal: 'SIGINT', code: 130, name: 'Ctrl-C' },
    { signal: 'SIGTERM', code: 143, name: 'SIGTERM' },
    { signal: 'SIGHUP', code: 129, name: 'SIGHUP' },
  ] as const;
  for (const { signal, code, name } of cases) {
    it(`${signal}: cancels, writes the partial report marked cancelled and the audit end line, ends the MCP group, exits ${code}`, async () => {
      const out = `out-${signal}`;
      const runId = `run_20250101-000003_0000d${code}`;
      const p = await spawnCli(['run', 'slow.aiqk.yaml', '--out', out, '--run-id', runId], ws.dir);
      await p.waitForStderr('started:');
      pids = await readStubbornPids(path.join(ws.dir, 'pids.json'));
      await new Promise((r) => setTimeout(r, 300));
      p.child.kill(signal);
      const r = await p.done;
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, new RegExp(`${name} received, cancelling`));
      const report = await readReport(path.join(ws.dir, out, `${runId}.json`));
      assert.equal(report.run.status, 'cancelled');
      assert.ok(report.cases.length < 100);
      const audit = (await auditLines(ws.dir)).filter((l) => l.run_id === runId);
      assert.deepEqual(
        audit.map((l) => l.event),
        ['run_started', 'run_cancelled'],
      );
      assert.equal(audit[1].reason, `interrupted (${name})`);
      assert.deepEqual(await tempFiles(path.join(ws.dir, out)), []);
      assert.deepEqual(survivors(pids), [], 'no process of the MCP group is left');
    });
  }

  for (const { signal, code, name } of cases) {
    it(`a second ${signal} exits at once with ${code}: no report, no .tmp, nothing written after saying so, no process left`, async () => {
      const out = `out-twice-${signal}`;
      const p = await spawnCli(['run', 'slow.aiqk.yaml', '--out', out], ws.dir);
      await p.waitForStderr('started:');
      pids = await readStubbornPids(path.join(ws.dir, 'pids.json'));
      p.child.kill(signal);
      await p.waitForStderr('received, cancelling');
      const sent = Date.now();
      p.child.kill(signal);
      const r = await p.done;
      const took = Date.now() - sent;
      assert.equal(r.code, code, r.stderr);
      assert.ok(took < 1000, `exited ${took} ms after the second signal`);
      assert.ok(r.stderr.trimEnd().endsWith(`${name} again, exiting at once; unfinished reports are not written`), r.stderr);
      // Anything still writing would show up after the process is gone.
      await new Promise((res) => setTimeout(res, 300));
      assert.deepEqual(existsSync(path.join(ws.dir, out)) ? await readdir(path.join(ws.dir, out)) : [], []);
      assert.deepEqual(survivors(pids), []);
    });
  }

  it('exits within a few seconds of writing its reports, though the MCP server ignores end of input and SIGTERM', async () => {
    const p = await spawnCli(['run', 'quick.aiqk.yaml', '--out', 'out-quick'], ws.dir);
    let reportsAt = 0;
    p.child.stdout?.on('data', () => {
      if (!reportsAt && p.stdout().includes('Reports:')) reportsAt = Date.now();
    });
    await p.waitForStderr('started:');
    pids = await readStubbornPids(path.join(ws.dir, 'pids.json'));
    const r = await p.done;
    const exitAfterReports = Date.now() - reportsAt;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(reportsAt > 0, r.stdout);
    assert.ok(exitAfterReports < 3000, `exited ${exitAfterReports} ms after printing its reports`);
    assert.deepEqual(survivors(pids), []);
    process.stdout.write(`      (exit ${exitAfterReports} ms after the reports were printed)\n`);
  });

  it('removes the .tmp files an earlier killed run left in the report folder', async () => {
    const out = path.join(ws.dir, 'out-leftover');
    await rm(out, { recursive: true, force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(out, { recursive: true });
    // pid 2^22+1 is above any pid_max: that writer is certainly dead.
    const dead = `.run_20250101-000000_00000000.xlsx.${2 ** 22 + 1}.0a1b2c3d.tmp`;
    await writeFile(path.join(out, dead), 'half a zip');
    await writeFile(path.join(out, 'notes.tmp'), 'not ours');
    const p = await spawnCli(['run', 'quick.aiqk.yaml', '--out', 'out-leftover'], ws.dir);
    await p.waitForStderr('started:');
    pids = await readStubbornPids(path.join(ws.dir, 'pids.json'));
    const r = await p.done;
    assert.equal(r.code, 0, r.stderr);
    const names = await readdir(out);
    assert.ok(!names.includes(dead), names.join(', '));
    assert.ok(names.includes('notes.tmp'), 'files not named like our temp files are left alone');
  });
});
