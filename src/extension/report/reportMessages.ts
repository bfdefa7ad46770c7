// Validation of what the report view posts. A webview is untrusted input: every
// message is checked field by field before the host acts on it, and anything
// unexpected (unknown type, extra or mistyped fields) is refused with a reason.
// Free of `vscode` so it is unit-tested on its own.
import type { ReportFromWebview } from '../../protocol';
import { RUN_ID_PATTERN } from '../../engine/model/runId';

/** The outcome of validating one message. */
export type Checked = { ok: true; message: ReportFromWebview } | { ok: false; reason: string };

const MAX_COUNT = 10_000_000;
const MAX_CASE_ID = 2000;
const COUNT_FIELDS = ['cards', 'rows', 'matching', 'total', 'charts'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function extraKeys(m: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(m).filter((k) => k !== 'type' && !allowed.includes(k));
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;

/** Checks a message from the report view; never throws. */
export function checkReportMessage(value: unknown): Checked {
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  const type = value.type;
  if (typeof type !== 'string') return { ok: false, reason: 'no message type' };
  const allowed: readonly string[] = type === 'rendered' ? ['runId', ...COUNT_FIELDS] : type === 'openJson' ? ['caseId'] : [];
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
    default: {
      // Compile-time check that every message type is handled above.
      const _never: never = t;
      return { ok: false, reason: `unknown message type '${String(_never).slice(0, 40)}'` };
    }
  }
}
