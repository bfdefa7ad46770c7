// The Adversarial_Details sheet of the XLSX report: one row per red_team case
// with its category, mutation, verdict and the evidence spans that decided it.
import type { Evidence } from '../../detectors/evidence';
import type { CaseResult, RunResult } from '../../model/runTypes';
import type { DetailSheet, SheetCell } from '../../model/reportSheets';

/** Evidence spans as one cell: «text» [rule @start–end], one a line. */
export function evidenceCell(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return (value as Evidence[]).map((e) => `«${e.text}» [${e.rule} @${e.start}-${e.end}]`).join('\n');
}

/** A details field as a cell value. */
export function detailCell(c: CaseResult, key: string): SheetCell {
  const v = c.details?.[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function judgeField(c: CaseResult, key: 'score' | 'reason'): SheetCell {
  const j = c.details?.judge as Record<string, unknown> | undefined;
  const v = j?.[key];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

function* rows(cases: readonly CaseResult[]): Generator<Record<string, SheetCell>> {
  for (const c of cases) {
    yield {
      case_id: c.case_id,
      attack_index: detailCell(c, 'attack_index'),
      category: detailCell(c, 'category'),
      mutation: detailCell(c, 'mutation'),
      verdict: detailCell(c, 'verdict') ?? c.status,
      status: c.status,
      attack: detailCell(c, 'attack'),
      input: c.input,
      output: c.output,
      reason: detailCell(c, 'reason'),
      evidence: evidenceCell(c.details?.evidence),
      judge_score: judgeField(c, 'score'),
      judge_reason: judgeField(c, 'reason'),
      latency_ms: c.latency_ms,
      error: c.error,
    };
  }
}

/** The Adversarial_Details sheet, or undefined when red_team has no cases in the run. */
export function adversarialDetailSheet(result: RunResult): DetailSheet | undefined {
  const cases = result.cases.filter((c) => c.suite === 'red_team');
  if (cases.length === 0) return undefined;
  return {
    name: 'Adversarial_Details',
    statusKey: 'status',
    columns: [
      { header: 'Case', key: 'case_id', width: 26 },
      { header: 'Attack #', key: 'attack_index', width: 9 },
      { header: 'Category', key: 'category', width: 24 },
      { header: 'Mutation', key: 'mutation', width: 13 },
      { header: 'Verdict', key: 'verdict', width: 10 },
      { header: 'Status', key: 'status', width: 9 },
      { header: 'Attack', key: 'attack', width: 50 },
      { header: 'Sent', key: 'input', width: 50 },
      { header: 'Reply', key: 'output', width: 60 },
      { header: 'Why', key: 'reason', width: 40 },
      { header: 'Evidence', key: 'evidence', width: 60 },
      { header: 'Judge score', key: 'judge_score', width: 11 },
      { header: 'Judge reason', key: 'judge_reason', width: 40 },
      { header: 'Latency (ms)', key: 'latency_ms', width: 12 },
      { header: 'Error', key: 'error', width: 40 },
    ],
    rows: rows(cases),
  };
}
