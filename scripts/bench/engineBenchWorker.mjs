// One side of the engine benchmark, in its own process so its peak memory is its
// own: `engine` runs N performance cases through the real run engine (bundled
// startRun, api target, performance suite), `floor` does the same N /ask requests
// with a bare fetch loop at the same concurrency (the floor), `http` does them
// with a bare node:http loop over keep-alive sockets (the transport the engine uses),
// `runner` runs N cases of a suite that does no I/O (the runner's own cost per case).
// Prints one JSON line.
//   node engineBenchWorker.mjs <engine|floor|http|runner> <baseUrl> <cases> <concurrency> <bundle>
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [mode, baseUrl, casesArg, concurrencyArg, bundle] = process.argv.slice(2);
const cases = Number(casesArg);
const concurrency = Number(concurrencyArg);
const QUESTION = 'In one sentence, what can you help me with?';

async function floor() {
  let next = 0;
  let ok = 0;
  const body = JSON.stringify({ query: QUESTION, provider: 'bench', model: 'bench-1' });
  const worker = async () => {
    while (next < cases) {
      next++;
      const res = await fetch(`${baseUrl}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = await res.json();
      if (res.ok && typeof json.answer === 'string') ok++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { wallMs: performance.now() - t0, ok };
}

async function httpFloor() {
  let next = 0;
  let ok = 0;
  const agent = new Agent({ keepAlive: true });
  const body = Buffer.from(JSON.stringify({ query: QUESTION, provider: 'bench', model: 'bench-1' }));
  const url = new URL('/ask', baseUrl);
  const ask = () =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.byteLength } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    while (next < cases) {
      next++;
      const { status, json } = await ask();
      if (status === 200 && typeof json.answer === 'string') ok++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { wallMs: performance.now() - t0, ok };
}

async function engine() {
  const { startRun, resolveProfile, performanceSuite } = createRequire(import.meta.url)(bundle);
  const raw = {
    version: 1,
    target: { mode: 'api', base_url: baseUrl, protocol: 'aiqk', provider: 'bench', model: 'bench-1', timeout_ms: 30000, retries: 0 },
    suites: ['performance'],
    use_defaults: false,
    volumes: { qa_sample_size: 1, perf_repeats: cases, concurrency },
    report: { formats: ['json'] },
  };
  const profile = resolveProfile(raw, `${process.cwd()}/bench.aiqk.yaml`);
  // The performance suite runs sequentially by design (latency without our own
  // queueing); the benchmark lifts that to measure the pool at each concurrency.
  const definitions = { performance: { ...performanceSuite, sequential: false } };
  const t0 = performance.now();
  const handle = startRun(profile, { definitions });
  // A listener like the CLI's progress view, so event delivery is measured too.
  let finished = 0;
  handle.events.onEvent((e) => {
    if (e.type === 'case-finished') finished = e.done;
  });
  const result = await handle.result;
  const wallMs = performance.now() - t0;
  if (result.run.status === 'error') throw new Error(result.run.error);
  return { wallMs, ok: result.summary.overall.passed, events: finished, status: result.run.status };
}

async function runner() {
  const { startRun, resolveProfile } = createRequire(import.meta.url)(bundle);
  const raw = {
    version: 1,
    target: { mode: 'builtin' },
    suites: ['performance'],
    use_defaults: true,
    volumes: { concurrency },
    report: { formats: ['json'] },
  };
  const profile = resolveProfile(raw, `${process.cwd()}/bench.aiqk.yaml`);
  const noIo = {
    name: 'performance',
    title: 'no I/O',
    plan: async () => Array.from({ length: cases }, (_, i) => ({ id: `c${i}`, input: 'q', payload: null })),
    runCase: async (p) => {
      await null;
      return {
        suite: 'performance',
        case_id: p.id,
        input: p.input,
        expected: null,
        output: 'a',
        contexts: [],
        metrics: {},
        status: 'passed',
        pass: true,
        error: null,
        latency_ms: 0,
        timestamp: '',
      };
    },
    summarize: (c) => ({
      suite: 'performance',
      status: 'passed',
      total: c.length,
      passed: c.length,
      failed: 0,
      errors: 0,
      metrics: [],
      notes: [],
    }),
  };
  const t0 = performance.now();
  const handle = startRun(profile, { definitions: { performance: noIo } });
  handle.events.onEvent(() => undefined);
  const result = await handle.result;
  return { wallMs: performance.now() - t0, ok: result.summary.overall.passed };
}

// Loaded before the clock starts, like the floor's fetch: both sides time the run itself.
if (mode !== 'floor') createRequire(import.meta.url)(bundle);
const cpu0 = process.cpuUsage();
const out = mode === 'engine' ? await engine() : mode === 'runner' ? await runner() : mode === 'http' ? await httpFloor() : await floor();
const cpu = process.cpuUsage(cpu0);
// CPU time of this process: steadier than wall time on a busy machine.
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ mode, cases, concurrency, ...out, cpuMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
