// The case table: filters (text, suite, status), sortable columns (aria-sort),
// pages of rows, rows that take focus and expand to the case's detail. A report
// may hold 300,000 cases: the host filters, sorts and pages them; the table asks
// for the page its state shows, says it is loading meanwhile, and ignores answers
// to older requests. Keyboard: ↑/↓ Home/End move between rows, Enter/Space
// expand, PageUp/PageDown change page.
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { CasePage, CaseQuery } from '../../src/engine/model/caseQuery';
import type { ReportToWebview } from '../../src/protocol';
import { h, replaceChildren, setText } from '../shared/dom';
import { icon } from '../shared/icons';
import { caseKey, queryKey, queryOf } from './caseModel';
import { COLUMNS, caseRows } from './caseRows';
import { suiteLabel } from './format';
import type { Post } from './header';
import type { StatusFilter, UiState } from './viewState';
import { pageSizes } from './viewState';

/** What the table needs from the app. */
export interface TableHost {
  state(): UiState;
  update(patch: Partial<UiState>): void;
  post: Post;
  /** Called after each render of the rows, with the counts shown. */
  rendered(rows: number, matching: number): void;
  /** Called when the suite filter changes (cards show the selection). */
  suiteChanged(): void;
  /** Asks the host for a page of cases; returns the request's id. */
  request(query: CaseQuery): number;
}

/** The host's answer to a page request. */
export type CasesAnswer = Extract<ReportToWebview, { type: 'cases' }>;

const STATUS_OPTIONS: [StatusFilter, string][] = [
  ['all', 'All statuses'],
  ['notPassed', 'Not passed'],
  ['failed', 'Failed'],
  ['error', 'Error'],
  ['inconclusive', 'Inconclusive'],
  ['passed', 'Passed'],
  ['cancelled', 'Cancelled'],
];

function select(id: string, options: [string, string][], value: string, onChange: (v: string) => void): HTMLElement {
  const el = h('vscode-single-select', { id, class: 'filter-select' });
  for (const [v, label] of options) el.append(h('vscode-option', { value: v, selected: v === value }, label));
  el.addEventListener('change', () => onChange((el as HTMLElement & { value: string }).value));
  return el;
}

/** The case table section. */
export class CaseTable {
  readonly element: HTMLElement;
  private readonly thead = h('thead');
  private readonly tbody = h('tbody');
  private readonly table: HTMLTableElement;
  private readonly count = h('span', { class: 'muted', 'aria-live': 'polite', id: 'cases-count' });
  private readonly pager = h('nav', { class: 'pager', 'aria-label': 'Case pages' });
  private readonly pageLabel = h('span', { class: 'page-label', 'aria-live': 'polite' });
  private readonly prev: HTMLElement;
  private readonly next: HTMLElement;
  private readonly sizeSelect: HTMLElement;
  private readonly suiteSelect: HTMLElement;
  private readonly statusSelect: HTMLElement;
  private readonly search: HTMLElement;
  private focusKey: string | undefined;
  /** The row to focus once the page asked for is shown ('first': its first row). */
  private focusAfter: string | undefined;
  /** The page held, and the query it answers. */
  private page: CasePage | undefined;
  private pageFor = '';
  /** Why the page of a query could not be read. */
  private error: { key: string; message: string } | undefined;
  /** The request in flight: only its answer is shown. */
  private pending: { id: number; key: string } | undefined;
  /** The page shown (the state's, clamped by the host to the pages there are). */
  private shownPage = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    suites: string[],
    private readonly total: number,
    first: { query: CaseQuery; page: CasePage },
    private readonly host: TableHost,
  ) {
    this.page = first.page;
    this.pageFor = queryKey(first.query);
    const s = host.state();
    this.search = h('vscode-textfield', {
      id: 'filter-text',
      placeholder: 'Words in case id, input, output or reason',
      value: s.text,
      type: 'search',
    });
    this.search.addEventListener('input', () => {
      clearTimeout(this.timer);
      // Typing filters after a short pause, not on every key.
      this.timer = setTimeout(() => {
        // A report sent meanwhile replaced this table: its text is not the new one's.
        if (this.element.isConnected) this.host.update({ text: (this.search as HTMLElement & { value: string }).value, page: 0 });
      }, 150);
    });
    this.suiteSelect = select(
      'filter-suite',
      [['all', 'All suites'], ...suites.map((x): [string, string] => [x, suiteLabel(x)])],
      s.suite,
      (v) => {
        this.host.update({ suite: v, page: 0 });
        this.host.suiteChanged();
      },
    );
    this.statusSelect = select('filter-status', STATUS_OPTIONS, s.status, (v) => this.host.update({ status: v as StatusFilter, page: 0 }));
    this.table = h(
      'table',
      { class: 'cases', 'aria-labelledby': 'cases-title', 'aria-describedby': 'cases-count' },
      this.thead,
      this.tbody,
    );
    this.tbody.addEventListener('keydown', (e) => this.onKey(e));
    this.tbody.addEventListener('click', (e) => {
      const row = (e.target as Element).closest('tr.case-row');
      if (row instanceof HTMLTableRowElement && !(e.target as Element).closest('button, a')) this.toggle(row.dataset.key ?? '');
    });
    this.element = h(
      'section',
      { class: 'cases-section', id: 'cases', 'aria-labelledby': 'cases-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'cases-title' }, 'Cases'), this.count),
      h(
        'div',
        { class: 'filters', role: 'search', 'aria-label': 'Filter cases' },
        h('div', { class: 'filter grow' }, h('vscode-label', { for: 'filter-text' }, 'Search'), this.search),
        h('div', { class: 'filter' }, h('vscode-label', { for: 'filter-suite' }, 'Suite'), this.suiteSelect),
        h('div', { class: 'filter' }, h('vscode-label', { for: 'filter-status' }, 'Status'), this.statusSelect),
      ),
      h('div', { class: 'table-wrap panel' }, this.table),
      this.pager,
    );
    // The pager is built once and updated in place: rebuilt, it would take the focus
    // off the button just pressed and restart its live region.
    const go = (delta: number): void => {
      const page = this.shownPage + delta;
      if (page >= 0 && page < this.pageCount()) this.host.update({ page });
    };
    this.prev = h('vscode-button', { secondary: true, id: 'page-prev', onclick: () => go(-1) }, 'Previous');
    this.next = h('vscode-button', { secondary: true, id: 'page-next', onclick: () => go(1) }, 'Next');
    this.sizeSelect = select(
      'page-size',
      pageSizes().map((n): [string, string] => [String(n), `${n} per page`]),
      String(s.pageSize),
      (v) => this.host.update({ pageSize: Number(v), page: 0 }),
    );
    this.sizeSelect.setAttribute('label', 'Rows per page');
    this.pager.append(this.prev, this.pageLabel, this.next, h('span', { class: 'push-right' }), this.sizeSelect);
  }

  private pageCount(): number {
    return this.page?.pages ?? 1;
  }

  /** Takes the host's answer to a page request; answers to older requests are ignored. */
  receive(m: CasesAnswer): void {
    if (!this.pending || m.id !== this.pending.id) return;
    this.pending = undefined;
    if (m.page) {
      this.page = m.page;
      this.pageFor = queryKey(m.query);
      this.error = undefined;
    } else this.error = { key: queryKey(m.query), message: m.error ?? 'the cases could not be read' };
    this.render();
  }

  /** Focuses a case's row once the page being asked for is shown. */
  focusWhenShown(key: string): void {
    this.focusAfter = key;
    if (!this.pending) this.focusRow(key);
  }

  /** Shows one suite's cases (from a card or the comparison). */
  setFilters(patch: Partial<Pick<UiState, 'suite' | 'status' | 'text'>>): void {
    if (patch.suite !== undefined) (this.suiteSelect as HTMLElement & { value: string }).value = patch.suite;
    if (patch.status !== undefined) (this.statusSelect as HTMLElement & { value: string }).value = patch.status;
    if (patch.text !== undefined) (this.search as HTMLElement & { value: string }).value = patch.text;
  }

  /** Renders header, rows, count and pager from the current state, asking the host for the page first when it is not held. */
  render(): void {
    const s = this.host.state();
    this.renderHead(s);
    const query = queryOf(s);
    const key = queryKey(query);
    if (this.error?.key === key) return this.renderError(this.error.message);
    if (key !== this.pageFor || !this.page) {
      if (this.pending?.key !== key) this.pending = { id: this.host.request(query), key };
      this.table.setAttribute('aria-busy', 'true');
      this.table.classList.add('is-loading');
      setText(this.count, 'Loading cases…');
      if (!this.page) replaceChildren(this.tbody, this.messageRow('Loading cases…'));
      return;
    }
    this.table.removeAttribute('aria-busy');
    this.table.classList.remove('is-loading');
    this.renderRows(s, this.page);
  }

  private messageRow(text: string): HTMLElement {
    return h('tr', {}, h('td', { colspan: COLUMNS.length + 1, class: 'empty-row muted' }, text));
  }

  private renderError(message: string): void {
    this.table.removeAttribute('aria-busy');
    this.table.classList.remove('is-loading');
    this.page = undefined;
    this.pageFor = '';
    replaceChildren(this.tbody, h('tr', {}, h('td', { colspan: COLUMNS.length + 1, class: 'empty-row', role: 'alert' }, message)));
    setText(this.count, 'The cases could not be read');
    this.host.rendered(0, 0);
  }

  private renderRows(s: UiState, page: CasePage): void {
    const expanded = new Set(s.expanded);
    const rows: HTMLElement[] = [];
    if (page.cases.length === 0) rows.push(this.messageRow(this.total ? 'No case matches the filters.' : 'This run has no cases.'));
    if (!page.cases.some((c) => caseKey(c) === this.focusKey)) this.focusKey = page.cases[0] ? caseKey(page.cases[0]) : undefined;
    rows.push(...caseRows(page, expanded, this.focusKey, this.host.post));
    replaceChildren(this.tbody, rows);
    this.table.setAttribute('aria-rowcount', String(page.matching + 1));
    const range = page.matching
      ? `${(page.first + 1).toLocaleString('en-US')}–${(page.first + page.cases.length).toLocaleString('en-US')} of `
      : '';
    setText(this.count, `${range}${page.matching.toLocaleString('en-US')} matching · ${this.total.toLocaleString('en-US')} in total`);
    this.renderPager(page.page, page.pages, s.pageSize);
    const focus = this.focusAfter;
    this.focusAfter = undefined;
    if (focus === 'first') {
      const first = this.tbody.querySelector<HTMLTableRowElement>('tr.case-row');
      if (first) this.focusRow(first.dataset.key ?? '');
    } else if (focus !== undefined) this.focusRow(focus);
    this.host.rendered(page.cases.length, page.matching);
  }

  private renderHead(s: UiState): void {
    const cells = [h('th', { scope: 'col', class: 'col-expand' }, h('span', { class: 'sr-only' }, 'Expand'))];
    for (const col of COLUMNS) {
      if (!col.key) {
        cells.push(h('th', { scope: 'col', class: col.cls }, col.label));
        continue;
      }
      const key = col.key;
      const active = s.sort.key === key;
      const sort = active ? (s.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
      const button = h(
        'button',
        { class: 'sort', 'data-sort': key, title: `Sort by ${col.label.toLowerCase()}` },
        col.label,
        icon(active ? (s.sort.dir === 'asc' ? 'sortAsc' : 'sortDesc') : 'sort'),
      );
      button.addEventListener('click', () => {
        this.host.update({ sort: { key, dir: active && s.sort.dir === 'asc' ? 'desc' : 'asc' }, page: 0 });
        (this.thead.querySelector(`button[data-sort="${key}"]`) as HTMLElement | null)?.focus();
      });
      cells.push(h('th', { scope: 'col', class: col.cls, 'aria-sort': sort }, button));
    }
    replaceChildren(this.thead, h('tr', { 'aria-rowindex': 1 }, cells));
  }

  private renderPager(page: number, pages: number, size: number): void {
    this.shownPage = page;
    this.prev.toggleAttribute('disabled', page === 0);
    this.next.toggleAttribute('disabled', page >= pages - 1);
    setText(this.pageLabel, `Page ${page + 1} of ${pages}`);
    const sizes = this.sizeSelect as HTMLElement & { value: string };
    if (sizes.value !== String(size)) sizes.value = String(size);
  }

  /** Expands or collapses a row's detail, keeping focus on the row. */
  toggle(key: string): void {
    const s = this.host.state();
    const expanded = s.expanded.includes(key) ? s.expanded.filter((k) => k !== key) : [...s.expanded, key].slice(-50);
    this.focusKey = key;
    this.host.update({ expanded });
    this.focusRow(key);
  }

  /** Focuses the row of a case on the current page. */
  focusRow(key: string): void {
    const row = [...this.tbody.querySelectorAll<HTMLTableRowElement>('tr.case-row')].find((r) => r.dataset.key === key);
    if (!row) return;
    for (const r of this.tbody.querySelectorAll<HTMLElement>('tr.case-row[tabindex="0"]')) r.tabIndex = -1;
    row.tabIndex = 0;
    this.focusKey = key;
    row.focus();
  }

  private onKey(e: KeyboardEvent): void {
    const row = (e.target as Element).closest('tr.case-row');
    if (!(row instanceof HTMLTableRowElement) || e.target !== row) return;
    const rows = [...this.tbody.querySelectorAll<HTMLTableRowElement>('tr.case-row')];
    const i = rows.indexOf(row);
    const pages = this.pageCount();
    const to = (r: HTMLTableRowElement | undefined): void => {
      if (r) this.focusRow(r.dataset.key ?? '');
    };
    switch (e.key) {
      case 'ArrowDown':
        to(rows[i + 1]);
        break;
      case 'ArrowUp':
        to(rows[i - 1]);
        break;
      case 'Home':
        to(rows[0]);
        break;
      case 'End':
        to(rows[rows.length - 1]);
        break;
      case 'Enter':
      case ' ':
        this.toggle(row.dataset.key ?? '');
        break;
      case 'PageDown':
        if (this.shownPage < pages - 1) {
          this.focusKey = undefined;
          this.focusAfter = 'first';
          this.host.update({ page: this.shownPage + 1 });
        }
        break;
      case 'PageUp':
        if (this.shownPage > 0) {
          this.focusKey = undefined;
          this.focusAfter = 'first';
          this.host.update({ page: this.shownPage - 1 });
        }
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
