// The wizard's connection test: one real question to the configured target,
// with the latency and the answer (or the classified failure) to show.
import type { RunProfile } from '../model/profileTypes';
import { resolveProfile } from '../config/resolve';
import { createSuiteData } from '../run/suiteData';
import { createTarget } from '../targets/createTarget';
import type { SecretLookup, Target } from '../model/target';

/** What one test call found. */
export interface ConnectionResult {
  ok: boolean;
  /** The target as described without secrets ("api openai http://127.0.0.1:8000 model x"). */
  target: string;
  question: string;
  latencyMs: number;
  /** The answer, cut to a readable length. */
  answer?: string;
  /** How many contexts came back with it. */
  contexts?: number;
  /** Why the call failed, for a person. */
  error?: string;
}

/** Options of the connection test. */
export interface ConnectionTestOptions {
  secrets: SecretLookup;
  signal?: AbortSignal;
  /** Upper bound for this one call (the profile's timeout_ms when lower). */
  timeoutMs?: number;
}

const FALLBACK_QUESTION = 'Hello! In one sentence, what can you help me with?';
const MAX_ANSWER = 600;

async function pickQuestion(profile: RunProfile, data: ReturnType<typeof createSuiteData>): Promise<string> {
  // The profile's own questions fit its target; the built-in ones fit only the demo.
  if (profile.data?.qaset || profile.target.mode === 'builtin') {
    try {
      const qa = await data.get('qaset');
      if (qa[0]?.question) return qa[0].question;
    } catch {
      // An unreadable qaset is the data step's problem, not the connection's.
    }
  }
  return FALLBACK_QUESTION;
}

/** Sends one question to the target a profile describes (written at `file`); never rejects. */
export async function testConnection(profile: RunProfile, file: string, opts: ConnectionTestOptions): Promise<ConnectionResult> {
  const resolved = resolveProfile(profile, file);
  const signal = opts.signal ?? new AbortController().signal;
  const data = createSuiteData(resolved, () => undefined, signal);
  const question = await pickQuestion(profile, data);
  let target: Target;
  try {
    target = await createTarget(resolved, { secrets: opts.secrets, passages: () => data.get('passages') });
  } catch (err) {
    return { ok: false, target: profile.target.mode, question, latencyMs: 0, error: err instanceof Error ? err.message : String(err) };
  }
  try {
    const timeoutMs = Math.min(resolved.timeoutMs, opts.timeoutMs ?? 20_000);
    const result = await target.ask({ question, signal, timeoutMs, noRetry: true });
    if (!result.ok) {
      const e = result.error;
      const detail = e.status ? ` (HTTP ${e.status}${e.bodyExcerpt ? `: ${e.bodyExcerpt.slice(0, 160)}` : ''})` : '';
      return {
        ok: false,
        target: target.description,
        question,
        latencyMs: result.latencyMs,
        error: `${e.kind.replace(/_/g, ' ')}: ${e.message}${detail}`,
      };
    }
    const answer = result.answer.length > MAX_ANSWER ? `${result.answer.slice(0, MAX_ANSWER - 1)}…` : result.answer;
    return {
      ok: true,
      target: target.description,
      question,
      latencyMs: Math.round(result.latencyMs),
      answer,
      contexts: result.contexts.length,
    };
  } finally {
    await target.close().catch(() => undefined);
  }
}
