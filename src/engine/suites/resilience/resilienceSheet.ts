// The Resilience_Details sheet of the XLSX report: one row per call of every
// scenario (its outcome and why), then one row per circuit-breaker transition.
import type { CaseResult, RunResult } from '../../model/runTypes';
import type { DetailSheet, SheetCell } from '../../model/reportSheets';
import { callsOf, transitionsOf } from './resilienceSummary';

function scenarioKind(c: CaseResult): SheetCell {
  const s = c.details?.scenario;
  return typeof s === 'object' && s !== null && typeof (s as { kind?: unknown }).kind === 'string' ? (s as { kind: string }).kind : null;
}

function* rows(cases: readonly CaseResult[]): Generator<Record<string, SheetCell>> {
  for (const c of cases) {
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

/** The Resilience_Details sheet, or undefined when resilience has no cases in the run. */
export function resilienceDetailSheet(result: RunResult): DetailSheet | undefined {
  const cases = result.cases.filter((c) => c.suite === 'resilience');
  if (cases.length === 0) return undefined;
  return {
    name: 'Resilience_Details',
    statusKey: 'case_status',
    columns: [
      { header: 'Case', key: 'case_id', width: 30 },
      { header: 'Scenario', key: 'scenario', width: 10 },
      { header: 'Row', key: 'row', width: 8 },
      { header: 'Call #', key: 'n', width: 7 },
      { header: 'Outcome', key: 'outcome', width: 18 },
      { header: 'Start (ms)', key: 'start_ms', width: 10 },
      { header: 'Latency (ms)', key: 'latency_ms', width: 12 },
      { header: 'HTTP status', key: 'http_status', width: 11 },
      { header: 'Error kind', key: 'error_kind', width: 18 },
      { header: 'Attempts', key: 'attempts', width: 9 },
      { header: 'Retry-After (ms)', key: 'retry_after_ms', width: 15 },
      { header: 'Detail', key: 'detail', width: 60 },
      { header: 'Case status', key: 'case_status', width: 11 },
    ],
    rows: rows(cases),
  };
}
