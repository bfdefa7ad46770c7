// Merging shard reports with flat memory: writes the reports of the 3 shards of a
// run (the engine's own streaming writer) into a temp folder, then merges them in a
// fresh process through the bundled engine, as `aiqk merge` does (every suite's
// summary recomputed, JSON and JUnit written), and prints its time and peak RSS, for
// 30,000 and 300,000 cases so the slope is visible. Target: peak RSS under 250 MB.
//   node --import tsx scripts/bench/mergeBench.mjs [cases per shard, e.g. 10000,100000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigReport } from '../../test/unit/report/bigReport.ts';
import { buildEngineBundle } from './bundleEngine.mjs';

const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const SHARDS = 3;
const TARGET_MB = 250;
const here = dirname(fileURLToPath(import.meta.url));
const bundle = await buildEngineBundle('mergeBench', { mergeShardFiles: 'src/engine/run/mergeShardFiles' });

function merge(files, out) {
  const worker = spawnSync(process.execPath, [join(here, 'mergeBenchWorker.mjs'), bundle, out, ...files], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (worker.status !== 0) throw new Error(`the merging process failed (exit ${worker.status})`);
  return JSON.parse(worker.stdout.trim().split('\n').at(-1));
}

const dir = mkdtempSync(join(tmpdir(), 'aiqk-merge-bench-'));
try {
  console.log(`merge bench: the ${SHARDS} shard reports of one run, merged into JSON and JUnit`);
  console.log('       cases  shard MiB  merge ms  peak RSS');
  const rows = [];
  for (const perShard of sizes) {
    const files = [];
    for (let index = 1; index <= SHARDS; index++) {
      const file = join(dir, `${perShard}`, `shard${index}`, 'run_20260101-000000_00000000.json');
      mkdirSync(dirname(file), { recursive: true });
      await writeBigReport(file, perShard, { index, total: SHARDS, first: (index - 1) * perShard });
      files.push(file);
    }
    const mib = files.reduce((n, f) => n + statSync(f).size, 0) / 1048576;
    const m = merge(files, join(dir, `${perShard}`, 'merged'));
    if (m.total !== perShard * SHARDS) throw new Error(`merged ${m.total} cases, not ${perShard * SHARDS}`);
    rows.push(m);
    console.log(
      `${String(m.total).padStart(12)} ${mib.toFixed(0).padStart(10)} ${m.ms.toFixed(0).padStart(9)} ${`${(m.maxRssKb / 1024).toFixed(0)} MB`.padStart(9)}`,
    );
    rmSync(join(dir, `${perShard}`), { recursive: true, force: true });
  }
  const largest = rows.at(-1);
  const ok = largest.maxRssKb < TARGET_MB * 1024;
  console.log(`target: peak RSS under ${TARGET_MB} MB merging ${largest.total.toLocaleString('en-US')} cases: ${ok ? 'met' : 'NOT met'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
