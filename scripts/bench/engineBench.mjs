// Engine benchmark: N cases through the real run engine (api target, /ask contract,
// performance suite) against a zero-latency local server, at concurrency 1, 8 and
// 32, compared with the floor: a bare fetch loop doing the same requests. The engine
// talks node:http, so a bare node:http loop (keep-alive) is shown too: the engine's
// own overhead over its transport. Server, engine and each loop run in their own
// process. Targets: engine throughput ≥ 90% of the fetch floor's at concurrency 32,
// engine peak RSS < 200 MB.
//   node scripts/bench/engineBench.mjs [cases=5000] [rounds=3]
// The engine is bundled with esbuild first (as the CLI ships it) into bench-data/.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngineBundle } from './bundleEngine.mjs';
import { startBenchServer } from './startBenchServer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cases = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 3);
const levels = [1, 8, 32];
const bundle = await buildEngineBundle('engineBench', {
  startRun: 'src/engine/run/startRun',
  resolveProfile: 'src/engine/config/resolve',
  performanceSuite: 'src/engine/suites/performance/performance',
});

function measure(mode, url, concurrency, n = cases) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'engineBenchWorker.mjs'), mode, url, String(n), String(concurrency), bundle], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`${mode} worker exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)));
    });
  });
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const { child: server, url } = await startBenchServer();
const rows = [];
let failed = false;
try {
  for (const c of levels) {
    // Alternate the two sides and keep each one's best round: on a busy machine
    // the best round is the one least disturbed by other work.
    const best = { engine: undefined, floor: undefined, http: undefined };
    for (let r = 0; r < rounds; r++) {
      for (const mode of r % 2 === 0 ? ['floor', 'http', 'engine'] : ['engine', 'http', 'floor']) {
        const m = await measure(mode, url, c);
        if (m.ok !== cases) throw new Error(`${mode} at concurrency ${c}: ${m.ok}/${cases} requests succeeded`);
        // Best wall and best CPU are kept separately; peak memory is the worst seen.
        const prev = best[mode];
        best[mode] = !prev
          ? m
          : { ...(m.wallMs < prev.wallMs ? m : prev), cpuMs: Math.min(m.cpuMs, prev.cpuMs), maxRssKb: Math.max(m.maxRssKb, prev.maxRssKb) };
      }
    }
    rows.push({ c, engine: best.engine, floor: best.floor, http: best.http });
  }
} finally {
  server.stdin.end();
}
// The runner alone (a suite without I/O): its cost per case, independent of the network.
const RUNNER_CASES = 100_000;
const runner = await measure('runner', 'none', 32, RUNNER_CASES);

const load = loadavg()[0];
const cores = availableParallelism();
console.log(
  `engine bench: ${cases} cases, best of ${rounds} rounds, zero-latency /ask server on 127.0.0.1 (load ${load.toFixed(1)} on ${cores} cores)`,
);
if (load > cores)
  console.log(
    `warning: the machine is busy (load ${load.toFixed(1)} > ${cores} cores): wall times are noisy; the CPU columns are steadier`,
  );
console.log('conc  side    wall ms   req/s  cpu ms/req  peak RSS  engine/side (wall)  (cpu)');
for (const { c, engine, floor, http } of rows) {
  const tput = (m) => (cases / m.wallMs) * 1000;
  const perReq = (m) => m.cpuMs / cases;
  const ratio = tput(engine) / tput(floor);
  const cpuRatio = perReq(floor) / perReq(engine);
  const line = (side, m) =>
    `${String(c).padStart(4)}  ${side.padEnd(6)} ${m.wallMs.toFixed(0).padStart(8)}  ${tput(m).toFixed(0).padStart(6)}  ${perReq(m).toFixed(3).padStart(10)}  ${mb(m.maxRssKb).padStart(8)}`;
  const versus = (m) =>
    `${`${((tput(engine) / tput(m)) * 100).toFixed(1)}%`.padStart(18)}  ${((perReq(m) / perReq(engine)) * 100).toFixed(1)}%`;
  console.log(`${line('floor', floor)}  ${versus(floor)}  (fetch loop: the issue's floor)`);
  console.log(`${line('http', http)}  ${versus(http)}  (node:http loop: the engine's transport)`);
  console.log(line('engine', engine));
  if (c === 32) {
    const okRatio = ratio >= 0.9;
    const okRss = engine.maxRssKb < 200 * 1024;
    console.log(
      `target at concurrency 32: throughput ≥ 90% of floor: ${okRatio ? 'met' : 'NOT met'} (${(ratio * 100).toFixed(1)}% wall, ${(cpuRatio * 100).toFixed(1)}% by CPU per request); peak RSS < 200 MB: ${okRss ? 'met' : 'NOT met'} (${mb(engine.maxRssKb)})`,
    );
    failed = !okRatio || !okRss;
  }
}
console.log(
  `runner alone (${RUNNER_CASES} cases without I/O, concurrency 32): ${((runner.cpuMs * 1000) / RUNNER_CASES).toFixed(1)} µs CPU per case, peak RSS ${mb(runner.maxRssKb)}`,
);
process.exitCode = failed ? 1 : 0;
