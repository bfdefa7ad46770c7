import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { readReport, validateReport } from '../../../src/engine/report/jsonReport';
import { runAndWriteReports } from '../../../src/engine/run/runAndWriteReports';
import { startFaultServer } from '../../fixtures/servers/faultServer';
import { apiProfile } from '../run/runFixtures';
import { runCli, useCliTestBed } from './runCliHelpers';

describe('aiqk merge (CLI)', () => {
  const bed = useCliTestBed(startFaultServer, 8);

  it('merges shard reports into the whole run, with metrics recomputed by the suites', async () => {
    const profile = await bed.ws.profile(
      apiProfile(bed.server.url, ['rag_quality', 'performance'], { volumes: { qa_sample_size: 8, perf_repeats: 2, concurrency: 4 } }),
    );
    const whole = await runAndWriteReports(profile, { auditFile: false, outDir: path.join(bed.ws.dir, 'whole') }).written;
    const runId = 'run_20250102-030405_0badcafe';
    const shards = [];
    for (const index of [1, 2]) {
      shards.push(
        await runAndWriteReports(profile, {
          runId,
          shard: { index, total: 2 },
          auditFile: false,
          outDir: path.join(bed.ws.dir, `shard${index}`),
        }).written,
      );
    }
    const files = shards.map((s) => s.files.json as string);
    const r = await runCli(['merge', ...files, '--out', 'merged', '--format', 'json'], bed.ws.dir);
    const merged = await readReport(path.join(bed.ws.dir, 'merged', `${runId}.json`));
    assert.deepEqual(validateReport(merged), { valid: true, errors: [] });
    const ids = (cases: { suite: string; case_id: string }[]) => cases.map((c) => `${c.suite}/${c.case_id}`).sort();
    assert.deepEqual(ids(merged.cases), ids(whole.result.cases));
    assert.equal(merged.run.shard, undefined);
    // p95 is an aggregate: only the suite's own summarize can recompute it from the merged cases.
    const p95 = merged.summary.suites.performance?.metrics.find((m) => m.name === 'p95_ms');
    assert.equal(typeof p95?.value, 'number');
    assert.equal(merged.summary.suites.performance?.total, 16);
    assert.equal(merged.summary.suites.rag_quality?.status, whole.result.summary.suites.rag_quality?.status);
    assert.equal(r.code, merged.run.status === 'passed' ? 0 : 1, r.stderr);
    assert.match(r.stdout, /merged[\\/]run_20250102-030405_0badcafe\.json/);
  });

  it('exits 2 on a file that is not a report, and without --out', async () => {
    await writeFile(path.join(bed.ws.dir, 'junk.json'), '{"hello": 1}');
    const bad = await runCli(['merge', 'junk.json', '--out', 'm2'], bed.ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /junk\.json is not a valid AI Quality Kit report/);
    const noOut = await runCli(['merge', 'junk.json'], bed.ws.dir);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out <dir> is required/);
  });
});
