// The measuring process of reportOpenBench.mjs: opens one report as the report
// view's host does and prints the timings and its peak RSS as JSON.
// Usage: node --import tsx scripts/bench/reportOpenWorker.mjs <report.json>
import { performance } from 'node:perf_hooks';
import { FIRST_QUERY, ReportSession } from '../../src/extension/report/reportSession.ts';

const file = process.argv[2];
const ctx = {
  uri: 'file:///bench.json',
  paths: { json: 'bench.json', xlsx: null, profile: null },
  comparison: null,
  comparisonNote: null,
  canRerun: false,
};

async function timed(fn) {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

let id = 0;
const ask = (session, patch) => session.answer({ type: 'queryCases', id: ++id, query: { ...FIRST_QUERY, ...patch } }, ctx.uri);

const [openMs, [session, data]] = await timed(async () => {
  const s = await ReportSession.open(file);
  return [s, await s.viewData(ctx)];
});
if (data.first.page.cases.length !== FIRST_QUERY.pageSize) throw new Error('the first page is not full');
const [latencyMs, byLatency] = await timed(() => ask(session, { sort: { key: 'latency', dir: 'desc' }, page: 2 }));
const [statusMs, failed] = await timed(() => ask(session, { status: 'failed' }));
const [textMs, text] = await timed(() => ask(session, { text: 'order 9972' }));
const [textNextMs] = await timed(() => ask(session, { text: 'order 9972', page: 1 }));
process.stdout.write(
  JSON.stringify({
    openMs,
    latencyMs,
    latencyFirst: `${byLatency.page.cases[0].case_id} at ${byLatency.page.cases[0].latency_ms} ms`,
    statusMs,
    statusMatching: failed.page.matching,
    textMs,
    textMatching: text.page.matching,
    textNextMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
