import assert from 'node:assert/strict';
import { cp, writeFile } from 'node:fs/promises';
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

  it('merges a folder of shard reports, and names a missing or duplicated shard with its files (exit 2)', async () => {
    const profile = await bed.ws.profile(
      apiProfile(bed.server.url, ['rag_quality'], { volumes: { qa_sample_size: 6, concurrency: 4 } }),
      'f.aiqk.yaml',
    );
    for (const index of [1, 3])
      await runAndWriteReports(profile, {
        shard: { index, total: 3 },
        auditFile: false,
        outDir: path.join(bed.ws.dir, 'folder', `s${index}`),
      }).written;
    const missing = await runCli(['merge', 'folder', '--out', 'm3'], bed.ws.dir);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(
      missing.stderr,
      /^aiqk merge: shard 2 of 3 is missing: got shards 1, 3 \(folder[\\/]s1[\\/]run_\S+\.json, folder[\\/]s3[\\/]run_\S+\.json\)/,
    );
    await runAndWriteReports(profile, { shard: { index: 2, total: 3 }, auditFile: false, outDir: path.join(bed.ws.dir, 'folder', 's2') })
      .written;
    const whole = await runCli(['merge', 'folder', '--out', 'm3', '--format', 'json', '--quiet'], bed.ws.dir);
    assert.ok(whole.code === 0 || whole.code === 1, whole.stderr);
    assert.match(whole.stdout, /^Merged 3 reports of f\.aiqk\.yaml into run_/m);
    await cp(path.join(bed.ws.dir, 'folder', 's2'), path.join(bed.ws.dir, 'folder', 's2-again'), { recursive: true });
    const twice = await runCli(['merge', 'folder', '--out', 'm4'], bed.ws.dir);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /shard 2\/3 appears 2 times: folder[\\/]s2[\\/]run_\S+\.json, folder[\\/]s2-again[\\/]run_\S+\.json/);
    const empty = await runCli(['merge', 'm4-none', '--out', 'm5'], bed.ws.dir);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /m4-none does not exist/);
  });
});
