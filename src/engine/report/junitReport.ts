import { inconclusiveReason } from '../model/caseOutcome';
import type { CaseResult, MetricVerdict, RunResult, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { caseFailureText, casesInMemory, describeVerdict, formatMetricValue, reportSuites } from './reportModel';
import { escapeXmlAttr, escapeXmlText, truncate } from './xmlText';

// JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): one
// <testsuite> per quality suite; a <testcase> per case plus one per thresholded
// suite metric, so a threshold miss fails the build even when every case passed.
// The file is valid against junit-10.xsd, the schema of Jenkins' xUnit plugin
// (test/fixtures/junit): the root carries no `skipped` or `timestamp`. Times are
// wall times: the run's, each suite's and each case's own.

const BODY_FIELD_MAX = 2000;

function seconds(ms: number | null | undefined): string {
  return (typeof ms === 'number' && Number.isFinite(ms) ? ms / 1000 : 0).toFixed(3);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}

function caseBody(c: CaseResult): string {
  const lines = [`input: ${truncate(c.input, BODY_FIELD_MAX)}`];
  if (c.expected !== null) lines.push(`expected: ${truncate(c.expected, BODY_FIELD_MAX)}`);
  if (c.output !== null) lines.push(`output: ${truncate(c.output, BODY_FIELD_MAX)}`);
  const metrics = Object.entries(c.metrics).map(([k, v]) => `${k}=${formatMetricValue(v)}`);
  if (metrics.length) lines.push(`metrics: ${metrics.join(', ')}`);
  return escapeXmlText(lines.join('\n'));
}

/** Wall time of a case: recorded since reports carry it; before, its call latency is the best estimate. */
function caseMs(c: CaseResult): number | null {
  return c.duration_ms ?? c.latency_ms;
}

/** What the suite-level parts of the JUnit need of a suite's cases: counts and the span they cover. */
interface SuiteTally {
  cases: number;
  failures: number;
  errors: number;
  skipped: number;
  /** Earliest case start and latest case finish (epoch ms), for reports without suite durations. */
  first: number;
  last: number;
}

function tallyCase(tallies: Map<SuiteName, SuiteTally>, c: CaseResult): void {
  let t = tallies.get(c.suite);
  if (!t) tallies.set(c.suite, (t = { cases: 0, failures: 0, errors: 0, skipped: 0, first: Infinity, last: -Infinity }));
  t.cases++;
  if (c.status === 'failed') t.failures++;
  else if (c.status === 'error') t.errors++;
  else if (c.status === 'cancelled' || c.status === 'inconclusive') t.skipped++;
  const end = Date.parse(c.timestamp);
  if (!Number.isFinite(end)) return;
  const ms = caseMs(c);
  t.first = Math.min(t.first, end - (typeof ms === 'number' && Number.isFinite(ms) ? ms : 0));
  t.last = Math.max(t.last, end);
}

/**
 * Wall time of a suite: recorded since reports carry it; before, the span from the
 * earliest case start (its finish time less its own time) to the last case finish.
 */
function suiteMs(summary: SuiteSummary | undefined, tally: SuiteTally | undefined): number {
  if (summary?.duration_ms !== undefined) return summary.duration_ms;
  return tally && tally.last >= tally.first ? tally.last - tally.first : 0;
}

function caseXml(c: CaseResult, summary: SuiteSummary | undefined): string {
  const head = `    <testcase${attrs({ classname: `aiqk.${c.suite}`, name: c.case_id, time: seconds(caseMs(c)) })}`;
  switch (c.status) {
    case 'passed':
      return `${head}/>\n`;
    case 'failed':
      return `${head}>\n      <failure${attrs({ message: caseFailureText(c, summary), type: 'failed' })}>${caseBody(c)}</failure>\n    </testcase>\n`;
    case 'error':
      return `${head}>\n      <error${attrs({ message: c.error ?? 'case could not be evaluated', type: 'error' })}>${caseBody(c)}</error>\n    </testcase>\n`;
    case 'cancelled':
      return `${head}>\n      <skipped${attrs({ message: 'cancelled' })}/>\n    </testcase>\n`;
    case 'inconclusive':
      return `${head}>\n      <skipped${attrs({ message: c.error ?? 'inconclusive: the reply could not be classified' })}/>\n    </testcase>\n`;
  }
}

function metricXml(suite: SuiteName, m: MetricVerdict): string {
  const head = `    <testcase${attrs({ classname: `aiqk.${suite}`, name: `metric:${m.name}`, time: '0.000' })}`;
  if (m.pass === true) return `${head}/>\n`;
  if (m.pass === false) return `${head}>\n      <failure${attrs({ message: describeVerdict(m), type: 'threshold' })}/>\n    </testcase>\n`;
  return `${head}>\n      <skipped${attrs({ message: describeVerdict(m) })}/>\n    </testcase>\n`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** The suite-level testcase a suite without a plain verdict gets: an error, or skipped with the reason. */
interface SuiteMark {
  element: 'error' | 'skipped';
  message: string;
}

function suiteMark(summary: SuiteSummary | undefined, caseCount: number): SuiteMark | undefined {
  const notes = summary?.notes.join('; ');
  // A suite that errored before producing a case still has to show up red.
  if (summary?.status === 'error' && caseCount === 0) return { element: 'error', message: notes || 'suite ended in error' };
  if (summary?.status === 'cancelled') return { element: 'skipped', message: `cancelled${notes ? `: ${notes}` : ''}` };
  if (summary?.status === 'inconclusive') return { element: 'skipped', message: `inconclusive: ${inconclusiveReason(summary)}` };
  return undefined;
}

function suiteCounts(tally: SuiteTally | undefined, metrics: readonly MetricVerdict[], mark: SuiteMark | undefined): Counts {
  const n: Counts = {
    tests: (tally?.cases ?? 0) + metrics.length + (mark ? 1 : 0),
    failures: tally?.failures ?? 0,
    errors: tally?.errors ?? 0,
    skipped: tally?.skipped ?? 0,
  };
  if (mark?.element === 'error') n.errors++;
  else if (mark) n.skipped++;
  for (const m of metrics) {
    if (m.pass === false) n.failures++;
    else if (m.pass === null) n.skipped++;
  }
  return n;
}

/**
 * Why CI must not read the run as green although no case failed: a run in error,
 * cancelled or inconclusive (the command line does not exit 0 for them either).
 */
function runProblem(result: RunResult, caseCount: number): { type: string; message: string } | undefined {
  const { status } = result.run;
  if (status === 'error') return { type: 'error', message: result.run.error ?? 'run ended in error' };
  if (status === 'cancelled') {
    const logged = result.logs.find((l) => l.message.startsWith('run cancelled'))?.message;
    return { type: 'cancelled', message: logged ?? `run cancelled after ${caseCount} finished cases` };
  }
  if (status === 'inconclusive') {
    const suites = Object.values(result.summary.suites).filter((s) => s.status === 'inconclusive');
    const why = suites.map((s) => `${s.suite}: ${inconclusiveReason(s)}`).join('; ');
    return { type: 'inconclusive', message: `run inconclusive, not passed${why ? `: ${why}` : ''}` };
  }
  return undefined;
}

/** The JUnit text around the cases: the head, each suite's opening and closing, the tail. */
interface JunitFrame {
  head: string;
  suites: { suite: SuiteName; summary: SuiteSummary | undefined; open: string; close: string }[];
  tail: string;
}

function junitFrame(result: RunResult, tallies: ReadonlyMap<SuiteName, SuiteTally>): JunitFrame {
  const suites = [...new Set([...reportSuites({ ...result, cases: [] }), ...tallies.keys()])];
  const caseCount = [...tallies.values()].reduce((n, t) => n + t.cases, 0);
  const plan = suites.map((suite) => {
    const summary = result.summary.suites[suite];
    const tally = tallies.get(suite);
    const judged = (summary?.metrics ?? []).filter((m) => m.threshold !== undefined);
    const mark = suiteMark(summary, tally?.cases ?? 0);
    return { suite, summary, tally, judged, mark, counts: suiteCounts(tally, judged, mark) };
  });
  const problem = runProblem(result, caseCount);
  const total: Counts = { tests: problem ? 1 : 0, failures: 0, errors: problem ? 1 : 0, skipped: 0 };
  for (const p of plan) for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) total[k] += p.counts[k];
  const runTime = seconds(result.run.duration_ms);
  const { tests, failures, errors } = total;

  let head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  head += `<testsuites${attrs({ name: `aiqk ${result.run.id}`, tests, failures, errors, time: runTime })}>\n`;
  if (problem) {
    head += `  <testsuite${attrs({ name: 'aiqk.run', tests: 1, failures: 0, errors: 1, skipped: 0, time: runTime, timestamp: result.run.started_at })}>\n`;
    head += `    <testcase${attrs({ classname: 'aiqk.run', name: result.run.id, time: runTime })}>\n      <error${attrs(problem)}/>\n    </testcase>\n  </testsuite>\n`;
  }
  const frames = plan.map((p) => {
    const time = seconds(suiteMs(p.summary, p.tally));
    let open = `  <testsuite${attrs({ name: p.suite, ...p.counts, time, timestamp: result.run.started_at })}>\n`;
    const properties = [{ name: 'status', value: p.summary?.status ?? 'not run' }];
    for (const m of p.summary?.metrics ?? [])
      if (m.threshold === undefined) properties.push({ name: `metric.${m.name}`, value: formatMetricValue(m.value) });
    for (const note of p.summary?.notes ?? []) properties.push({ name: 'note', value: note });
    open += `    <properties>\n${properties.map((pr) => `      <property${attrs(pr)}/>\n`).join('')}    </properties>\n`;
    if (p.mark) {
      const detail = p.mark.element === 'error' ? attrs({ message: p.mark.message, type: 'suite' }) : attrs({ message: p.mark.message });
      open += `    <testcase${attrs({ classname: `aiqk.${p.suite}`, name: 'suite', time })}>\n      <${p.mark.element}${detail}/>\n    </testcase>\n`;
    }
    const close = `${p.judged.map((m) => metricXml(p.suite, m)).join('')}  </testsuite>\n`;
    return { suite: p.suite, summary: p.summary, open, close };
  });
  return { head, suites: frames, tail: '</testsuites>\n' };
}

/**
 * The JUnit XML of a run in chunks (one per case), with the cases read from
 * `cases` (each call reads them again from the start: a run's case spill, or
 * its cases in memory): one pass counts them, then one pass per suite writes
 * its cases, holding one case at a time. `result`'s own cases are ignored. Case
 * failures carry the metric-vs-threshold text; a run in error, cancelled or
 * inconclusive has an `aiqk.run` testcase with an error.
 */
export async function* streamedJunitReportChunks(result: RunResult, cases: () => AsyncIterable<CaseResult>): AsyncGenerator<string> {
  const tallies = new Map<SuiteName, SuiteTally>();
  for await (const c of cases()) tallyCase(tallies, c);
  const frame = junitFrame(result, tallies);
  yield frame.head;
  for (const s of frame.suites) {
    yield s.open;
    if (tallies.has(s.suite)) for await (const c of cases()) if (c.suite === s.suite) yield caseXml(c, s.summary);
    yield s.close;
  }
  yield frame.tail;
}

/** The JUnit XML of a run held in memory, as one string (small runs, tests). */
export async function toJunitXml(result: RunResult): Promise<string> {
  let xml = '';
  for await (const chunk of streamedJunitReportChunks(result, casesInMemory(result.cases))) xml += chunk;
  return xml;
}
