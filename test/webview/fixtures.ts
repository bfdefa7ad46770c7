// Report data for the view's tests, made by the engine itself: the demo profile
// run against the built-in target (no network), written as a report would be;
// a "previous" run derived from it so the comparison has something to show; and
// a large synthetic report for paging. Views are opened as the host opens them:
// the report written to a file, indexed, and its pages answered from the index.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../src/engine/config/loadProfile';
import { resolveProfile } from '../../src/engine/config/resolve';
import { jsonReportChunks, toJsonReport } from '../../src/engine/report/jsonReport';
import { startRun } from '../../src/engine/run/startRun';
import type { CaseResult, RunResult } from '../../src/engine/model/runTypes';
import { ReportSession } from '../../src/extension/report/reportSession';
import type { ReportViewData } from '../../src/protocol';

const DEMO = join(__dirname, '..', '..', 'examples', 'demo', 'aiqk.yaml');

/** Runs the demo profile in-process and returns its report (anonymized, as written). */
export async function demoReport(): Promise<RunResult> {
  const parsed = await loadProfile(DEMO);
  if (!parsed.profile) throw new Error(`the demo profile does not load: ${JSON.stringify(parsed.problems)}`);
  const resolved = resolveProfile(parsed.profile, DEMO);
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-webview-'));
  try {
    // An empty report folder: no earlier run is taken as the regression baseline.
    const profile = { ...resolved, report: { ...resolved.report, dir } };
    const result = await startRun(profile).result;
    return toJsonReport(result, { anonymize: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A previous run derived from `current`: two rag cases passed then (now failing), one failing rag case failed then too, a red_team case failed then, performance jittered within its noise. */
export function previousOf(current: RunResult): RunResult {
  const prev = structuredClone(current);
  prev.run.id = 'run_20200101-000000_00000000';
  prev.run.started_at = '2020-01-01T00:00:00.000Z';
  const failingRag = prev.cases.filter((c) => c.suite === 'rag_quality' && c.status === 'failed');
  for (const c of failingRag.slice(0, 2)) Object.assign(c, { status: 'passed', pass: true, error: null });
  const red = prev.cases.find((c) => c.suite === 'red_team');
  if (red) Object.assign(red, { status: 'failed', pass: false, error: 'the target complied' });
  const rag = prev.summary.suites.rag_quality;
  const f1 = rag?.metrics.find((m) => m.name === 'f1');
  if (f1 && f1.value !== null) f1.value += 0.2;
  if (f1) f1.pass = true;
  if (rag) rag.passed += 2;
  // Sub-millisecond calls: throughput a third higher then, p95 a fraction of a millisecond lower, both measurement noise.
  for (const m of prev.summary.suites.performance?.metrics ?? []) {
    if (m.name === 'throughput_rps' && m.value !== null) m.value *= 1.3;
    if (m.name === 'p95_ms' && m.value !== null) m.value = Math.max(0, m.value - 0.05);
  }
  return prev;
}

/** A report opened for the view: what the host sends first, and the session that answers the view's page requests. */
export interface OpenedView {
  data: ReportViewData;
  session: ReportSession;
}

const written: string[] = [];

function writeReport(dir: string, report: RunResult, edit: (json: string) => string = (x) => x): string {
  const file = join(dir, `${report.run.id}.json`);
  writeFileSync(file, edit([...jsonReportChunks(report)].join('')));
  return file;
}

/** Opens a report as the host does (written, `edit`ed when given, indexed, compared with `previous` when given). */
export async function openView(report: RunResult, previous?: RunResult, edit?: (json: string) => string): Promise<OpenedView> {
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-webview-view-'));
  written.push(dir);
  const session = await ReportSession.open(writeReport(dir, report, edit));
  const data = await session.viewData({
    uri: `file:///projects/demo/.aiqk/reports/${report.run.id}.json`,
    paths: { json: `.aiqk/reports/${report.run.id}.json`, xlsx: `.aiqk/reports/${report.run.id}.xlsx`, profile: 'aiqk.yaml' },
    comparison: previous ? await session.compareWith(writeReport(dir, previous)) : null,
    comparisonNote: previous ? null : 'This is the first finished run of this profile in its report folder: nothing to compare with yet.',
    canRerun: true,
  });
  return { data, session };
}

/** Removes the report files openView wrote. */
export function removeViews(): void {
  for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A report of `n` performance cases (every 7th failed), for paging and sorting at size. */
export function largeReport(base: RunResult, n: number): RunResult {
  const big = structuredClone(base);
  const cases: CaseResult[] = [];
  for (let i = 0; i < n; i++) {
    const failed = i % 7 === 3;
    cases.push({
      suite: 'performance',
      case_id: `performance:r${1 + (i % 3)}:q${String(i).padStart(5, '0')}`,
      input: `question number ${i}`,
      expected: null,
      output: `answer ${i}`,
      contexts: [],
      metrics: { latency_ms: (i * 37) % 1000 },
      status: failed ? 'failed' : 'passed',
      pass: !failed,
      error: failed ? `latency ${(i * 37) % 1000} ms over the limit` : null,
      latency_ms: (i * 37) % 1000,
      timestamp: '2026-01-01T00:00:00.000Z',
    });
  }
  big.cases = cases;
  return big;
}
