import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { readReport } from '../../../src/engine/report/jsonReport';
import { runAndWriteReports } from '../../../src/engine/run/runAndWriteReports';
import { mergeShardFiles } from '../../../src/engine/run/mergeShardFiles';
import type { Workspace } from './runFixtures';
import { makeWorkspace } from './runFixtures';

describe('merging shard report files', () => {
  let ws: Workspace;
  const runId = 'run_20250102-030405_0badf00d';
  const shardFiles: string[] = [];
  let whole: Awaited<ReturnType<typeof runAndWriteReports>['written']>;

  before(async function () {
    this.timeout(60_000);
    ws = await makeWorkspace(1);
    const profile = await ws.profile({
      version: 1,
      target: { mode: 'builtin' },
      suites: ['rag_quality', 'performance'],
      use_defaults: true,
      volumes: { perf_repeats: 150, concurrency: 8 },
    });
    whole = await runAndWriteReports(profile, { auditFile: false, outDir: path.join(ws.dir, 'whole'), formats: ['json'] }).written;
    for (const index of [1, 2, 3]) {
      const { files } = await runAndWriteReports(profile, {
        runId,
        shard: { index, total: 3 },
        auditFile: false,
        outDir: path.join(ws.dir, `shard${index}`),
        formats: ['json'],
      }).written;
      shardFiles.push(files.json as string);
    }
  });
  after(() => ws.remove());

  it('writes every case while keeping only a window of them in memory, with the summaries of the whole run', async () => {
    const { merged, written, writeError } = await mergeShardFiles(shardFiles, { outDir: path.join(ws.dir, 'merged'), keptCases: 40 });
    assert.equal(writeError, undefined);
    const total = whole.result.summary.overall.total;
    assert.ok(total > 100, `${total} cases`);
    assert.equal(merged.summary.overall.total, total);
    assert.ok(merged.cases.length < total, `${merged.cases.length} cases kept in memory`);
    const onDisk = await readReport(written.json as string);
    const ids = (cases: { suite: string; case_id: string }[]) => cases.map((c) => `${c.suite}/${c.case_id}`).sort();
    assert.deepEqual(ids(onDisk.cases), ids(whole.result.cases));
    for (const suite of ['rag_quality', 'performance'] as const) {
      const a = whole.result.summary.suites[suite];
      const b = onDisk.summary.suites[suite];
      assert.equal(b?.total, a?.total, suite);
      assert.deepEqual(
        b?.metrics.filter((m) => !/throughput|_ms$/.test(m.name)).map((m) => [m.name, m.value]),
        a?.metrics.filter((m) => !/throughput|_ms$/.test(m.name)).map((m) => [m.name, m.value]),
        suite,
      );
    }
  });

  it('refuses a shard with a broken case line, naming the file and line, before writing anything', async () => {
    const broken = path.join(ws.dir, 'broken.json');
    const lines = (await readFile(shardFiles[1] as string, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.startsWith('    {'));
    lines[at + 2] = '    {"suite": "performance", "case_id":';
    await writeFile(broken, lines.join('\n'));
    await assert.rejects(
      mergeShardFiles([shardFiles[0] as string, broken, shardFiles[2] as string], { outDir: path.join(ws.dir, 'refused') }),
      (err: Error) => err.message.startsWith(`${broken}:${at + 3}: case 3 is not valid JSON`),
    );
    assert.equal(existsSync(path.join(ws.dir, 'refused')), false, 'no output folder was made');
  });
});
