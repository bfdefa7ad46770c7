// The rows of one page of the case table: a row per case (status, suite, id,
// input, output or reason, latency) and, under each expanded row, its detail.
import type { CasePage } from '../../src/engine/model/caseQuery';
import { h } from '../shared/dom';
import { icon } from '../shared/icons';
import { caseDetail } from './caseDetail';
import { caseKey } from './caseModel';
import { formatMs, suiteLabel } from './format';
import type { Post } from './header';
import { statusBadge } from './header';
import type { SortKey } from './viewState';

/** The table's columns; those with a key sort. */
export const COLUMNS: { key: SortKey | null; label: string; cls: string }[] = [
  { key: 'status', label: 'Status', cls: 'col-status' },
  { key: 'suite', label: 'Suite', cls: 'col-suite' },
  { key: 'case', label: 'Case', cls: 'col-case' },
  { key: null, label: 'Input', cls: 'col-input' },
  { key: null, label: 'Output or reason', cls: 'col-output' },
  { key: 'latency', label: 'Latency', cls: 'col-latency num' },
];

function oneLine(text: string | null, max = 160): string {
  if (!text) return '';
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The rows of a page: expanded rows (by key) with their detail; `focusKey`'s row is the one in the tab order. */
export function caseRows(page: CasePage, expanded: ReadonlySet<string>, focusKey: string | undefined, post: Post): HTMLElement[] {
  const rows: HTMLElement[] = [];
  page.cases.forEach((c, i) => {
    const key = caseKey(c);
    const open = expanded.has(key);
    const detailId = `detail-${page.first + i}`;
    rows.push(
      h(
        'tr',
        {
          class: `case-row is-${c.status}${open ? ' is-open' : ''}`,
          'data-key': key,
          tabindex: key === focusKey ? 0 : -1,
          'aria-expanded': open ? 'true' : 'false',
          'aria-rowindex': page.first + i + 2,
          ...(open ? { 'aria-controls': detailId } : {}),
        },
        h('td', { class: 'col-expand' }, icon('chevron')),
        h('td', { class: 'col-status' }, statusBadge(c.status)),
        h('td', { class: 'col-suite' }, suiteLabel(c.suite)),
        h('td', { class: 'col-case mono' }, c.case_id),
        h('td', { class: 'col-input', title: oneLine(c.input, 600) }, oneLine(c.input)),
        h(
          'td',
          { class: `col-output${c.error ? ' is-reason' : ''}`, title: oneLine(c.error ?? c.output, 600) },
          oneLine(c.error ?? c.output) || h('span', { class: 'muted' }, '—'),
        ),
        h('td', { class: 'col-latency num mono' }, c.latency_ms === null ? '—' : formatMs(c.latency_ms)),
      ),
    );
    if (open) rows.push(h('tr', { class: 'detail-row', id: detailId }, h('td', { colspan: COLUMNS.length + 1 }, caseDetail(c, post))));
  });
  return rows;
}
