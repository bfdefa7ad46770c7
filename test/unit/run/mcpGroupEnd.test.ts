import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAndWriteReports } from '../../../src/engine/run/runAndWriteReports';
import { McpTarget } from '../../../src/engine/targets/mcp/mcpTarget';
import { endRunProcesses } from '../../../src/extension/runs/runProcesses';
import type { Workspace } from './runFixtures';
import { apiProfile, makeWorkspace } from './runFixtures';
import { readStubbornPids, stubbornMcpCommand, survivors } from '../../fixtures/servers/stubbornMcp';

// The extension's runs go through runAndWriteReports and cancel its handle; on
// deactivate it ends every server group (runs/runProcesses.ts).
describe('the MCP process group ends with the run, on cancel and on deactivate', function () {
  if (process.platform === 'win32') return;
  this.timeout(20000);
  let ws: Workspace;
  before(async () => {
    ws = await makeWorkspace(2);
  });
  after(() => ws.remove());

  it('a cancelled run has ended the wrapper, the server and the grandchild when its reports are written', async () => {
    const { command, args } = stubbornMcpCommand();
    const pidsFile = path.join(ws.dir, 'cancel-pids.json');
    const profile = await ws.profile(
      apiProfile('http://unused.invalid', ['performance'], {
        target: {
          mode: 'mcp',
          timeout_ms: 10000,
          retries: 0,
          mcp: { command, args, env: { STUBBORN_PIDS_FILE: pidsFile }, tool: 'slow', arguments: { question: '{{question}}', ms: 200 } },
        },
        volumes: { qa_sample_size: 2, perf_repeats: 50, concurrency: 1 },
      }),
      'cancel.aiqk.yaml',
    );
    const handle = runAndWriteReports(profile, { auditFile: false });
    const pids = await readStubbornPids(pidsFile);
    assert.equal(survivors(pids).length, 4);
    handle.cancel('cancelled from the editor');
    const { result } = await handle.written;
    assert.equal(result.run.status, 'cancelled');
    assert.deepEqual(survivors(pids), []);
  });

  it('endRunProcesses (deactivate) ends every group still running, within about a second', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aiqk-deactivate-'));
    const targets = [0, 1].map(
      (i) =>
        new McpTarget({
          ...stubbornMcpCommand(),
          env: { STUBBORN_PIDS_FILE: path.join(dir, `pids${i}.json`) },
          tool: 'ask',
          timeoutMs: 10000,
        }),
    );
    try {
      const signal = new AbortController().signal;
      for (const t of targets) assert.ok((await t.ask({ question: 'shipping', signal })).ok);
      const pids = await Promise.all([0, 1].map((i) => readStubbornPids(path.join(dir, `pids${i}.json`))));
      const started = Date.now();
      await endRunProcesses();
      const took = Date.now() - started;
      for (const p of pids) assert.deepEqual(survivors(p), []);
      assert.ok(took < 1500, `took ${took} ms`);
    } finally {
      await Promise.all(targets.map((t) => t.close()));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
