import type { CaseResult } from '../../model/runTypes';
import type { AskResult } from '../../model/target';
import type { SuiteContext, SuiteDefinition } from '../suite';
import { collectingFold } from '../suite';
import type { PlannedCase } from '../../model/runTypes';
import type { BiasCasePayload } from './biasTemplates';
import { biasTemplates, distinctPairs, planBiasPayloads } from './biasTemplates';
import { measurePair, needsControl, parityMetric } from './biasMetrics';
import { detectRefusal } from '../../detectors/refusal';
import { describeFailures, judgeMetric } from '../../metrics/verdict';
import { analysisPrefix, maxAnalysedChars } from '../../metrics/text';
import { summarizeBias } from './biasSummary';
import { biasDetailRows } from './biasSheet';

function failureText(side: string, r: AskResult): string | null {
  return r.ok ? null : `${side}: ${r.error.kind}${r.error.status ? ` ${r.error.status}` : ''}: ${r.error.message}`;
}

function refusalEvidence(answer: string): { refused: boolean; evidence: string[] } {
  const r = detectRefusal(answer);
  return { refused: r.refused, evidence: r.evidence.slice(0, 3).map((e) => answer.slice(e.start, e.end)) };
}

/** bias_smoke: counterfactual prompt pairs (one per side of a bias group pair) compared for refusal, length and content. */
export const biasSmokeSuite: SuiteDefinition<BiasCasePayload, void> = {
  name: 'bias_smoke',
  title: 'Bias smoke: counterfactual pairs compared for refusal, length and content',

  async plan(ctx: SuiteContext): Promise<PlannedCase<BiasCasePayload>[]> {
    const pairs = distinctPairs(await ctx.data.get('bias_groups'));
    const { templates, skipped } = biasTemplates(ctx.profile.raw.suite_options?.bias_smoke?.templates);
    for (const t of skipped) ctx.log('warn', `bias_smoke: template without {group} skipped: ${t}`);
    if (pairs.length === 0) ctx.log('warn', 'bias_smoke: no bias group pairs to compare');
    return planBiasPayloads(templates, pairs, ctx.profile.volumes.max_pairs).map((p) => ({
      id: `bias_smoke:${p.template.key}:${p.pair.a}|${p.pair.b}`,
      input: `${p.promptA}\n---\n${p.promptB}`,
      expected: null,
      payload: p,
    }));
  },

  async runCase(planned: PlannedCase<BiasCasePayload>, ctx: SuiteContext): Promise<CaseResult> {
    const p = planned.payload;
    const metric = parityMetric(ctx);
    const started = Date.now();
    const ask = (question: string): Promise<AskResult> => ctx.target.ask({ question, signal: ctx.signal });
    const [ra, rb, rc] = await Promise.all([
      ask(p.promptA),
      ask(p.promptB),
      needsControl(metric) ? ask(p.promptA) : Promise.resolve(undefined),
    ]);
    const base = {
      suite: 'bias_smoke' as const,
      case_id: planned.id,
      input: planned.input,
      expected: `answers differ by at most ${ctx.profile.thresholds.parity_threshold} (${metric})`,
      contexts: [],
      latency_ms: Date.now() - started,
      timestamp: new Date(started).toISOString(),
    };
    const sides = { template: p.template.key, group_a: p.pair.a, group_b: p.pair.b, prompt_a: p.promptA, prompt_b: p.promptB };
    const failures = [
      failureText(`side ${p.pair.a}`, ra),
      failureText(`side ${p.pair.b}`, rb),
      rc ? failureText(`repeat of side ${p.pair.a}`, rc) : null,
    ].filter((x): x is string => x !== null);
    if (!ra.ok || !rb.ok || (rc && !rc.ok)) {
      const cancelled = ctx.signal.aborted;
      return {
        ...base,
        output: null,
        metrics: { pair_gap: null },
        status: cancelled ? 'cancelled' : 'error',
        pass: false,
        error: cancelled ? 'run cancelled' : failures.join('; '),
        details: { ...sides, metric, answer_a: ra.ok ? ra.answer : null, answer_b: rb.ok ? rb.answer : null },
      };
    }
    const limit = maxAnalysedChars(ctx.profile.raw);
    const [textA, textB] = [analysisPrefix(ra.answer, limit), analysisPrefix(rb.answer, limit)];
    const textC = rc?.ok ? analysisPrefix(rc.answer, limit).text : undefined;
    const refA = refusalEvidence(textA.text);
    const refB = refusalEvidence(textB.text);
    const refC = textC !== undefined ? refusalEvidence(textC) : undefined;
    const m = measurePair(
      {
        a: textA.text,
        b: textB.text,
        ...(textC !== undefined ? { control: textC, refusedControl: refC?.refused ?? false } : {}),
        refusedA: refA.refused,
        refusedB: refB.refused,
      },
      [p.pair.a, p.pair.b],
      metric,
    );
    const verdict = judgeMetric('pair_gap', m.pair_gap, 'parity_threshold', ctx.profile.thresholds);
    const pass = verdict.pass === true;
    return {
      ...base,
      output: `[${p.pair.a}] ${ra.answer}\n---\n[${p.pair.b}] ${rb.answer}`,
      metrics: {
        pair_gap: m.pair_gap,
        refusal_gap: m.refusal_gap,
        length_gap: m.length_gap,
        similarity: m.similarity,
        similarity_gap: m.similarity_gap,
        noise_similarity: m.noise_similarity,
      },
      status: pass ? 'passed' : 'failed',
      pass,
      error: pass
        ? null
        : `${describeFailures([verdict])} (refusal ${m.refusal_gap.toFixed(2)}, length ${m.length_gap.toFixed(2)}, content ${m.similarity_gap.toFixed(2)})`,
      details: {
        ...sides,
        metric,
        answer_a: ra.answer,
        answer_b: rb.answer,
        ...(rc?.ok
          ? { answer_control: rc.answer, refused_control: refC?.refused ?? false, control_cached: rc.meta.source === 'cache' }
          : {}),
        refused_a: refA.refused,
        refused_b: refB.refused,
        ...(textA.truncated || textB.truncated
          ? { analysed_chars: limit, analysis_note: `answers longer than ${limit} characters were analysed by their start` }
          : {}),
        refusal_evidence_a: refA.evidence,
        refusal_evidence_b: refB.evidence,
      },
    };
  },

  // Its cases are bounded by design, not by a dataset: kept until the summary.
  summarizer: (ctx: SuiteContext) => collectingFold((cases) => summarizeBias(cases, ctx)),

  detailRows: biasDetailRows,
};
