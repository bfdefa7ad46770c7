// Writes the XLSX report of a synthetic 100,000-case run and prints the time it
// took and the peak RSS. Target: under 15 s. The run is built in memory first
// (it is what the runner holds anyway); its RSS is printed separately so the
// writer's own share is visible. Also times anonymization and the JSON report.
// Usage: node --import tsx scripts/bench/xlsxBench.mjs [cases]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { writeReports } from '../../src/engine/report/writeReports.ts';
import { toJsonReport } from '../../src/engine/report/jsonReport.ts';
import { mulberry32 } from './seededRandom.mjs';

const total = Number(process.argv[2] ?? 100_000);
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;

// Seeded, so every run writes the same workbook.
const rand = mulberry32(0xbe7c4);
const words =
  'storage plan pricing bucket quota upload download share link folder sync device retention backup restore invoice billing region encryption key limit request minute hour team admin member role audit log version history trash policy'.split(
    ' ',
  );
const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');

function buildResult() {
  const suites = ['rag_quality', 'red_team', 'safety', 'performance'];
  const start = Date.parse('2025-01-01T00:00:00Z');
  const cases = [];
  for (let i = 0; i < total; i++) {
    const suite = suites[i % suites.length];
    const r = rand();
    const status = r < 0.85 ? 'passed' : r < 0.97 ? 'failed' : 'error';
    cases.push({
      suite,
      case_id: `${suite}-${i}`,
      input: `${sentence(12)}? contact user${i}@example.com`,
      expected: sentence(20),
      output: status === 'error' ? null : sentence(40),
      contexts: [sentence(50), sentence(50), sentence(50)],
      metrics: suite === 'rag_quality' ? { faithfulness: rand(), context_recall: rand(), f1: rand(), rouge_l: rand() } : { score: rand() },
      status,
      pass: status === 'passed',
      error: status === 'passed' ? null : status === 'failed' ? 'faithfulness 0.42 < 0.80' : 'timeout after 30000 ms',
      latency_ms: status === 'error' ? null : Math.round(rand() * 2000),
      timestamp: new Date(start + i * 10).toISOString(),
      ...(suite === 'red_team' ? { details: { category: 'jailbreak', mutation: 'role_play' } } : {}),
    });
  }
  const summary = (suite) => ({
    suite,
    status: 'passed',
    total: total / 4,
    passed: 0,
    failed: 0,
    errors: 0,
    metrics: [{ name: 'faithfulness', value: 0.5, threshold: 0.8, direction: 'min', pass: false }],
    notes: [],
  });
  return {
    version: 1,
    run: {
      id: 'run_20250101-000000_be7c4be7',
      profile: 'aiqk.yaml',
      started_at: '2025-01-01T00:00:00.000Z',
      finished_at: '2025-01-01T01:00:00.000Z',
      duration_ms: 3600000,
      status: 'failed',
      target: { mode: 'builtin' },
      suites,
      options: {},
    },
    summary: {
      overall: { total, passed: 0, failed: 0, errors: 0, pass_rate: 0, status: 'failed' },
      suites: Object.fromEntries(suites.map((s) => [s, summary(s)])),
    },
    cases,
    inputs: { version: 1, target: { mode: 'builtin' }, suites },
    logs: [{ time: '2025-01-01T00:00:00.000Z', level: 'info', message: 'run started' }],
  };
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);

const dir = mkdtempSync(join(tmpdir(), 'aiqk-xlsx-bench-'));
try {
  let t = performance.now();
  const result = buildResult();
  const built = process.memoryUsage().rss;
  console.log(`built ${total} cases in ${((performance.now() - t) / 1000).toFixed(2)} s, RSS ${mb(built)}`);

  t = performance.now();
  const cpu = process.cpuUsage();
  const files = await writeReports(result, { dir, formats: ['xlsx'], anonymize: false });
  const xlsxSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU time next to wall time: on a busy machine the wall clock says more about the neighbours.
  console.log(
    `xlsx: ${xlsxSeconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ${mb(statSync(files.xlsx).size)} on disk, peak RSS so far ${mb(peak)} (+${mb(peak - built)} over the built run)`,
  );

  t = performance.now();
  toJsonReport(result, { anonymize: true });
  console.log(`anonymize: ${((performance.now() - t) / 1000).toFixed(2)} s`);

  t = performance.now();
  const json = await writeReports(result, { dir, formats: ['json', 'junit'], anonymize: false });
  console.log(`json + junit: ${((performance.now() - t) / 1000).toFixed(2)} s, json ${mb(statSync(json.json).size)}`);

  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(`peak RSS ${mb(peak)}`);
  console.log(`RESULT xlsx_100k_seconds=${xlsxSeconds.toFixed(2)} target<15 ${xlsxSeconds < 15 ? 'PASS' : 'FAIL'}`);
  if (xlsxSeconds >= 15) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
