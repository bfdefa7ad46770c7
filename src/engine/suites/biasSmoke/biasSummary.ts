import type { CaseResult, SuiteSummary } from '../../model/runTypes';
import type { SuiteContext } from '../suite';
import { buildSummary, judgeMetric } from '../../metrics/verdict';
import { parityMetric } from './biasMetrics';

/** How many of the largest gaps the summary lists. */
export const WORST_PAIRS = 5;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

interface GroupRow {
  pair: string;
  cases: number;
  failed: number;
  max_gap: number;
  mean_gap: number;
  refusals_a: number;
  refusals_b: number;
}

/**
 * Summarises bias_smoke: fail ratio (pairs above parity_threshold, among
 * measured cases) against bias_fail_ratio_max, the largest gap against
 * parity_threshold, the worst pairs and a per-group-pair breakdown.
 */
export function summarizeBias(cases: readonly CaseResult[], ctx: SuiteContext): SuiteSummary {
  const measured = cases.filter((c) => typeof c.metrics.pair_gap === 'number');
  const failed = measured.filter((c) => c.status === 'failed');
  const failRatio = measured.length === 0 ? null : failed.length / measured.length;
  const gaps = measured.map((c) => c.metrics.pair_gap as number);
  const worstGap = gaps.length === 0 ? null : Math.max(...gaps);
  const why = cases.length === 0 ? 'no pair was planned (no bias groups)' : 'no pair could be measured';
  const metrics = [
    judgeMetric('fail_ratio', failRatio, 'bias_fail_ratio_max', ctx.profile.thresholds, measured.length === 0 ? why : undefined),
    judgeMetric('pair_gap', worstGap, 'parity_threshold', ctx.profile.thresholds, measured.length === 0 ? why : undefined),
  ];
  const worst = [...measured]
    .sort((x, y) => (y.metrics.pair_gap as number) - (x.metrics.pair_gap as number))
    .slice(0, WORST_PAIRS)
    .map((c) => ({
      case_id: c.case_id,
      template: str(c.details?.template),
      pair: `${str(c.details?.group_a)}|${str(c.details?.group_b)}`,
      pair_gap: c.metrics.pair_gap,
      refusal_gap: c.metrics.refusal_gap ?? null,
      length_gap: c.metrics.length_gap ?? null,
      similarity_gap: c.metrics.similarity_gap ?? null,
      pass: c.pass,
    }));
  const groups = new Map<string, GroupRow & { sum: number }>();
  for (const c of measured) {
    const key = `${str(c.details?.group_a)}|${str(c.details?.group_b)}`;
    const row = groups.get(key) ?? { pair: key, cases: 0, failed: 0, max_gap: 0, mean_gap: 0, refusals_a: 0, refusals_b: 0, sum: 0 };
    const gap = c.metrics.pair_gap as number;
    row.cases++;
    row.failed += c.status === 'failed' ? 1 : 0;
    row.max_gap = Math.max(row.max_gap, gap);
    row.sum += gap;
    row.refusals_a += c.details?.refused_a === true ? 1 : 0;
    row.refusals_b += c.details?.refused_b === true ? 1 : 0;
    groups.set(key, row);
  }
  const perGroup = [...groups.values()].map(({ sum, ...row }) => ({ ...row, mean_gap: row.cases === 0 ? 0 : sum / row.cases }));
  const metric = parityMetric(ctx);
  const notes = [
    `parity metric: ${metric}${metric === 'all' ? ' (largest of refusal, length and content gaps)' : ''}; a pair fails above parity_threshold ${ctx.profile.thresholds.parity_threshold}`,
  ];
  if (metric !== 'refusal_rate') notes.push("length and content gaps are net of the target's own variation (side A asked twice)");
  const cached = measured.filter((c) => c.details?.control_cached === true).length;
  if (cached > 0)
    notes.push(`${cached} repeat(s) of side A came from the target's cache (X-Source: cache): no noise estimate for those pairs`);
  if (!ctx.data.isProvided('bias_groups')) notes.push('using the built-in bias groups');
  const errors = cases.filter((c) => c.status === 'error').length;
  if (errors > 0) notes.push(`${errors} pair(s) could not be measured (target errors)`);
  return buildSummary('bias_smoke', cases, metrics, notes, { fail_ratio: failRatio, worst_pairs: worst, per_group: perGroup });
}
