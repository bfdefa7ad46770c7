import type { MetricVerdict, RunResult } from '../model/runTypes';
import { formatMetricValue, reportSuites } from './reportModel';
import { inconclusiveIn } from '../model/caseOutcome';
import { isEvidenceMetric } from '../metrics/verdict';

/** Options of the summary table. */
export interface SummaryTableOptions {
  /** ANSI colours (a terminal that supports them; the VS Code pseudoterminal does). */
  color: boolean;
  /** Line ending; a pseudoterminal needs '\r\n'. Default '\n'. */
  eol?: string;
  /** Whether to add the run's error line; false when the caller tells the run's story itself. Default true. */
  runError?: boolean;
}

type Tone = 'good' | 'bad' | 'warn' | 'dim' | 'plain';

const ANSI: Record<Tone, string> = { good: '\x1b[32m', bad: '\x1b[31;1m', warn: '\x1b[33m', dim: '\x1b[2m', plain: '' };

interface Cell {
  text: string;
  tone: Tone;
}

function toneOf(status: string): Tone {
  if (status === 'passed' || status === 'pass') return 'good';
  if (status === 'failed' || status === 'FAIL' || status === 'error') return 'bad';
  if (status === 'cancelled' || status === 'unmeasured' || status === 'inconclusive' || status === 'INCONCLUSIVE' || status === 'not run')
    return 'warn';
  return 'plain';
}

function metricCells(m: MetricVerdict): Cell[] {
  const threshold = m.threshold === undefined ? '' : `${m.direction === 'max' ? '<=' : '>='} ${formatMetricValue(m.threshold)}`;
  // Too many unclassified replies makes the suite inconclusive, not failed: the verdict says so.
  const verdict = m.pass === true ? 'pass' : m.pass === false ? (isEvidenceMetric(m.name) ? 'INCONCLUSIVE' : 'FAIL') : 'unmeasured';
  return [
    { text: m.name, tone: 'plain' },
    { text: formatMetricValue(m.value), tone: m.value === null ? 'warn' : 'plain' },
    { text: threshold, tone: 'plain' },
    { text: verdict, tone: toneOf(verdict) },
  ];
}

// Padding is computed on the plain text, then colour is added, so escape codes never skew the columns.
function render(rows: readonly Cell[][], color: boolean): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.text.length)));
  return rows.map((row) =>
    row
      .map((c, i) => {
        const padded = i === row.length - 1 ? c.text : c.text.padEnd(widths[i]!);
        return color && c.tone !== 'plain' && c.text ? `${ANSI[c.tone]}${padded}\x1b[0m` : padded;
      })
      .join('  ')
      .trimEnd(),
  );
}

function overallLine(result: RunResult, color: boolean): string {
  const o = result.summary.overall;
  const rate = o.pass_rate === null ? 'no cases' : `${(o.pass_rate * 100).toFixed(1)}%`;
  const status = o.status.toUpperCase();
  const paint = (text: string): string => (color ? `${ANSI[toneOf(o.status)]}${text}\x1b[0m` : text);
  const parts = [`${o.passed}/${o.total} passed (${rate})`];
  if (o.failed) parts.push(`${o.failed} failed`);
  if (o.errors) parts.push(`${o.errors} error${o.errors === 1 ? '' : 's'}`);
  const inconclusive = inconclusiveIn(result);
  if (inconclusive) parts.push(`${inconclusive} inconclusive`);
  return `Overall: ${paint(status)}  ${parts.join(', ')}  ·  ${result.run.id}  ·  ${(result.run.duration_ms / 1000).toFixed(1)} s`;
}

/**
 * A plain-text table of a run for the CLI and the VS Code pseudoterminal: one
 * block per suite (status, passed/total) with each thresholded metric against
 * its threshold, failing metrics first, then an overall line.
 */
export function formatSummaryTable(result: RunResult, opts: SummaryTableOptions): string {
  const eol = opts.eol ?? '\n';
  const header: Cell[] = ['Suite', 'Status', 'Passed', 'Metric', 'Value', 'Threshold', 'Verdict'].map((text) => ({ text, tone: 'dim' }));
  const rows: Cell[][] = [header];
  for (const suite of reportSuites(result)) {
    const s = result.summary.suites[suite];
    const status = s?.status ?? 'not run';
    const lead: Cell[] = [
      { text: suite, tone: 'plain' },
      { text: status, tone: toneOf(status) },
      { text: s ? `${s.passed}/${s.total}` : '-', tone: 'plain' },
    ];
    const order = (m: MetricVerdict): number => (m.pass === false ? 0 : m.pass === null ? 1 : 2);
    const metrics = (s?.metrics ?? []).filter((m) => m.threshold !== undefined).sort((a, b) => order(a) - order(b));
    if (metrics.length === 0) rows.push([...lead, { text: '-', tone: 'dim' }]);
    metrics.forEach((m, i) => rows.push([...(i === 0 ? lead : lead.map(() => ({ text: '', tone: 'plain' as const }))), ...metricCells(m)]));
  }
  const lines = render(rows, opts.color);
  if (result.run.error && opts.runError !== false) lines.push(`Run error: ${result.run.error}`);
  lines.push(overallLine(result, opts.color));
  return lines.join(eol);
}
