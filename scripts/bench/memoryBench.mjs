// Memory benchmark: 20,000, 100,000 and 300,000 cases through the real run engine
// (OpenAI-compatible api target, performance suite, reports written) against a
// zero-latency local server at concurrency 64, each size in its own process, printing
// peak RSS and throughput per size so the slope is visible. Target: peak RSS under
// 250 MB at 300,000 cases, whatever the number of cases.
//   node scripts/bench/memoryBench.mjs [sizes=20000,100000,300000] [formats=json,junit,xlsx] [heap]
// A run writes its finished cases to a spill file beside the reports as they finish,
// keeps a window of them in memory, and writes the reports from the spill.
// `heap` also prints the peak RSS reached by the end of the run, the live heap (after a full
// GC) at the end of the run and its peak while the reports are written, so what the report
// writers hold is visible (it slows them).
// The engine is bundled with esbuild first (as the CLI ships it) into bench-data/.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngineBundle } from './bundleEngine.mjs';
import { startBenchServer } from './startBenchServer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sizes = (process.argv[2] ?? '20000,100000,300000').split(',').map(Number);
const formats = process.argv[3] ?? 'json,junit,xlsx';
const heap = process.argv.slice(4).includes('heap');
const CONCURRENCY = 64;
const TARGET_MB = 250;
const bundle = await buildEngineBundle('memoryBench', {
  runAndWriteReports: 'src/engine/run/runAndWriteReports',
  resolveProfile: 'src/engine/config/resolve',
  performanceSuite: 'src/engine/suites/performance/performance',
});

function measure(url, cases) {
  return new Promise((resolve, reject) => {
    const args = [
      ...(heap ? ['--expose-gc'] : []),
      join(here, 'memoryBenchWorker.mjs'),
      url,
      String(cases),
      String(CONCURRENCY),
      formats,
      bundle,
      ...(heap ? ['heap'] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`the worker for ${cases} cases exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)));
    });
  });
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const { child: server, url } = await startBenchServer();
const rows = [];
try {
  for (const n of sizes) {
    const m = await measure(url, n);
    if (m.passed !== n) throw new Error(`${n} cases: only ${m.passed} passed`);
    rows.push(m);
  }
} finally {
  server.stdin.end();
}
const load = loadavg()[0];
console.log(
  `memory bench: concurrency ${CONCURRENCY}, reports ${formats}, zero-latency OpenAI-compatible server on 127.0.0.1 (load ${load.toFixed(1)} on ${availableParallelism()} cores)`,
);
console.log(
  `   cases  run ms  cases/s  total ms (with reports)  cpu ms  peak RSS  report MB${heap ? '  peak RSS at run end  heap after run  heap peak writing' : ''}`,
);
for (const m of rows) {
  const reportMb = Object.values(m.sizes).reduce((a, b) => a + b, 0) / 1048576;
  console.log(
    `${String(m.cases).padStart(8)} ${m.runMs.toFixed(0).padStart(7)} ${((m.cases / m.runMs) * 1000).toFixed(0).padStart(8)} ${m.wallMs.toFixed(0).padStart(24)} ${m.cpuMs.toFixed(0).padStart(7)} ${mb(m.maxRssKb).padStart(9)} ${reportMb.toFixed(0).padStart(10)}${m.heap ? `${mb(m.heap.peakRssAtRunEndKb).padStart(21)}${m.heap.afterRunMb.toFixed(0).padStart(13)} MB${m.heap.writePeakMb.toFixed(0).padStart(16)} MB` : ''}`,
  );
}
const largest = rows.at(-1);
const ok = largest.maxRssKb < TARGET_MB * 1024;
console.log(`target: peak RSS under ${TARGET_MB} MB at ${largest.cases} cases: ${ok ? 'met' : 'NOT met'} (${mb(largest.maxRssKb)})`);
process.exitCode = ok ? 0 : 1;
