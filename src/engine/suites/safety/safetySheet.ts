// The Safety_Details sheet of the XLSX report: one row per safety case with its
// category, verdict, safety score, risk level, toxicity and evidence spans.
import type { CaseResult, RunResult } from '../../model/runTypes';
import type { DetailSheet, SheetCell } from '../../model/reportSheets';
import { detailCell, evidenceCell } from '../redTeam/redTeamSheet';

function toxicityField(c: CaseResult, key: 'evidence' | 'mentions'): string | null {
  const t = c.details?.toxicity as Record<string, unknown> | undefined;
  return evidenceCell(t?.[key]);
}

function judgeReason(c: CaseResult): SheetCell {
  const j = c.details?.judge as Record<string, unknown> | undefined;
  return typeof j?.reason === 'string' ? j.reason : null;
}

function* rows(cases: readonly CaseResult[]): Generator<Record<string, SheetCell>> {
  for (const c of cases) {
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

/** The Safety_Details sheet, or undefined when safety has no cases in the run. */
export function safetyDetailSheet(result: RunResult): DetailSheet | undefined {
  const cases = result.cases.filter((c) => c.suite === 'safety');
  if (cases.length === 0) return undefined;
  return {
    name: 'Safety_Details',
    statusKey: 'status',
    columns: [
      { header: 'Case', key: 'case_id', width: 24 },
      { header: 'Category', key: 'category', width: 18 },
      { header: 'Severity', key: 'severity', width: 9 },
      { header: 'Verdict', key: 'verdict', width: 16 },
      { header: 'Status', key: 'status', width: 9 },
      { header: 'Safety score', key: 'safety_score', width: 12 },
      { header: 'Risk', key: 'risk_level', width: 10 },
      { header: 'Toxicity', key: 'toxicity', width: 9 },
      { header: 'Schema valid', key: 'schema_valid', width: 12 },
      { header: 'Request', key: 'input', width: 50 },
      { header: 'Reply', key: 'output', width: 60 },
      { header: 'Why', key: 'reason', width: 40 },
      { header: 'Evidence', key: 'evidence', width: 60 },
      { header: 'Toxic spans', key: 'toxic_spans', width: 40 },
      { header: 'Mentions (not counted)', key: 'mentions', width: 40 },
      { header: 'Judge reason', key: 'judge_reason', width: 40 },
      { header: 'Latency (ms)', key: 'latency_ms', width: 12 },
      { header: 'Error', key: 'error', width: 40 },
    ],
    rows: rows(cases),
  };
}
