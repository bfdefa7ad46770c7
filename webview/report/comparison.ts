// The comparison with the previous run of the same profile: what got better,
// what got worse (suite verdicts, metrics), and the cases that flipped.
import type { CaseChange, MetricDelta, MetricNoise, RunComparison } from '../../src/engine/model/runComparison';
import type { ReportViewData } from '../../src/protocol';
import { h } from '../shared/dom';
import { icon } from '../shared/icons';
import { formatDelta, formatMetric, formatPercent, formatTime, isShare, metricLabel, suiteLabel } from './format';
import type { Post } from './header';

/** What a comparison item does when chosen. */
export type ShowCase = (suite: string, caseId: string) => void;

interface Item {
  change: 'better' | 'worse' | 'same';
  title: string;
  detail: string;
  /** The metric's noise, "±5 ms / 10%". */
  noise?: string;
}

const trimmed = (n: number): string => String(Number(n.toFixed(3)));

/** A metric's noise for people: "±5 ms / 10%", "±5 ms per call / 10%", "±0.5 pts / 1%". */
export function formatNoise(metric: string, noise: MetricNoise): string {
  const abs =
    noise.unit !== ''
      ? `${trimmed(noise.absolute)} ${noise.unit}`
      : isShare(metric)
        ? `${trimmed(noise.absolute * 100)} pts`
        : trimmed(noise.absolute);
  return `±${abs} / ${trimmed(noise.relative * 100)}%`;
}

function metricItem(suite: string, m: MetricDelta, change: Item['change']): Item {
  const delta = m.delta !== null ? ` (${formatDelta(m.metric, m.delta)})` : '';
  return {
    change,
    title: `${suite} · ${metricLabel(m.metric)}`,
    detail: `${formatMetric(m.metric, m.before)} → ${formatMetric(m.metric, m.after)}${delta}`,
    ...(m.noise ? { noise: formatNoise(m.metric, m.noise) } : {}),
  };
}

/**
 * The items of a comparison: suite verdicts first, then metrics that got better
 * or worse, then (`same`) metrics whose value moved but within their noise.
 */
export function changeItems(c: RunComparison): Item[] {
  const items: Item[] = [];
  for (const s of c.suites) {
    if ((s.change === 'better' || s.change === 'worse') && s.statusBefore !== s.statusAfter) {
      items.push({
        change: s.change,
        title: suiteLabel(s.suite),
        detail: `${s.statusBefore ?? 'not run'} → ${s.statusAfter ?? 'not run'}`,
      });
    }
    for (const m of s.metrics) {
      if (m.change === 'better' || m.change === 'worse') items.push(metricItem(suiteLabel(s.suite), m, m.change));
      else if (m.change === 'same' && m.delta !== null && m.delta !== 0) items.push(metricItem(suiteLabel(s.suite), m, 'same'));
    }
  }
  return items;
}

function itemList(items: Item[], kind: 'better' | 'worse'): HTMLElement {
  const mine = items.filter((i) => i.change === kind);
  const title = kind === 'worse' ? 'Got worse' : 'Got better';
  return h(
    'div',
    { class: `change-col is-${kind}` },
    h('h3', {}, icon(kind === 'worse' ? 'down' : 'up'), ` ${title} `, h('span', { class: 'count muted' }, `(${mine.length})`)),
    mine.length
      ? h(
          'ul',
          { class: 'change-list' },
          mine.map((i) =>
            h(
              'li',
              i.noise ? { title: `beyond the noise of ${i.noise}` } : {},
              h('span', { class: 'change-title' }, i.title),
              h('span', { class: 'change-detail mono' }, i.detail),
            ),
          ),
        )
      : h('p', { class: 'muted' }, kind === 'worse' ? 'Nothing got worse.' : 'Nothing got better.'),
  );
}

/** Metrics that moved but within their noise: listed (folded) so a moved number is explained, never called better or worse. */
function withinNoiseList(items: Item[]): HTMLElement | null {
  const same = items.filter((i) => i.change === 'same');
  if (same.length === 0) return null;
  return h(
    'details',
    { class: 'within-noise' },
    h('summary', {}, `Unchanged within measurement noise `, h('span', { class: 'count muted' }, `(${same.length})`)),
    h(
      'ul',
      { class: 'change-list' },
      same.map((i) =>
        h(
          'li',
          {},
          h('span', { class: 'change-title' }, i.title),
          h('span', { class: 'change-detail mono' }, `${i.detail}: within ${i.noise ?? 'the tolerance'} noise: unchanged`),
        ),
      ),
    ),
  );
}

const SHOWN = 8;

function caseList(title: string, kind: 'better' | 'worse', list: CaseChange[], total: number, onShow: ShowCase): HTMLElement | null {
  if (total === 0) return null;
  const ul = h('ul', { class: 'case-changes' });
  const add = (from: number, to: number): void => {
    for (const c of list.slice(from, to)) {
      ul.append(
        h(
          'li',
          {},
          h('button', { class: 'link mono', title: 'Show this case in the table', onclick: () => onShow(c.suite, c.case_id) }, c.case_id),
          h('span', { class: 'muted' }, ` ${c.before} → ${c.after}`),
          c.error ? h('span', { class: 'case-change-reason muted' }, kind === 'worse' ? ` · ${c.error}` : ` · before: ${c.error}`) : null,
        ),
      );
    }
  };
  add(0, SHOWN);
  const more = list.length > SHOWN ? h('button', { class: 'link more' }, `Show ${list.length - SHOWN} more`) : null;
  more?.addEventListener('click', () => {
    add(SHOWN, list.length);
    more.remove();
  });
  return h(
    'div',
    { class: `case-change-group is-${kind}` },
    h(
      'h3',
      {},
      icon(kind === 'worse' ? 'fail' : 'pass'),
      ` ${title} `,
      h(
        'span',
        { class: 'count muted' },
        `(${total.toLocaleString('en-US')}${total > list.length ? `, first ${list.length} listed` : ''})`,
      ),
    ),
    ul,
    more,
  );
}

function rateChange(c: RunComparison): string {
  if (c.passRateBefore === null || c.passRateAfter === null) return '–';
  return `${formatPercent(c.passRateBefore)} → ${formatPercent(c.passRateAfter)}`;
}

/** The comparison section. */
export function renderComparison(data: ReportViewData, post: Post, onShow: ShowCase): HTMLElement {
  const c = data.comparison;
  if (!c) {
    return h(
      'section',
      { class: 'panel comparison is-empty', 'aria-labelledby': 'comparison-title', id: 'comparison' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'comparison-title' }, 'Compared with the previous run')),
      h('p', { class: 'muted' }, icon('history'), ' ', data.comparisonNote ?? 'No previous run to compare with.'),
    );
  }
  const items = changeItems(c);
  const delta = c.passRateBefore !== null && c.passRateAfter !== null ? c.passRateAfter - c.passRateBefore : 0;
  const trend = delta > 1e-9 ? 'better' : delta < -1e-9 ? 'worse' : 'same';
  const moved = items.filter((i) => i.change !== 'same');
  const nothing = moved.length === 0 && c.totals.newlyFailing === 0 && c.totals.newlyPassing === 0;
  return h(
    'section',
    { class: 'panel comparison', 'aria-labelledby': 'comparison-title', id: 'comparison' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'comparison-title' }, 'Compared with the previous run'),
      h(
        'span',
        { class: 'muted' },
        h('span', { class: 'mono' }, c.previous.id),
        ` · ${formatTime(c.previous.started_at)} · ${c.previous.status}`,
      ),
      h('button', { class: 'link push-right', onclick: () => post({ type: 'openPrevious' }) }, icon('history'), ' Open previous report'),
    ),
    h(
      'div',
      { class: 'chips' },
      h(
        'div',
        { class: `chip is-${trend}` },
        h('span', { class: 'chip-label' }, 'pass rate'),
        h('span', { class: 'chip-value mono' }, rateChange(c)),
        icon(trend === 'better' ? 'up' : trend === 'worse' ? 'down' : 'same'),
      ),
      h(
        'div',
        { class: `chip${c.totals.newlyFailing ? ' is-worse' : ''}` },
        h('span', { class: 'chip-label' }, 'newly failing'),
        h('span', { class: 'chip-value mono' }, String(c.totals.newlyFailing)),
      ),
      h(
        'div',
        { class: `chip${c.totals.newlyPassing ? ' is-better' : ''}` },
        h('span', { class: 'chip-label' }, 'newly passing'),
        h('span', { class: 'chip-value mono' }, String(c.totals.newlyPassing)),
      ),
      c.totals.added || c.totals.removed
        ? h(
            'div',
            { class: 'chip' },
            h('span', { class: 'chip-label' }, 'cases added / removed'),
            h('span', { class: 'chip-value mono' }, `${c.totals.added} / ${c.totals.removed}`),
          )
        : null,
    ),
    nothing
      ? h('p', { class: 'muted' }, 'No verdict, metric or case changed beyond its measurement noise.')
      : h('div', { class: 'change-cols' }, itemList(items, 'worse'), itemList(items, 'better')),
    withinNoiseList(items),
    caseList('Newly failing cases', 'worse', c.newlyFailing, c.totals.newlyFailing, onShow),
    caseList('Newly passing cases', 'better', c.newlyPassing, c.totals.newlyPassing, onShow),
  );
}
