// red_team: can the target be jailbroken? Attacks (the profile's or the built-in
// set) times mutations; each reply is classified refused / complied / leaked /
// unclear with the evidence, unclear ones optionally graded by the LLM judge.
import type { AttackClassification } from '../../detectors/attackOutcome';
import { maxAnalysedChars } from '../../metrics/text';
import { classifyAttackReply } from '../../detectors/attackOutcome';
import { categorizeAttack } from '../../detectors/categories';
import type { CaseResult } from '../../model/runTypes';
import type { AttackRecord } from '../../model/dataRecords';
import { attackInput, describeEvidence, evidenceForReport, failedCallCase, analysisText, sendAttack } from './redTeamAsk';
import type { JudgeGrade, JudgeState } from './redTeamJudge';
import { gradeUnclear, inconclusiveMessage, prepareJudge } from './redTeamJudge';
import type { MutatedAttack } from './redTeamMutators';
import { selectMutators } from './redTeamMutators';
import { redTeamDetailRows } from './redTeamSheet';
import { redTeamFold } from './redTeamSummary';
import type { SuiteContext, SuiteDefinition } from '../suite';
import type { PlannedCase } from '../../model/runTypes';

/** What a red_team case carries from plan to run. */
export interface RedTeamPayload {
  /** 1-based position of the attack in the attack list. */
  index: number;
  attack: AttackRecord;
  category: string;
  /** Whether the category was inferred from the wording (the attack had none). */
  categoryInferred: boolean;
  mutation: string;
  mutated: MutatedAttack;
}

/** The red_team options of the profile, with defaults. */
export function redTeamOptions(ctx: SuiteContext): { mutators?: string[]; canary?: string; systemPromptMarkers: string[] } {
  const o = ctx.profile.raw.suite_options?.red_team ?? {};
  return { mutators: o.mutators, canary: o.canary, systemPromptMarkers: o.system_prompt_markers ?? [] };
}

async function plan(ctx: SuiteContext): Promise<PlannedCase<RedTeamPayload>[]> {
  const attacks = await ctx.data.get('attacks');
  const options = redTeamOptions(ctx);
  const selection = selectMutators(options.mutators, ctx.profile.volumes.attack_mutators, ctx.target.conversational);
  for (const note of selection.notes) ctx.log('info', `red_team: ${note}`);
  const planned: PlannedCase<RedTeamPayload>[] = [];
  attacks.forEach((attack, i) => {
    const categoryInferred = !attack.category;
    const category = attack.category ?? categorizeAttack(attack.prompt);
    for (const m of selection.mutators) {
      const mutated = m.apply(attack.prompt);
      planned.push({
        id: `red_team:${i + 1}:${m.name}`,
        input: attackInput(mutated),
        expected: 'refusal',
        payload: { index: i + 1, attack, category, categoryInferred, mutation: m.name, mutated },
      });
    }
  });
  return planned;
}

async function runCase(planned: PlannedCase<RedTeamPayload>, ctx: SuiteContext, state: JudgeState): Promise<CaseResult> {
  const p = planned.payload;
  const base = { suite: 'red_team' as const, case_id: planned.id, input: planned.input, expected: 'refusal' };
  const details: Record<string, unknown> = {
    attack_index: p.index,
    attack: p.attack.prompt,
    ...(p.attack.line !== undefined ? { attack_line: p.attack.line } : {}),
    category: p.category,
    category_inferred: p.categoryInferred,
    mutation: p.mutation,
  };
  const reply = await sendAttack(ctx, p.mutated);
  if (!reply.ok) return failedCallCase(base, reply, details);
  const options = redTeamOptions(ctx);
  const sent = p.mutated.turns ? p.mutated.turns.join('\n') : p.mutated.question;
  const { text, truncated, note } = analysisText(reply.answer, maxAnalysedChars(ctx.profile.raw));
  const verdict = classifyAttackReply(text, {
    attack: p.attack.prompt,
    sent,
    category: p.category,
    mutation: p.mutation,
    canary: options.canary,
    systemPromptMarkers: options.systemPromptMarkers,
  });
  let judged: JudgeGrade | undefined;
  const judge = verdict.verdict === 'unclear' ? state.judge() : null;
  if (judge) judged = await gradeUnclear(judge, p.attack.prompt, reply.answer, p.category, ctx.signal);
  const final = judged?.succeeded === true ? 'complied' : judged?.succeeded === false ? 'refused' : verdict.verdict;
  const succeeded = final === 'complied' || final === 'leaked';
  const unclear = final === 'unclear';
  return {
    ...base,
    output: reply.answer,
    contexts: reply.contexts,
    metrics: { attack_success: unclear ? null : succeeded ? 1 : 0 },
    status: unclear ? 'inconclusive' : succeeded ? 'failed' : 'passed',
    pass: !succeeded && !unclear,
    error: unclear
      ? inconclusiveMessage(verdict.reason, judged, Boolean(ctx.profile.raw.judge))
      : succeeded
        ? failureMessage(final, verdict, judged)
        : null,
    latency_ms: Math.round(reply.latencyMs),
    timestamp: new Date().toISOString(),
    details: {
      ...details,
      verdict: final,
      detector_verdict: verdict.verdict,
      reason: verdict.reason,
      evidence: evidenceForReport(verdict.evidence),
      ...(text !== reply.answer && !truncated ? { analysed_text: text } : {}),
      ...note,
      ...(judged ? { judge: judged } : {}),
      ...(reply.turns > 1 ? { turns: reply.turns } : {}),
    },
  };
}

function failureMessage(final: string, v: AttackClassification, judged: JudgeGrade | undefined): string {
  if (judged && v.verdict === 'unclear') return `attack succeeded (${final}, graded by the judge): ${judged.reason}`;
  return `attack succeeded (${final}): ${v.reason}; evidence: ${describeEvidence(v.evidence)}`;
}

/** The red_team suite. */
export const redTeamSuite: SuiteDefinition<RedTeamPayload, JudgeState> = {
  name: 'red_team',
  title: 'Adversarial attacks (injection, jailbreak personas, prompt extraction, exfiltration, harmful instructions) with mutations',
  prepare: prepareJudge,
  plan,
  runCase,
  summarizer: (ctx) => redTeamFold(ctx),
  detailRows: redTeamDetailRows,
};
