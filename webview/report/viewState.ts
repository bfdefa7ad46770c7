// What the user set up in the view (sort, filters, page, open rows), kept with
// VS Code's getState/setState so it survives the panel being hidden or the
// window reloading. `uri` tells the host's serializer which report to restore.

import type { SortKey, StatusFilter } from '../../src/engine/model/caseQuery';

export type { SortKey, StatusFilter };

/** The UI intent. */
export interface UiState {
  uri?: string;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  suite: string;
  status: StatusFilter;
  text: string;
  page: number;
  pageSize: number;
  /** Expanded rows, by `suite/case_id`. */
  expanded: string[];
}

/** The state of a fresh view: failures first. */
export const DEFAULT_STATE: UiState = {
  sort: { key: 'status', dir: 'asc' },
  suite: 'all',
  status: 'all',
  text: '',
  page: 0,
  pageSize: 50,
  expanded: [],
};

// The engine's lists (src/engine/model/caseQuery.ts), repeated: the webview takes only types from the engine.
const SORT_KEYS: readonly SortKey[] = ['status', 'suite', 'case', 'latency'];
const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'passed', 'failed', 'error', 'inconclusive', 'cancelled', 'notPassed'];
const PAGE_SIZES = [25, 50, 100, 200];

/** The page sizes offered. */
export function pageSizes(): readonly number[] {
  return PAGE_SIZES;
}

/** A stored state read back; anything missing or malformed falls back to the default. */
export function restoreState(value: unknown): UiState {
  const s = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const sort = (typeof s.sort === 'object' && s.sort !== null ? s.sort : {}) as Record<string, unknown>;
  const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);
  return {
    ...(str(s.uri, 4096) ? { uri: s.uri as string } : {}),
    sort: {
      key: SORT_KEYS.includes(sort.key as SortKey) ? (sort.key as SortKey) : DEFAULT_STATE.sort.key,
      dir: sort.dir === 'desc' ? 'desc' : 'asc',
    },
    suite: str(s.suite, 100) ?? 'all',
    status: STATUS_FILTERS.includes(s.status as StatusFilter) ? (s.status as StatusFilter) : 'all',
    text: str(s.text, 500) ?? '',
    page: typeof s.page === 'number' && Number.isInteger(s.page) && s.page >= 0 ? s.page : 0,
    pageSize: PAGE_SIZES.includes(s.pageSize as number) ? (s.pageSize as number) : DEFAULT_STATE.pageSize,
    expanded: Array.isArray(s.expanded) ? s.expanded.filter((x): x is string => typeof x === 'string').slice(0, 50) : [],
  };
}
