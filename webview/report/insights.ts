// Chart panels: latency of the performance suite (histogram and percentiles) and
// red_team attack outcomes per category. Charts are drawn after the panel is in
// the document (Chart.js measures its container).
import type { CaseAggregates } from '../../src/engine/model/caseQuery';
import type { SuiteSummary } from '../../src/engine/model/runTypes';
import { h } from '../shared/dom';
import type { AttackRow, Bin } from './charts';
import { attackChart, latencyChart } from './charts';
import { formatMetric, formatMs, formatPercent, formatThreshold } from './format';

/** A panel and the function that draws its chart once it is in the document. */
export interface ChartPanel {
  element: HTMLElement;
  draw(): void;
}

function metric(s: SuiteSummary, name: string): SuiteSummary['metrics'][number] | undefined {
  return s.metrics.find((m) => m.name === name);
}

function chip(label: string, value: string, verdict?: boolean | null, threshold?: string): HTMLElement {
  const kind = verdict === true ? 'passed' : verdict === false ? 'failed' : '';
  return h(
    'div',
    { class: `chip${kind ? ` is-${kind}` : ''}` },
    h('span', { class: 'chip-label' }, label),
    h('span', { class: 'chip-value mono' }, value),
    threshold ? h('span', { class: 'chip-threshold muted' }, threshold) : null,
  );
}

function dataTable(caption: string, head: string[], rows: (string | number)[][]): HTMLElement {
  return h(
    'table',
    { class: 'sr-only' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((x, i) => (i === 0 ? h('th', { scope: 'row' }, String(x)) : h('td', {}, String(x)))),
        ),
      ),
    ),
  );
}

/** A bin edge for the axis, with as many decimals as the bin width needs: 0 ms, 2.5 ms, 1.2 s. */
export function axisMs(ms: number, step: number): string {
  if (ms >= 1000 && step >= 100) return `${Number((ms / 1000).toFixed(step >= 1000 ? 0 : 1))} s`;
  const decimals =
    step >= 1
      ? Number.isInteger(step)
        ? 0
        : 1
      : Math.min(4, Math.ceil(-Math.log10(step)) + (Number.isInteger(step * 10 ** Math.ceil(-Math.log10(step))) ? 0 : 1));
  return `${Number(ms.toFixed(decimals))} ms`;
}

/** The latency panel of the performance suite, or null when no call succeeded. */
export function latencyPanel(s: SuiteSummary, latency: CaseAggregates['latency']): ChartPanel | null {
  const { bins, count } = latency;
  if (count === 0) return null;
  const p95 = metric(s, 'p95_ms');
  const limit = p95?.threshold;
  const chips = h(
    'div',
    { class: 'chips' },
    ['p50_ms', 'p90_ms'].map((n) => chip(n.replace('_ms', ''), formatMetric(n, metric(s, n)?.value))),
    chip(
      'p95',
      formatMetric('p95_ms', p95?.value),
      p95?.pass,
      p95?.threshold !== undefined ? formatThreshold('p95_ms', p95.threshold, p95.direction) : undefined,
    ),
    chip('p99', formatMetric('p99_ms', metric(s, 'p99_ms')?.value)),
    chip('mean', formatMetric('mean_ms', metric(s, 'mean_ms')?.value)),
    metric(s, 'warm_p50_ms')?.value != null ? chip('cold p50', formatMetric('cold_p50_ms', metric(s, 'cold_p50_ms')?.value)) : null,
    metric(s, 'warm_p50_ms')?.value != null ? chip('warm p50', formatMetric('warm_p50_ms', metric(s, 'warm_p50_ms')?.value)) : null,
  );
  const summary = `Latency of ${count} successful calls: p50 ${formatMetric('p50_ms', metric(s, 'p50_ms')?.value)}, p95 ${formatMetric('p95_ms', p95?.value)}.`;
  const canvas = h('canvas', { role: 'img', 'aria-label': `Histogram. ${summary}` });
  const element = h(
    'section',
    { class: 'panel chart-panel', 'aria-labelledby': 'latency-title', id: 'latency' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'latency-title' }, 'Latency'),
      h('span', { class: 'muted' }, `performance · ${count.toLocaleString('en-US')} successful call${count === 1 ? '' : 's'}`),
    ),
    chips,
    h('div', { class: 'chart-box' }, canvas),
    limit !== undefined && bins.some((b) => b.to > limit)
      ? h(
          'p',
          { class: 'legend muted' },
          h('span', { class: 'swatch is-over' }),
          `calls slower than the p95 threshold (${formatMs(limit)})`,
        )
      : null,
    dataTable(
      'Latency histogram',
      ['latency from', 'to', 'calls'],
      bins.map((b) => [formatMs(b.from), formatMs(b.to), b.count]),
    ),
  );
  const step = bins.length > 0 ? (bins[0] as Bin).to - (bins[0] as Bin).from : 1;
  return { element, draw: () => void latencyChart(canvas, bins, (ms) => axisMs(ms, step), limit) };
}

/** Rows of the attack chart from the red_team summary's per-category tallies. */
export function attackRows(s: SuiteSummary): AttackRow[] {
  const by = s.details?.by_category;
  if (typeof by !== 'object' || by === null) return [];
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return Object.entries(by as Record<string, Record<string, unknown>>)
    .map(([category, t]) => ({
      category,
      refused: num(t.refused),
      unclear: num(t.unclear),
      succeeded: num(t.complied) + num(t.leaked),
      errors: num(t.errors),
      rate: typeof t.attack_success_rate === 'number' ? t.attack_success_rate : null,
    }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.category.localeCompare(b.category));
}

/** The attack-success panel of the red_team suite, or null without categories. */
export function attackPanel(s: SuiteSummary): ChartPanel | null {
  const rows = attackRows(s);
  if (rows.length === 0) return null;
  const overall = metric(s, 'attack_success_rate');
  const rate = (r: number | null): string => (r === null ? '–' : formatPercent(r));
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `Attack outcomes by category. Overall attack success rate ${rate(overall?.value ?? null)}.`,
  });
  const box = h('div', { class: 'chart-box' }, canvas);
  box.style.minHeight = `${Math.max(140, rows.length * 34 + 48)}px`;
  const legend = h(
    'ul',
    { class: 'legend-list', 'aria-hidden': 'true' },
    [
      ['refused', 'Refused'],
      ['unclear', 'Unclear'],
      ['succeeded', 'Attack succeeded'],
      ['errors', 'No answer'],
    ].map(([k, label]) => h('li', {}, h('span', { class: `swatch is-${k}` }), label)),
  );
  const element = h(
    'section',
    { class: 'panel chart-panel', 'aria-labelledby': 'attacks-title', id: 'attacks' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'attacks-title' }, 'Attack success by category'),
      h('span', { class: 'muted' }, 'red team'),
    ),
    h(
      'div',
      { class: 'chips' },
      chip(
        'attack success rate',
        rate(overall?.value ?? null),
        overall?.pass,
        overall?.threshold !== undefined ? formatThreshold('attack_success_rate', overall.threshold, overall.direction) : undefined,
      ),
      chip('categories', String(rows.length)),
    ),
    legend,
    box,
    dataTable(
      'Attack outcomes by category',
      ['category', 'refused', 'unclear', 'succeeded', 'no answer', 'success rate'],
      rows.map((r) => [r.category, r.refused, r.unclear, r.succeeded, r.errors, rate(r.rate)]),
    ),
  );
  return { element, draw: () => void attackChart(canvas, rows, rate) };
}
