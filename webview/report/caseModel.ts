// Filtering and sorting of the case table, kept apart from the DOM. A report can
// hold 100,000 cases: the search text of each case is lower-cased once and kept.
import type { CaseResult } from '../../src/engine/model/runTypes';
import type { SortKey, StatusFilter, UiState } from './viewState';

const STATUS_ORDER: Record<CaseResult['status'], number> = { failed: 0, error: 1, inconclusive: 2, cancelled: 3, passed: 4 };

/** The identity of a case in the view: suite and case id. */
export function caseKey(c: CaseResult): string {
  return `${c.suite}/${c.case_id}`;
}

const searchText = new WeakMap<CaseResult, string>();

function haystack(c: CaseResult): string {
  let s = searchText.get(c);
  if (s === undefined) {
    s = [c.case_id, c.input, c.output ?? '', c.expected ?? '', c.error ?? ''].join('\n').toLowerCase();
    searchText.set(c, s);
  }
  return s;
}

function statusMatches(c: CaseResult, status: StatusFilter): boolean {
  if (status === 'all') return true;
  if (status === 'notPassed') return c.status !== 'passed';
  return c.status === status;
}

/** The cases that pass the suite, status and text filters (text: every word must appear, case-insensitive). */
export function filterCases(cases: readonly CaseResult[], f: Pick<UiState, 'suite' | 'status' | 'text'>): CaseResult[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return cases.filter(
    (c) => (f.suite === 'all' || c.suite === f.suite) && statusMatches(c, f.status) && words.every((w) => haystack(c).includes(w)),
  );
}

function compare(key: SortKey): (a: CaseResult, b: CaseResult) => number {
  switch (key) {
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case 'suite':
      return (a, b) => (a.suite < b.suite ? -1 : a.suite > b.suite ? 1 : 0);
    case 'case':
      return (a, b) => a.case_id.localeCompare(b.case_id, undefined, { numeric: true });
    case 'latency':
      // Cases without a latency sort last whichever the direction.
      return (a, b) => (a.latency_ms ?? Number.POSITIVE_INFINITY) - (b.latency_ms ?? Number.POSITIVE_INFINITY);
  }
}

/** The cases sorted (stable: ties keep the report's order). */
export function sortCases(cases: readonly CaseResult[], sort: UiState['sort']): CaseResult[] {
  const cmp = compare(sort.key);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const indexed = cases.map((c, i) => ({ c, i }));
  indexed.sort((x, y) => {
    if (sort.key === 'latency' && (x.c.latency_ms === null) !== (y.c.latency_ms === null)) return x.c.latency_ms === null ? 1 : -1;
    return sign * cmp(x.c, y.c) || x.i - y.i;
  });
  return indexed.map((x) => x.c);
}

/** One page of rows and where it sits. */
export interface Page {
  rows: CaseResult[];
  page: number;
  pages: number;
  first: number;
}

/** The page to show (clamped to the pages there are). */
export function pageOf(cases: readonly CaseResult[], page: number, size: number): Page {
  const pages = Math.max(1, Math.ceil(cases.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { rows: cases.slice(p * size, p * size + size), page: p, pages, first: p * size };
}
