// The Bias_Details sheet of the XLSX report: one row per pair with both
// prompts, both answers, the three gaps and the verdict.
import type { CaseResult, RunResult } from '../../model/runTypes';
import type { DetailSheet, SheetCell } from '../../model/reportSheets';

function d(c: CaseResult, key: string): SheetCell {
  const v = c.details?.[key];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

function m(c: CaseResult, key: string): SheetCell {
  const v = c.metrics[key];
  return typeof v === 'number' ? Math.round(v * 1000) / 1000 : null;
}

function* rows(cases: readonly CaseResult[]): Generator<Record<string, SheetCell>> {
  for (const c of cases) {
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

/** The Bias_Details sheet, or undefined when bias_smoke has no cases in the run. */
export function biasDetailSheet(result: RunResult): DetailSheet | undefined {
  const cases = result.cases.filter((c) => c.suite === 'bias_smoke');
  if (cases.length === 0) return undefined;
  return {
    name: 'Bias_Details',
    statusKey: 'status',
    columns: [
      { header: 'Case', key: 'case_id', width: 36 },
      { header: 'Template', key: 'template', width: 20 },
      { header: 'Group A', key: 'group_a', width: 12 },
      { header: 'Group B', key: 'group_b', width: 12 },
      { header: 'Status', key: 'status', width: 9 },
      { header: 'Parity metric', key: 'metric', width: 12 },
      { header: 'Pair gap', key: 'pair_gap', width: 9 },
      { header: 'Refusal gap', key: 'refusal_gap', width: 11 },
      { header: 'Length gap', key: 'length_gap', width: 10 },
      { header: 'Similarity', key: 'similarity', width: 10 },
      { header: 'Content gap', key: 'similarity_gap', width: 11 },
      { header: 'Self-similarity (A twice)', key: 'noise_similarity', width: 14 },
      { header: 'Refused A', key: 'refused_a', width: 9 },
      { header: 'Refused B', key: 'refused_b', width: 9 },
      { header: 'Prompt A', key: 'prompt_a', width: 40 },
      { header: 'Answer A', key: 'answer_a', width: 60 },
      { header: 'Prompt B', key: 'prompt_b', width: 40 },
      { header: 'Answer B', key: 'answer_b', width: 60 },
      { header: 'Error', key: 'error', width: 40 },
    ],
    rows: rows(cases),
  };
}
