// The team server under load: `aiqk serve` (the built CLI, dist/cli.js) on loopback, and
// 50 concurrent clients that start, watch and cancel 500 runs on the built-in offline
// target. Prints runs lost (must be 0), 5xx answers (must be 0), p95 latency of start
// and of running-tests, and the server's peak memory; exits 1 when a run was lost or
// a 5xx came back.
//   node esbuild.mjs && node scripts/bench/serverBench.mjs [--clients 50] [--runs 500]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CLIENTS = arg('clients', 50);
const RUNS = arg('runs', 500);
const TOKEN = 'bench-admin-token-0123456789';
const PROFILE = { version: 1, target: { mode: 'builtin' }, suites: ['red_team', 'safety'] };

const dataDir = mkdtempSync(join(tmpdir(), 'aiqk-serve-bench-'));
const server = spawn(
  process.execPath,
  [join(root, 'dist', 'cli.js'), 'serve', '--port', '0', '--data-dir', dataDir, '--rate-limit', '100000', '--max-queue', String(RUNS)],
  { env: { ...process.env, AIQK_SERVER_TOKENS: `admin:${TOKEN}` }, stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`aiqk serve exited with ${code}`)));
});

let peakRss = 0;
const rssOf = () => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0);
    peakRss = Math.max(peakRss, kb * 1024);
  } catch {
    // not Linux: peak memory is read from VmHWM at the end or not at all
  }
};
const sampler = setInterval(rssOf, 100);

const latency = { start: [], running: [] };
let fiveXX = 0;
let other = 0;
async function api(method, route, body, kind) {
  const t0 = performance.now();
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (kind) latency[kind].push(performance.now() - t0);
  if (res.status >= 500) fiveXX++;
  else if (res.status >= 400) other++;
  return { status: res.status, json };
}

const accepted = new Set();
let next = 0;
async function client(c) {
  for (;;) {
    const i = next++;
    if (i >= RUNS) return;
    const started = await api('POST', '/orchestrator/start', { profile: PROFILE, profile_name: `client-${c}` }, 'start');
    if (started.status !== 202) continue;
    const id = started.json.run_id;
    accepted.add(id);
    await api('GET', '/orchestrator/running-tests', undefined, 'running');
    if (i % 2 === 1) await api('POST', `/orchestrator/cancel/${id}`);
    for (;;) {
      const run = await api('GET', `/orchestrator/runs/${id}`);
      if (!['queued', 'running'].includes(run.json.status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
const seconds = (performance.now() - t0) / 1000;
const all = [];
for (let offset = 0; ; offset += 500) {
  const page = await api('GET', `/orchestrator/runs?limit=500&offset=${offset}`);
  all.push(...page.json.runs);
  if (all.length >= page.json.total) break;
}
const final = new Map(all.map((r) => [r.run_id, r.status]));
const lost = [...accepted].filter((id) => !final.has(id) || ['queued', 'running'].includes(final.get(id))).length;
const counts = {};
for (const s of final.values()) counts[s] = (counts[s] ?? 0) + 1;
clearInterval(sampler);
rssOf();
try {
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  peakRss = Math.max(peakRss, hwm);
} catch {
  // not Linux
}
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] : NaN;
};
console.log(`server load: ${CLIENTS} clients, ${accepted.size}/${RUNS} runs accepted in ${seconds.toFixed(1)} s`);
console.log(`  final states: ${JSON.stringify(counts)}`);
console.log(`  runs lost: ${lost}`);
console.log(`  5xx answers: ${fiveXX} (other 4xx: ${other})`);
console.log(`  p95 start: ${p95(latency.start).toFixed(1)} ms, p95 running-tests: ${p95(latency.running).toFixed(1)} ms`);
console.log(`  server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
process.exitCode = lost > 0 || fiveXX > 0 || accepted.size < RUNS ? 1 : 0;
