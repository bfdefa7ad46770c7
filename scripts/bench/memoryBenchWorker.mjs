// One size of the memory benchmark, in its own process so its peak memory is its own:
// runs N performance cases through the real run engine (bundled runAndWriteReports,
// OpenAI-compatible api target) at the given concurrency, writes the reports into a
// temporary folder, and prints one JSON line: wall times, CPU, peak RSS, report sizes.
// With `heap` (run with --expose-gc), the live heap is sampled after a full GC every
// 250 ms while the reports are written: its peak shows what the writers hold.
//   node memoryBenchWorker.mjs <baseUrl> <cases> <concurrency> <formats> <bundle> [heap]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';

const [baseUrl, casesArg, concurrencyArg, formatsArg, bundle, ...flags] = process.argv.slice(2);
const cases = Number(casesArg);
const concurrency = Number(concurrencyArg);
const formats = formatsArg.split(',');
const { runAndWriteReports, resolveProfile, performanceSuite } = createRequire(import.meta.url)(bundle);

const dir = mkdtempSync(join(tmpdir(), 'aiqk-memory-bench-'));
try {
  const raw = {
    version: 1,
    target: { mode: 'api', base_url: baseUrl, protocol: 'openai', model: 'bench-1', timeout_ms: 30000, retries: 0 },
    suites: ['performance'],
    use_defaults: false,
    volumes: { qa_sample_size: 1, perf_repeats: cases, concurrency },
    report: { formats, dir },
  };
  const profile = resolveProfile(raw, join(dir, 'bench.aiqk.yaml'));
  // The performance suite runs one case at a time by design; the benchmark lifts that.
  const definitions = { performance: { ...performanceSuite, sequential: false } };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const handle = runAndWriteReports(profile, { definitions, auditFile: false, outDir: dir, formats });
  let finished = 0;
  handle.events.onEvent((e) => {
    if (e.type === 'case-finished') finished = e.done;
  });
  const result = await handle.result;
  const runMs = performance.now() - t0;
  // The live heap while the reports are written, after a full GC at each sample.
  let heap;
  if (flags.includes('heap')) {
    globalThis.gc();
    heap = { peakRssAtRunEndKb: process.resourceUsage().maxRSS, afterRunMb: process.memoryUsage().heapUsed / 1048576, writePeakMb: 0 };
    const sample = setInterval(() => {
      globalThis.gc();
      heap.writePeakMb = Math.max(heap.writePeakMb, process.memoryUsage().heapUsed / 1048576);
    }, 250);
    await handle.written.finally(() => clearInterval(sample));
  }
  const written = await handle.written;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (result.run.status === 'error') throw new Error(result.run.error);
  if (written.writeError) throw new Error(written.writeError);
  const sizes = Object.fromEntries(Object.entries(written.files).map(([f, file]) => [f, statSync(file).size]));
  process.stdout.write(
    `${JSON.stringify({
      cases,
      passed: result.summary.overall.passed,
      events: finished,
      runMs,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssKb: process.resourceUsage().maxRSS,
      sizes,
      ...(heap ? { heap } : {}),
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
