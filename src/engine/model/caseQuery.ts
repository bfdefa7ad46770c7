// What the report view asks of a report's cases (one page, sorted and filtered)
// and what it gets back: shared by the engine's case index, the host and the webview.
import type { CaseResult } from './runTypes';

/** Sortable columns of the case table. */
export type SortKey = 'status' | 'suite' | 'case' | 'latency';

/** Status filter values: one status, or every case that did not pass. */
export type StatusFilter = 'all' | 'passed' | 'failed' | 'error' | 'inconclusive' | 'cancelled' | 'notPassed';

/** One page of cases, sorted and filtered. `text`: every word must appear (case-insensitive) in the case id, input, output, expected or error. */
export interface CaseQuery {
  suite: string;
  status: StatusFilter;
  text: string;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  page: number;
  pageSize: number;
}

/** The answer: the page's cases (the page clamped to the pages there are), how many match, how many in all. */
export interface CasePage {
  cases: CaseResult[];
  matching: number;
  total: number;
  page: number;
  pages: number;
  /** Position of the page's first case among the matching ones (0-based). */
  first: number;
}

/** One bin of a histogram: [from, to) in ms and how many calls fell in it. */
export interface LatencyBin {
  from: number;
  to: number;
  count: number;
}

/** What the view shows besides the cases, computed while indexing them. */
export interface CaseAggregates {
  inconclusive: number;
  /** Whether a judge graded (or tried to grade) any inconclusive case. */
  inconclusiveJudged: boolean;
  /** The performance suite's successful calls: how many, and their latency histogram. */
  latency: { count: number; bins: LatencyBin[] };
}

export const SORT_KEYS: readonly SortKey[] = ['status', 'suite', 'case', 'latency'];
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'passed', 'failed', 'error', 'inconclusive', 'cancelled', 'notPassed'];
