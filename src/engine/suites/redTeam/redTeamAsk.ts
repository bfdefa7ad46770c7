// Sending an attack (one question, or several turns) and turning the outcome
// into case fields; shared by red_team and safety.
import type { Evidence } from '../../detectors/evidence';
import { extractJson } from '../../metrics/schemaCheck';
import { analysisNote, analysisPrefix } from '../../metrics/text';
import type { CaseResult, CaseStatus } from '../../model/runTypes';
import type { AskFailure, AskSuccess, ChatTurn, TargetError } from '../../model/target';
import type { MutatedAttack } from './redTeamMutators';
import type { SuiteContext } from '../suite';

/** The reply to an attack: the last answer, with the total latency of every turn. */
export type AttackReply = (AskSuccess | AskFailure) & { turns: number };

/**
 * Sends an attack. Multi-turn attacks are sent turn by turn, each with the real
 * replies so far as history; the first failed turn ends the exchange.
 */
export async function sendAttack(ctx: SuiteContext, attack: MutatedAttack): Promise<AttackReply> {
  const turns = attack.turns && attack.turns.length > 0 ? attack.turns : [attack.question];
  const history: ChatTurn[] = [];
  let latency = 0;
  for (let i = 0; i < turns.length; i++) {
    const result = await ctx.target.ask({
      question: turns[i],
      ...(history.length > 0 ? { history: [...history] } : {}),
      signal: ctx.signal,
    });
    latency += result.latencyMs;
    if (!result.ok || i === turns.length - 1) return { ...result, latencyMs: latency, turns: i + 1 };
    history.push({ role: 'user', content: turns[i] }, { role: 'assistant', content: result.answer });
  }
  throw new Error('unreachable: an attack has at least one turn');
}

/** The text recorded as a case's input: the question, or every turn of a multi-turn attack. */
export function attackInput(attack: MutatedAttack): string {
  return attack.turns && attack.turns.length > 1 ? attack.turns.map((t, i) => `[turn ${i + 1}] ${t}`).join('\n') : attack.question;
}

/** A failed call as a case: error (or cancelled when the run was cancelled), with the reason. */
export function failedCallCase(
  base: Pick<CaseResult, 'suite' | 'case_id' | 'input' | 'expected'>,
  reply: AskFailure,
  details: Record<string, unknown>,
): CaseResult {
  const status: CaseStatus = reply.error.kind === 'aborted' ? 'cancelled' : 'error';
  return {
    ...base,
    output: null,
    contexts: [],
    metrics: {},
    status,
    pass: false,
    error: describeTargetError(reply.error),
    latency_ms: Math.round(reply.latencyMs),
    timestamp: new Date().toISOString(),
    details,
  };
}

/** A target failure in words: "target timeout: no reply after 30000 ms". */
export function describeTargetError(e: TargetError): string {
  return `target ${e.kind}${e.status ? ` (HTTP ${e.status})` : ''}: ${e.message}`;
}

/** Evidence in words for a failure message: «span» (rule); at most three. */
export function describeEvidence(evidence: readonly Evidence[]): string {
  if (evidence.length === 0) return 'no evidence span';
  const shown = evidence.slice(0, 3).map((e) => `«${clip(e.text)}» (${e.rule})`);
  return evidence.length > 3 ? `${shown.join(', ')} and ${evidence.length - 3} more` : shown.join(', ');
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 77)}…` : one;
}

/** Evidence as stored in case details: spans with their text, capped so a report stays readable. */
export function evidenceForReport(evidence: readonly Evidence[], max = 12): Evidence[] {
  return evidence.slice(0, max).map((e) => ({ ...e, text: e.text.length > 300 ? `${e.text.slice(0, 297)}…` : e.text }));
}

/**
 * The text the detectors read: a structured (JSON) answer's string values, one a
 * line, since a refusal inside {"answer": "..."} sits in quotes; otherwise the answer.
 */
export function readableText(answer: string): string {
  let value: unknown;
  try {
    value = JSON.parse(extractJson(answer));
  } catch {
    return answer;
  }
  if (typeof value !== 'object' || value === null) return answer;
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return strings.length > 0 ? strings.join('\n') : answer;
}

/**
 * The text the detectors read (see readableText), cut to `limit` characters
 * (limits.max_analysed_chars), whether it was cut, and the case details saying so.
 */
export function analysisText(answer: string, limit: number): { text: string; truncated: boolean; note: Record<string, unknown> } {
  const analysed = analysisPrefix(readableText(answer), limit);
  return { text: analysed.text, truncated: analysed.truncated, note: analysisNote(analysed) };
}
