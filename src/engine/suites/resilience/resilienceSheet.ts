// The Resilience_Details sheet of the XLSX report: one row per call of every
// scenario (its outcome and why), then one row per circuit-breaker transition.
import type { CaseResult } from '../../model/runTypes';
import type { SheetCell, SheetRow } from '../../model/reportSheets';
import { callsOf, transitionsOf } from './resilienceSummary';

function scenarioKind(c: CaseResult): SheetCell {
  const s = c.details?.scenario;
  return typeof s === 'object' && s !== null && typeof (s as { kind?: unknown }).kind === 'string' ? (s as { kind: string }).kind : null;
}

/** The rows of the Resilience_Details sheet (its columns are in the suite's manifest), from the resilience cases, streamed. */
export async function* resilienceDetailRows(cases: AsyncIterable<CaseResult> | Iterable<CaseResult>): AsyncGenerator<SheetRow> {
  for await (const c of cases) {
    const kind = scenarioKind(c);
    for (const call of callsOf(c)) {
      yield {
        case_id: c.case_id,
        scenario: kind,
        row: 'call',
        n: call.n,
        outcome: call.outcome,
        start_ms: call.startMs,
        latency_ms: Math.round(call.latencyMs),
        http_status: call.status ?? null,
        error_kind: call.errorKind ?? null,
        attempts: call.attempts ?? null,
        retry_after_ms: call.retryAfterMs ?? null,
        detail: call.message ?? null,
        case_status: c.status,
      };
    }
    for (const t of transitionsOf(c)) {
      yield {
        case_id: c.case_id,
        scenario: kind,
        row: 'breaker',
        n: null,
        outcome: `${t.from} → ${t.to}`,
        start_ms: null,
        latency_ms: null,
        http_status: null,
        error_kind: null,
        attempts: null,
        retry_after_ms: null,
        detail: `${t.time} ${t.reason}`,
        case_status: c.status,
      };
    }
  }
}
