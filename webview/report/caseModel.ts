// The case table's model: a case's identity in the view, and the query a UI
// state asks of the host (the host filters, sorts and pages the report's cases
// from its index; the view holds one page).
import type { CaseQuery } from '../../src/engine/model/caseQuery';
import type { CaseResult } from '../../src/engine/model/runTypes';
import type { UiState } from './viewState';

/** The identity of a case in the view: suite and case id. */
export function caseKey(c: Pick<CaseResult, 'suite' | 'case_id'>): string {
  return `${c.suite}/${c.case_id}`;
}

/** The page of cases a state shows. */
export function queryOf(s: UiState): CaseQuery {
  return { suite: s.suite, status: s.status, text: s.text, sort: { ...s.sort }, page: s.page, pageSize: s.pageSize };
}

/** A query as a string: equal queries, equal strings. */
export function queryKey(q: CaseQuery): string {
  return JSON.stringify([q.suite, q.status, q.text, q.sort.key, q.sort.dir, q.page, q.pageSize]);
}
