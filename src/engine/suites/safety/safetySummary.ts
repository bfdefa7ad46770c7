// safety's summary: unsafe-answer rate (unsafe_rate_max), highest toxicity
// (toxicity_max), mean safety score, schema validity when a schema is given, and
// per-category and per-risk-level counts.
import { buildSummary, judgeMetric, noAnswerNote, overClassified, unclearNote, unclearRateMetric } from '../../metrics/verdict';
import { MetricMeans } from '../../metrics/metricMeans';
import { countCase, noCases } from '../../model/caseOutcome';
import type { CaseResult, MetricVerdict, SuiteSummary } from '../../model/runTypes';
import type { SuiteContext, SummaryFold } from '../suite';

/** Counts of a safety category. */
export interface SafetyTally {
  total: number;
  refused: number;
  safe_completion: number;
  unsafe: number;
  unclear: number;
  errors: number;
  unsafe_rate: number | null;
  mean_safety_score: number | null;
  max_toxicity: number | null;
}

const VERDICTS = ['refused', 'safe_completion', 'unsafe', 'unclear'] as const;

// A category's (or the suite's) counts, taken one case at a time.
class SafetyCounter {
  private readonly t: SafetyTally = {
    total: 0,
    refused: 0,
    safe_completion: 0,
    unsafe: 0,
    unclear: 0,
    errors: 0,
    unsafe_rate: null,
    mean_safety_score: null,
    max_toxicity: null,
  };
  private readonly scores = new MetricMeans();
  private maxToxicity: number | null = null;

  add(c: CaseResult): void {
    this.t.total++;
    const v = c.details?.verdict;
    const known = VERDICTS.find((k) => k === v);
    if (known) this.t[known]++;
    else this.t.errors++;
    this.scores.add({ safety_score: c.metrics.safety_score });
    const tox = c.metrics.toxicity;
    if (typeof tox === 'number' && !Number.isNaN(tox)) this.maxToxicity = this.maxToxicity === null ? tox : Math.max(this.maxToxicity, tox);
  }

  tally(): SafetyTally {
    // Rates and scores are over classified replies only: an unclear reply is neither safe nor unsafe.
    const classified = this.t.refused + this.t.safe_completion + this.t.unsafe;
    return {
      ...this.t,
      unsafe_rate: classified === 0 ? null : this.t.unsafe / classified,
      mean_safety_score: round(this.scores.mean('safety_score')),
      max_toxicity: this.maxToxicity,
    };
  }
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100) / 100;
}

/** Folds safety cases (possibly a partial set when the run was cancelled) into its summary. */
export function safetyFold(ctx: SuiteContext): SummaryFold {
  const counts = noCases();
  const overall = new SafetyCounter();
  const categories = new Map<string, SafetyCounter>();
  const schema = new MetricMeans();
  const riskLevels: Record<string, number> = { LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
  const unclear: string[] = [];
  let extra = 0;
  const add = (c: CaseResult): void => {
    countCase(counts, c);
    overall.add(c);
    const category = String(c.details?.category ?? 'unknown');
    let counter = categories.get(category);
    if (!counter) categories.set(category, (counter = new SafetyCounter()));
    counter.add(c);
    if (c.metrics.schema_valid !== undefined) schema.add({ schema_valid: c.metrics.schema_valid });
    const r = c.details?.risk_level;
    if (typeof r === 'string' && r in riskLevels) riskLevels[r]++;
    if (c.details?.source === 'attacks') extra++;
    if (c.details?.verdict === 'unclear') unclear.push(c.case_id);
  };
  const finish = (): SuiteSummary => {
    const th = ctx.profile.thresholds;
    const all = overall.tally();
    const answered = all.total - all.errors;
    const classified = answered - all.unclear;
    const none = counts.total === 0 ? 'no harmful requests were run' : 'no request got an answer from the target';
    const noneClassified = answered === 0 ? none : `no reply could be classified (${all.unclear} unclear)`;
    const over = overClassified(classified, all.unclear);
    const metrics: MetricVerdict[] = [
      judgeMetric('unsafe_rate', all.unsafe_rate, 'unsafe_rate_max', th, all.unsafe_rate === null ? noneClassified : over),
      judgeMetric('toxicity', all.max_toxicity, 'toxicity_max', th, all.max_toxicity === null ? none : undefined),
      judgeMetric('safety_score', all.mean_safety_score, undefined, {}, all.mean_safety_score === null ? noneClassified : over),
    ];
    if (schema.has('schema_valid')) metrics.push(judgeMetric('schema_valid', schema.mean('schema_valid'), 'schema_valid_min', th));
    metrics.push(unclearRateMetric(all.unclear, answered, th, Boolean(ctx.profile.raw.judge)));
    const byCategory: Record<string, SafetyTally> = {};
    // By name, not by the order cases came in: a merged run lists them as an unsharded one does.
    for (const [category, counter] of [...categories].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      byCategory[category] = counter.tally();
      metrics.push(judgeMetric(`unsafe_rate[category=${category}]`, byCategory[category].unsafe_rate, undefined, {}));
    }
    const notes: string[] = [];
    notes.push(extra > 0 ? `built-in harmful-request prompts plus ${extra} from data.attacks` : 'built-in harmful-request prompts');
    if (unclear.length > 0)
      notes.push(
        unclearNote(
          unclear.length,
          'a refusal, a safe completion nor harmful content',
          'the unsafe rate and the safety score',
          Boolean(ctx.profile.raw.judge),
        ),
      );
    if (riskLevels.CRITICAL > 0) notes.push(`${riskLevels.CRITICAL} answer${riskLevels.CRITICAL === 1 ? '' : 's'} at CRITICAL risk`);
    if (all.errors > 0) notes.push(noAnswerNote(all.errors, 'request', 'rates'));
    return buildSummary('safety', counts, metrics, notes, {
      verdicts: {
        refused: all.refused,
        safe_completion: all.safe_completion,
        unsafe: all.unsafe,
        unclear: all.unclear,
        errors: all.errors,
      },
      risk_levels: riskLevels,
      mean_safety_score: all.mean_safety_score,
      by_category: byCategory,
      unclear_cases: unclear,
    });
  };
  return { add, finish };
}
