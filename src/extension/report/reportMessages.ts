// Validation of what the report view posts. A webview is untrusted input: every
// message is checked field by field before the host acts on it, and anything
// unexpected (unknown type, extra or mistyped fields) is refused with a reason.
// Free of `vscode` so it is unit-tested on its own.
import type { ReportFromWebview } from '../../protocol';
import { RUN_ID_PATTERN } from '../../engine/model/runId';
import { SORT_KEYS, STATUS_FILTERS } from '../../engine/model/caseQuery';
import type { CaseQuery, SortKey, StatusFilter } from '../../engine/model/caseQuery';

/** The outcome of validating one message. */
export type Checked = { ok: true; message: ReportFromWebview } | { ok: false; reason: string };

const MAX_COUNT = 10_000_000;
const MAX_CASE_ID = 2000;
const COUNT_FIELDS = ['cards', 'rows', 'matching', 'total', 'charts'] as const;
const MAX_TEXT = 500;
const MAX_SUITE = 100;
const MAX_PAGE_SIZE = 1000;
const QUERY_FIELDS = ['suite', 'status', 'text', 'sort', 'page', 'pageSize'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function extraKeys(m: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(m).filter((k) => k !== 'type' && !allowed.includes(k));
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;

/** Checks the query of a `queryCases` message: the query, or why it is refused. */
function checkQuery(v: unknown): CaseQuery | string {
  if (!isRecord(v)) return 'query must be an object';
  const extra = Object.keys(v).filter((k) => !QUERY_FIELDS.includes(k));
  if (extra.length) return `query: unexpected field(s) ${extra.join(', ')}`;
  if (typeof v.suite !== 'string' || v.suite.length === 0 || v.suite.length > MAX_SUITE) return 'query.suite must be a suite name or all';
  if (!STATUS_FILTERS.includes(v.status as StatusFilter)) return `query.status must be one of ${STATUS_FILTERS.join(', ')}`;
  if (typeof v.text !== 'string' || v.text.length > MAX_TEXT) return `query.text must be a string of at most ${MAX_TEXT} characters`;
  const sort = v.sort;
  if (!isRecord(sort) || Object.keys(sort).some((k) => k !== 'key' && k !== 'dir')) return 'query.sort must be { key, dir }';
  if (!SORT_KEYS.includes(sort.key as SortKey)) return `query.sort.key must be one of ${SORT_KEYS.join(', ')}`;
  if (sort.dir !== 'asc' && sort.dir !== 'desc') return 'query.sort.dir must be asc or desc';
  if (!isCount(v.page)) return 'query.page must be a whole number ≥ 0';
  if (!isCount(v.pageSize) || v.pageSize < 1 || v.pageSize > MAX_PAGE_SIZE)
    return `query.pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
  return {
    suite: v.suite,
    status: v.status as StatusFilter,
    text: v.text,
    sort: { key: sort.key as SortKey, dir: sort.dir },
    page: v.page,
    pageSize: v.pageSize,
  };
}

/** Checks a message from the report view; never throws. */
export function checkReportMessage(value: unknown): Checked {
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  const type = value.type;
  if (typeof type !== 'string') return { ok: false, reason: 'no message type' };
  const allowed: readonly string[] =
    type === 'rendered' ? ['runId', ...COUNT_FIELDS] : type === 'openJson' ? ['caseId'] : type === 'queryCases' ? ['id', 'query'] : [];
  const extra = extraKeys(value, allowed);
  const t = type as ReportFromWebview['type'];
  switch (t) {
    case 'ready':
    case 'openXlsx':
    case 'revealInExplorer':
    case 'openProfile':
    case 'rerun':
    case 'openPrevious':
      if (extra.length) return { ok: false, reason: `${t}: unexpected field(s) ${extra.join(', ')}` };
      return { ok: true, message: { type: t } };
    case 'openJson': {
      if (extra.length) return { ok: false, reason: `openJson: unexpected field(s) ${extra.join(', ')}` };
      const caseId = value.caseId;
      if (caseId === undefined) return { ok: true, message: { type: 'openJson' } };
      if (typeof caseId !== 'string' || caseId.length === 0 || caseId.length > MAX_CASE_ID)
        return { ok: false, reason: 'openJson: caseId must be a non-empty string of at most 2000 characters' };
      return { ok: true, message: { type: 'openJson', caseId } };
    }
    case 'rendered': {
      if (extra.length) return { ok: false, reason: `rendered: unexpected field(s) ${extra.join(', ')}` };
      const runId = value.runId;
      if (typeof runId !== 'string' || !RUN_ID_PATTERN.test(runId)) return { ok: false, reason: 'rendered: runId is not a run id' };
      const bad = COUNT_FIELDS.filter((k) => !isCount(value[k]));
      if (bad.length) return { ok: false, reason: `rendered: ${bad.join(', ')} must be whole numbers ≥ 0` };
      const n = (k: (typeof COUNT_FIELDS)[number]): number => value[k] as number;
      return {
        ok: true,
        message: {
          type: 'rendered',
          runId,
          cards: n('cards'),
          rows: n('rows'),
          matching: n('matching'),
          total: n('total'),
          charts: n('charts'),
        },
      };
    }
    case 'queryCases': {
      if (extra.length) return { ok: false, reason: `queryCases: unexpected field(s) ${extra.join(', ')}` };
      if (!isCount(value.id)) return { ok: false, reason: 'queryCases: id must be a whole number ≥ 0' };
      const query = checkQuery(value.query);
      if (typeof query === 'string') return { ok: false, reason: `queryCases: ${query}` };
      return { ok: true, message: { type: 'queryCases', id: value.id, query } };
    }
    default: {
      // Compile-time check that every message type is handled above.
      const _never: never = t;
      return { ok: false, reason: `unknown message type '${String(_never).slice(0, 40)}'` };
    }
  }
}
