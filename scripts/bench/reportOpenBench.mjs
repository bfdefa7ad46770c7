// Opening a large report in the report view: writes a 300,000-case JSON report
// with the engine's own streaming writer (performance-like cases of three suites,
// some failing) into a temp folder, then, in a fresh process, times what the view
// waits for: open (head, case index and first page ready, as the host sends
// them), a page sorted by latency, a status filter and a text filter; and prints
// that process's peak RSS. Target: open under 2 s.
// Usage: node --import tsx scripts/bench/reportOpenBench.mjs [cases]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeBigReport } from '../../test/unit/report/bigReport.ts';

const total = Number(process.argv[2] ?? 300_000);
const TARGET_MS = 2000;
const here = dirname(fileURLToPath(import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'aiqk-report-open-'));
try {
  const file = join(dir, 'run_20260101-000000_00000000.json');
  const t0 = performance.now();
  await writeBigReport(file, total);
  const mib = statSync(file).size / 1048576;
  console.log(
    `report: ${total.toLocaleString('en-US')} cases, ${mib.toFixed(0)} MiB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const worker = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'reportOpenWorker.mjs'), file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (worker.status !== 0) throw new Error(`the measuring process failed (exit ${worker.status})`);
  const r = JSON.parse(worker.stdout);
  const ms = (x) => `${x.toFixed(0)} ms`.padStart(8);
  console.log(`open (head + index + first page) ${ms(r.openMs)}   target < ${TARGET_MS} ms`);
  console.log(`page 3 sorted by latency (desc)  ${ms(r.latencyMs)}   ${r.latencyFirst}`);
  console.log(`status filter: failed            ${ms(r.statusMs)}   ${r.statusMatching.toLocaleString('en-US')} matching`);
  console.log(`text filter: "order 9972"        ${ms(r.textMs)}   ${r.textMatching.toLocaleString('en-US')} matching`);
  console.log(`next page of the text filter     ${ms(r.textNextMs)}`);
  console.log(`peak RSS of the view's host process: ${r.peakRssMiB.toFixed(0)} MiB`);
  if (r.openMs >= TARGET_MS) {
    console.log(`MISSED: open took ${r.openMs.toFixed(0)} ms (target < ${TARGET_MS} ms)`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
