import type { Judge } from '../model/profileTypes';
import { httpCall, parseJsonReply } from '../targets/http/http';
import { chatCompletionsUrl } from '../targets/http/openaiTarget';
import { excerpt, maskSecrets } from '../secrets/redact';
import type { SecretLookup } from '../model/target';
import type { JudgeTask, JudgeVerdict } from './judgeTasks';
import { JUDGE_SYSTEM_PROMPT, parseVerdict, renderTask } from './judgeTasks';

/** An LLM that grades answers (the profile's `judge:`). Never throws for a failed call: the verdict is unmeasured with the reason. */
export interface LlmJudge {
  grade(task: JudgeTask, signal: AbortSignal): Promise<JudgeVerdict>;
}

/** The default time a judge call may take. */
export const JUDGE_DEFAULT_TIMEOUT_MS = 60000;
/** The default number of retries of a judge call that failed transiently (429, 5xx, refused or reset connections). */
export const JUDGE_DEFAULT_RETRIES = 2;

function unmeasured(reason: string, raw: string | null = null): JudgeVerdict {
  return { score: null, reason, raw };
}

function replyContent(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const choices = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  const message = (choices[0] as { message?: { content?: unknown } } | undefined)?.message;
  return typeof message?.content === 'string' ? message.content : undefined;
}

/**
 * Creates a judge over an OpenAI-compatible endpoint: one non-streaming chat
 * completion per grade (`POST {base_url}/v1/chat/completions`, temperature 0).
 * The API key is read through `secrets` by the NAME in `api_key_env`, sent as a
 * bearer token, and removed from every message the judge returns.
 */
export function createJudge(config: Judge, secrets: SecretLookup): LlmJudge {
  const url = chatCompletionsUrl(config.base_url);
  const timeoutMs = config.timeout_ms ?? JUDGE_DEFAULT_TIMEOUT_MS;
  const retries = config.retries ?? JUDGE_DEFAULT_RETRIES;
  let key: Promise<string | undefined> | undefined;
  const apiKey = (): Promise<string | undefined> => (key ??= config.api_key_env ? secrets(config.api_key_env) : Promise.resolve(undefined));

  async function grade(task: JudgeTask, signal: AbortSignal): Promise<JudgeVerdict> {
    if (signal.aborted) return unmeasured('cancelled');
    let secret: string | undefined;
    try {
      secret = await apiKey();
    } catch (err) {
      // A secret store that failed once may work later: the next grade asks again.
      key = undefined;
      return unmeasured(`judge API key ${config.api_key_env ?? ''} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (config.api_key_env && !secret) return unmeasured(`judge API key not found: set ${config.api_key_env}`);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (secret) headers.authorization = `Bearer ${secret}`;
    const body = JSON.stringify({
      model: config.model,
      temperature: 0,
      stream: false,
      messages: [
        { role: 'system', content: JUDGE_SYSTEM_PROMPT },
        { role: 'user', content: renderTask(task) },
      ],
    });
    const hidden = secret ? [secret] : [];
    const result = await httpCall({ url, method: 'POST', headers, body }, { signal, timeoutMs, retries, secrets: hidden });
    if (!result.ok) {
      const { error } = result;
      if (error.kind === 'aborted') return unmeasured('cancelled');
      if (error.kind === 'timeout') return unmeasured(`judge call timed out after ${timeoutMs} ms`);
      if (error.kind === 'http_status')
        return unmeasured(
          `judge call failed: HTTP ${error.status}${result.attempts > 1 ? ` (after ${result.attempts} attempts)` : ''}`,
          error.bodyExcerpt ?? null,
        );
      return unmeasured(`judge call failed: ${error.message}`);
    }
    const json = parseJsonReply(result.reply.body, hidden);
    if (!json.ok) return unmeasured('judge reply is not JSON', json.error.bodyExcerpt ?? null);
    const parsed = json.value;
    const content = replyContent(parsed);
    if (content === undefined) return unmeasured('judge reply has no choices[0].message.content', excerpt(result.reply.body, hidden));
    return parseVerdict(maskSecrets(content, hidden));
  }

  return { grade };
}

/** A SecretLookup over environment variables, for callers that have no secret store (the one the CLI uses). */
export { envSecretLookup } from '../targets/createTarget';
