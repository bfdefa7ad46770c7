import type { CaseResult, MetricVerdict, RunResult, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { caseFailureText, casesBySuite, describeVerdict, formatMetricValue, reportSuites } from './reportModel';
import { escapeXmlAttr, escapeXmlText, truncate } from './xmlText';

// JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): one
// <testsuite> per quality suite; a <testcase> per case plus one per thresholded
// suite metric, so a threshold miss fails the build even when every case passed.

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

function caseXml(c: CaseResult, summary: SuiteSummary | undefined): string {
  const head = `    <testcase${attrs({ classname: `aiqk.${c.suite}`, name: c.case_id, time: seconds(c.latency_ms) })}`;
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
  ms: number;
}

function suiteCounts(cases: readonly CaseResult[], metrics: readonly MetricVerdict[], suiteError: boolean): Counts {
  const n: Counts = {
    tests: cases.length + metrics.length + (suiteError ? 1 : 0),
    failures: 0,
    errors: suiteError ? 1 : 0,
    skipped: 0,
    ms: 0,
  };
  for (const c of cases) {
    if (c.status === 'failed') n.failures++;
    else if (c.status === 'error') n.errors++;
    else if (c.status === 'cancelled') n.skipped++;
    if (typeof c.latency_ms === 'number' && Number.isFinite(c.latency_ms)) n.ms += c.latency_ms;
  }
  for (const m of metrics) {
    if (m.pass === false) n.failures++;
    else if (m.pass === null) n.skipped++;
  }
  return n;
}

function countAttrs(n: Counts): Record<string, string | number> {
  return { tests: n.tests, failures: n.failures, errors: n.errors, skipped: n.skipped, time: seconds(n.ms) };
}

/**
 * The JUnit XML of a run, in chunks (one per case) so a large run is written
 * without one huge string. Case failures carry the metric-vs-threshold text.
 */
export function* junitReportChunks(result: RunResult): Generator<string> {
  const groups = casesBySuite(result);
  const suites = reportSuites(result);
  const plan = suites.map((suite) => {
    const summary = result.summary.suites[suite];
    const cases = groups.get(suite) ?? [];
    const judged = (summary?.metrics ?? []).filter((m) => m.threshold !== undefined);
    // A suite that errored before producing a case still has to show up red.
    const suiteError = cases.length === 0 && summary?.status === 'error';
    return { suite, summary, cases, judged, suiteError, counts: suiteCounts(cases, judged, suiteError) };
  });
  const runError = result.run.status === 'error' ? (result.run.error ?? 'run ended in error') : undefined;
  const total: Counts = { tests: runError ? 1 : 0, failures: 0, errors: runError ? 1 : 0, skipped: 0, ms: 0 };
  for (const p of plan) for (const k of ['tests', 'failures', 'errors', 'skipped', 'ms'] as const) total[k] += p.counts[k];

  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs({ name: `aiqk ${result.run.id}`, ...countAttrs(total), timestamp: result.run.started_at })}>\n`;
  if (runError) {
    yield `  <testsuite${attrs({ name: 'aiqk.run', tests: 1, failures: 0, errors: 1, skipped: 0, time: seconds(result.run.duration_ms), timestamp: result.run.started_at })}>\n`;
    yield `    <testcase${attrs({ classname: 'aiqk.run', name: result.run.id, time: seconds(result.run.duration_ms) })}>\n      <error${attrs({ message: runError, type: 'run' })}/>\n    </testcase>\n  </testsuite>\n`;
  }
  for (const p of plan) {
    yield `  <testsuite${attrs({ name: p.suite, ...countAttrs(p.counts), timestamp: result.run.started_at })}>\n`;
    const properties = [{ name: 'status', value: p.summary?.status ?? 'not run' }];
    for (const m of p.summary?.metrics ?? [])
      if (m.threshold === undefined) properties.push({ name: `metric.${m.name}`, value: formatMetricValue(m.value) });
    for (const note of p.summary?.notes ?? []) properties.push({ name: 'note', value: note });
    yield `    <properties>\n${properties.map((pr) => `      <property${attrs(pr)}/>\n`).join('')}    </properties>\n`;
    if (p.suiteError) {
      const why = p.summary?.notes.join('; ') || 'suite ended in error';
      yield `    <testcase${attrs({ classname: `aiqk.${p.suite}`, name: 'suite', time: '0.000' })}>\n      <error${attrs({ message: why, type: 'suite' })}/>\n    </testcase>\n`;
    }
    for (const c of p.cases) yield caseXml(c, p.summary);
    for (const m of p.judged) yield metricXml(p.suite, m);
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

/** The JUnit XML of a run as one string (small runs, tests). */
export function toJunitXml(result: RunResult): string {
  return [...junitReportChunks(result)].join('');
}
