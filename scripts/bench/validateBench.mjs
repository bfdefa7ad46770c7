// Times validateDataFile('qaset', …) over the file makeQaset.mjs writes and reports
// wall time, counts and peak memory. The engine is bundled first with esbuild (as
// the CLI ships it) into bench-data/, so neither tsx nor its compile cache skews the
// memory figures:
//   node scripts/bench/makeQaset.mjs && node scripts/bench/validateBench.mjs [file]
import { dirname, join } from 'node:path';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setInterval, clearInterval } from 'node:timers';
import { loadEngineBundle } from './bundleEngine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = process.argv[2] ?? join(root, 'bench-data', 'qaset-200mb.jsonl');
const { validateDataFile } = await loadEngineBundle('validateDataFile', { validateDataFile: 'src/engine/data/validateDataFile' });

const mb = (n) => `${(n / 1048576).toFixed(1)} MiB`;
let peakRss = process.memoryUsage().rss;
const baseRss = peakRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const check = await validateDataFile('qaset', file);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const size = statSync(file).size;
const byCode = {};
for (const p of check.problems) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
console.log(`file          ${file} (${mb(size)})`);
console.log(`wall time     ${seconds.toFixed(2)} s (${(size / 1048576 / seconds).toFixed(0)} MiB/s)`);
console.log(
  `cpu time      ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}); wall exceeds it when the machine is busy`,
);
console.log(`records       ${check.records}`);
console.log(`broken lines  ${check.brokenLines}`);
console.log(`problems      ${check.problems.length} listed ${JSON.stringify(byCode)}`);
console.log(
  `rss           start ${mb(baseRss)}, peak sampled every 50 ms ${mb(peakRss)}, maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
);
