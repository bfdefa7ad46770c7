// The Bias_Details sheet of the XLSX report: one row per pair with both
// prompts, both answers, the three gaps and the verdict.
import type { CaseResult } from '../../model/runTypes';
import type { SheetCell, SheetRow } from '../../model/reportSheets';

function d(c: CaseResult, key: string): SheetCell {
  const v = c.details?.[key];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

function m(c: CaseResult, key: string): SheetCell {
  const v = c.metrics[key];
  return typeof v === 'number' ? Math.round(v * 1000) / 1000 : null;
}

/** The rows of the Bias_Details sheet (its columns are in the suite's manifest), from the bias_smoke cases, streamed. */
export async function* biasDetailRows(cases: AsyncIterable<CaseResult> | Iterable<CaseResult>): AsyncGenerator<SheetRow> {
  for await (const c of cases) {
    yield {
      case_id: c.case_id,
      template: d(c, 'template'),
      group_a: d(c, 'group_a'),
      group_b: d(c, 'group_b'),
      status: c.status,
      metric: d(c, 'metric'),
      pair_gap: m(c, 'pair_gap'),
      refusal_gap: m(c, 'refusal_gap'),
      length_gap: m(c, 'length_gap'),
      similarity: m(c, 'similarity'),
      similarity_gap: m(c, 'similarity_gap'),
      noise_similarity: m(c, 'noise_similarity'),
      refused_a: d(c, 'refused_a'),
      refused_b: d(c, 'refused_b'),
      prompt_a: d(c, 'prompt_a'),
      answer_a: d(c, 'answer_a'),
      prompt_b: d(c, 'prompt_b'),
      answer_b: d(c, 'answer_b'),
      error: c.error,
    };
  }
}
