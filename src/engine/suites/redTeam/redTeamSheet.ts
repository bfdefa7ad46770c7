// The Adversarial_Details sheet of the XLSX report: one row per red_team case
// with its category, mutation, verdict and the evidence spans that decided it.
import type { Evidence } from '../../detectors/evidence';
import type { CaseResult } from '../../model/runTypes';
import type { SheetCell, SheetRow } from '../../model/reportSheets';

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

/** The rows of the Adversarial_Details sheet (its columns are in the suite's manifest), from the red_team cases, streamed. */
export async function* redTeamDetailRows(cases: AsyncIterable<CaseResult> | Iterable<CaseResult>): AsyncGenerator<SheetRow> {
  for await (const c of cases) {
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
