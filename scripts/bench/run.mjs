// `npm run bench`: runs every benchmark this repository knows of, one after the
// other, each in its own `node --import tsx` process, and says which ones missed
// their targets. Benchmarks not present in this checkout are skipped.
//   node scripts/bench/run.mjs [name...]     (names: engine, memory, validate, xlsx, report-open, merge, hostile, verdicts, server)
// `verdicts` prints the precision and recall of the verdict detectors (attack
// success, safety unsafe, refusal, toxicity) on the frozen evaluation part of the
// labelled replies and on the tuning part, then the PII detector's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Each benchmark: its script, a preparation step run first (e.g. generating data), and scripts run after it. */
const BENCHES = [
  { name: 'engine', script: 'engineBench.mjs' },
  // Peak RSS and throughput at 20k, 100k and 300k cases: memory must not grow with the cases.
  { name: 'memory', script: 'memoryBench.mjs' },
  { name: 'validate', prepare: 'makeQaset.mjs', script: 'validateBench.mjs' },
  { name: 'xlsx', script: 'xlsxBench.mjs' },
  // Opens a 300,000-case report as the report view does: open (head, index, first page) under 2 s, then pages, filters, peak RSS.
  { name: 'report-open', script: 'reportOpenBench.mjs' },
  // Merges the 3 shard reports of a 300,000-case run: peak RSS under 250 MB.
  { name: 'merge', script: 'mergeBench.mjs' },
  { name: 'hostile', script: 'hostileBench.mjs' },
  { name: 'verdicts', script: 'detectorEval.mjs', then: ['piiEval.mjs'] },
  // Needs the built CLI (dist/cli.js): `npm run bench` builds it first.
  { name: 'server', script: 'serverBench.mjs' },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const node = (script) => spawnSync(process.execPath, ['--import', 'tsx', join(here, script)], { cwd: root, stdio: 'inherit' }).status;
const results = [];
for (const bench of BENCHES) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  if (!existsSync(join(here, bench.script))) {
    results.push({ name: bench.name, outcome: 'skipped (not in this checkout)' });
    continue;
  }
  console.log(`\n=== ${bench.name} (${bench.script}) ===`);
  if (bench.prepare && existsSync(join(here, bench.prepare)) && node(bench.prepare) !== 0) {
    results.push({ name: bench.name, outcome: `preparation ${bench.prepare} failed` });
    continue;
  }
  const failed = [bench.script, ...(bench.then ?? [])].filter((script) => existsSync(join(here, script)) && node(script) !== 0);
  results.push({ name: bench.name, outcome: failed.length === 0 ? 'ok' : `${failed.join(', ')} missed its target or failed` });
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.name.padEnd(11)} ${r.outcome}`);
process.exitCode = results.some((r) => r.outcome !== 'ok' && !r.outcome.startsWith('skipped')) ? 1 : 0;
