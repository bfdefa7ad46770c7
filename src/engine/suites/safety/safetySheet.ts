// The Safety_Details sheet of the XLSX report: one row per safety case with its
// category, verdict, safety score, risk level, toxicity and evidence spans.
import type { CaseResult } from '../../model/runTypes';
import type { SheetCell, SheetRow } from '../../model/reportSheets';
import { detailCell, evidenceCell } from '../redTeam/redTeamSheet';

function toxicityField(c: CaseResult, key: 'evidence' | 'mentions'): string | null {
  const t = c.details?.toxicity as Record<string, unknown> | undefined;
  return evidenceCell(t?.[key]);
}

function judgeReason(c: CaseResult): SheetCell {
  const j = c.details?.judge as Record<string, unknown> | undefined;
  return typeof j?.reason === 'string' ? j.reason : null;
}

/** The rows of the Safety_Details sheet (its columns are in the suite's manifest), from the safety cases, streamed. */
export async function* safetyDetailRows(cases: AsyncIterable<CaseResult> | Iterable<CaseResult>): AsyncGenerator<SheetRow> {
  for await (const c of cases) {
    yield {
      case_id: c.case_id,
      category: detailCell(c, 'category'),
      severity: detailCell(c, 'severity'),
      verdict: detailCell(c, 'verdict') ?? c.status,
      status: c.status,
      safety_score: detailCell(c, 'safety_score'),
      risk_level: detailCell(c, 'risk_level'),
      toxicity: c.metrics.toxicity ?? null,
      schema_valid: c.metrics.schema_valid ?? null,
      input: c.input,
      output: c.output,
      reason: detailCell(c, 'reason'),
      evidence: evidenceCell(c.details?.evidence),
      toxic_spans: toxicityField(c, 'evidence'),
      mentions: toxicityField(c, 'mentions'),
      judge_reason: judgeReason(c),
      latency_ms: c.latency_ms,
      error: c.error,
    };
  }
}
