// One card per suite: its verdict, case counts and key metrics against their
// thresholds. A card's button filters the case table to that suite.
import type { MetricVerdict, SuiteSummary } from '../../src/engine/model/runTypes';
import { h } from '../shared/dom';
import { icon } from '../shared/icons';
import { formatMetric, formatThreshold, metricLabel, suiteLabel } from './format';
import { statusBadge } from './header';

// Informational metrics worth a line on a card, per suite (thresholded ones always show).
const EXTRA_METRICS: Record<string, readonly string[]> = {
  performance: ['p50_ms', 'p99_ms', 'throughput_rps'],
  safety: ['safety_score'],
  resilience: ['p95_ms'],
  regression: ['f1'],
};

/** The metrics a card shows: thresholded ones (failing first), then a few informational ones. */
export function keyMetrics(s: SuiteSummary): MetricVerdict[] {
  const rank = (m: MetricVerdict): number => (m.pass === false ? 0 : m.pass === true ? 1 : 2);
  const judged = s.metrics.filter((m) => m.threshold !== undefined).sort((a, b) => rank(a) - rank(b));
  const extra = (EXTRA_METRICS[s.suite] ?? [])
    .map((n) => s.metrics.find((m) => m.name === n && m.threshold === undefined && m.value !== null))
    .filter((m): m is MetricVerdict => !!m);
  return [...judged, ...extra];
}

function metricRow(m: MetricVerdict): HTMLElement {
  const verdict = m.threshold === undefined ? 'info' : m.pass === true ? 'passed' : m.pass === false ? 'failed' : 'unmeasured';
  const glyph =
    verdict === 'passed'
      ? icon('pass', 'pass')
      : verdict === 'failed'
        ? icon('fail', 'fail')
        : verdict === 'unmeasured'
          ? icon('unmeasured', 'unmeasured')
          : h('span', { class: 'icon-gap', 'aria-hidden': 'true' });
  return h(
    'li',
    { class: `metric is-${verdict}`, title: m.reason ?? '' },
    h('span', { class: `metric-icon status is-${verdict}` }, glyph),
    h('span', { class: 'metric-name' }, metricLabel(m.name)),
    h('span', { class: 'metric-value mono' }, formatMetric(m.name, m.value)),
    h('span', { class: 'metric-threshold muted' }, m.threshold !== undefined ? formatThreshold(m.name, m.threshold, m.direction) : ''),
  );
}

// Inconclusive cases of a suite: red_team and safety list them (unclear_cases).
function inconclusiveOf(s: SuiteSummary): number {
  const listed = s.details?.unclear_cases;
  return Array.isArray(listed) ? listed.length : 0;
}

function countsBar(s: SuiteSummary): HTMLElement {
  const inconclusive = inconclusiveOf(s);
  const other = Math.max(0, s.total - s.passed - s.failed - s.errors - inconclusive);
  const bar = h('div', { class: 'counts-bar', 'aria-hidden': 'true' });
  for (const [n, kind] of [
    [s.passed, 'passed'],
    [s.failed, 'failed'],
    [s.errors, 'error'],
    [inconclusive, 'inconclusive'],
    [other, 'cancelled'],
  ] as const) {
    if (n === 0 || s.total === 0) continue;
    const seg = h('span', { class: `seg is-${kind}` });
    seg.style.width = `${(n / s.total) * 100}%`;
    bar.append(seg);
  }
  return bar;
}

/** The card of one suite; `onShow` filters the table to it. */
export function suiteCard(s: SuiteSummary, selected: boolean, onShow: (suite: string) => void): HTMLElement {
  const headingId = `card-${s.suite}-title`;
  const parts = [`${s.passed.toLocaleString('en-US')} of ${s.total.toLocaleString('en-US')} passed`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.errors) parts.push(`${s.errors} error${s.errors === 1 ? '' : 's'}`);
  if (inconclusiveOf(s)) parts.push(`${inconclusiveOf(s)} inconclusive`);
  const metrics = keyMetrics(s);
  return h(
    'article',
    { class: `card suite-card is-${s.status}${selected ? ' is-selected' : ''}`, 'aria-labelledby': headingId, 'data-suite': s.suite },
    h('div', { class: 'card-head' }, h('h3', { id: headingId }, suiteLabel(s.suite)), statusBadge(s.status, { pill: true })),
    h('div', { class: 'card-counts' }, h('span', {}, parts.join(' · ')), countsBar(s)),
    metrics.length
      ? h('ul', { class: 'metrics', 'aria-label': `${suiteLabel(s.suite)} metrics` }, metrics.map(metricRow))
      : h('p', { class: 'muted' }, 'No metrics.'),
    s.notes.length
      ? h(
          'details',
          { class: 'notes' },
          h('summary', {}, `${s.notes.length} note${s.notes.length === 1 ? '' : 's'}`),
          h(
            'ul',
            {},
            s.notes.map((n) => h('li', {}, n)),
          ),
        )
      : null,
    h(
      'div',
      { class: 'card-foot' },
      h(
        'button',
        { class: 'link show-cases', 'aria-pressed': selected ? 'true' : 'false', onclick: () => onShow(s.suite) },
        selected ? 'Showing its cases' : `Show ${s.total.toLocaleString('en-US')} case${s.total === 1 ? '' : 's'}`,
        icon('chevron'),
      ),
    ),
  );
}
