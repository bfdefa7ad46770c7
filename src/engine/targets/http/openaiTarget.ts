// An OpenAI-compatible chat-completions target. It asks for a stream (SSE) to
// measure time to first token, and accepts a plain JSON completion from servers
// that ignore `stream: true`.

import type { AnswerMeta, AskRequest, AskResult, Target, TargetError } from '../../model/target';
import { httpCall, parseJsonReply } from './http';
import type { HttpTargetConfig } from './httpCommon';
import {
  askFailure,
  callOptions,
  contextStrings,
  joinUrl,
  maskedSuccess,
  rawHttpAccess,
  requestHeaders,
  secretsOf,
  splitQuery,
} from './httpCommon';
import { describeUrl } from './httpErrors';
import { excerpt, maskSecrets } from '../../secrets/redact';
import { SseParser } from './sse';

/** Settings of the openai protocol besides the common HTTP ones. */
export interface OpenAiTargetConfig extends HttpTargetConfig {
  model?: string;
  systemPrompt?: string;
}

/** The chat-completions URL of a base URL, with or without its /v1. */
export function chatCompletionsUrl(baseUrl: string): string {
  const { head } = splitQuery(baseUrl);
  return joinUrl(baseUrl, /\/v1\/*$/i.test(head) ? '/chat/completions' : '/v1/chat/completions');
}

// What a stream has told us so far; reset when a retry starts over.
class StreamState {
  answer = '';
  ttftMs?: number;
  done = false;
  finished = false;
  model?: string;
  contexts?: unknown;
  error?: TargetError;
  private readonly parser = new SseParser();

  constructor(
    private readonly started: number,
    private readonly secrets: readonly string[],
  ) {}

  push(text: string): void {
    if (this.error) return;
    for (const ev of this.parser.push(text)) this.event(ev.data);
    const over = this.parser.overflow;
    if (over && !this.error)
      this.error = { kind: 'unparseable', message: `reply too large (a stream event of ${over.chars} characters, limit ${over.limit})` };
  }

  end(): void {
    for (const ev of this.parser.end()) this.event(ev.data);
  }

  private event(data: string): void {
    if (this.error || this.done) return;
    if (data.trim() === '[DONE]') {
      this.done = true;
      return;
    }
    let chunk: Record<string, unknown>;
    try {
      chunk = JSON.parse(data) as Record<string, unknown>;
    } catch {
      this.error = { kind: 'unparseable', message: 'a stream event is not JSON', bodyExcerpt: excerpt(data, this.secrets) };
      return;
    }
    if (chunk.error) {
      this.error = { kind: 'protocol', message: `the stream reported an error: ${maskSecrets(errorText(chunk.error), this.secrets)}` };
      return;
    }
    if (typeof chunk.model === 'string') this.model = chunk.model;
    if (chunk.context !== undefined || chunk.contexts !== undefined) this.contexts = chunk.context ?? chunk.contexts;
    const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as Record<string, unknown> | undefined) : undefined;
    const delta = choice?.delta as Record<string, unknown> | undefined;
    if (typeof delta?.content === 'string' && delta.content) {
      if (this.ttftMs === undefined) this.ttftMs = performance.now() - this.started;
      this.answer += delta.content;
    }
    if (typeof choice?.finish_reason === 'string') this.finished = true;
  }
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error.slice(0, 300);
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message.slice(0, 300);
  }
  return JSON.stringify(error).slice(0, 300);
}

/** A target speaking OpenAI-compatible chat completions, streaming. */
export class OpenAiTarget implements Target {
  readonly description: string;
  readonly conversational = true;
  readonly http: NonNullable<Target['http']>;

  constructor(private readonly config: OpenAiTargetConfig) {
    this.description = `api openai ${describeUrl(config.baseUrl)}${config.model ? ` model ${config.model}` : ''}`;
    this.http = rawHttpAccess(config);
  }

  async ask(request: AskRequest): Promise<AskResult> {
    const { config } = this;
    const messages: { role: string; content: string }[] = [];
    if (config.systemPrompt) messages.push({ role: 'system', content: config.systemPrompt });
    for (const turn of request.history ?? []) messages.push({ role: turn.role, content: turn.content });
    messages.push({ role: 'user', content: request.question });
    const started = performance.now();
    let state = new StreamState(started, secretsOf(config));
    let stateAttempt = 1;
    const options = callOptions(config, request);
    options.onChunk = (text, attempt) => {
      if (attempt !== stateAttempt) {
        state = new StreamState(started, secretsOf(config));
        stateAttempt = attempt;
      }
      state.push(text);
    };
    const result = await httpCall(
      {
        url: chatCompletionsUrl(config.baseUrl),
        method: 'POST',
        headers: requestHeaders(config, { accept: 'text/event-stream, application/json' }),
        body: JSON.stringify({ model: config.model, messages, stream: true }),
      },
      options,
    );
    if (!result.ok) return askFailure(result.error, result.latencyMs, { attempts: result.attempts, status: result.error.status });
    const { reply } = result;
    const meta: AnswerMeta = { attempts: result.attempts, status: reply.status };
    if (/application\/json/i.test(reply.contentType)) return this.fromJson(reply.body, result.latencyMs, meta);
    state.end();
    if (state.model) meta.model = state.model;
    if (state.error) return askFailure({ ...state.error, status: reply.status }, result.latencyMs, meta);
    if (!state.done && !state.finished) {
      const bodyExcerpt = excerpt(reply.body, secretsOf(config));
      return askFailure(
        { kind: 'protocol', message: 'the stream ended before [DONE] or a finish_reason: the answer may be cut', bodyExcerpt },
        result.latencyMs,
        meta,
      );
    }
    const success = {
      ok: true as const,
      answer: state.answer,
      contexts: contextStrings(state.contexts),
      latencyMs: result.latencyMs,
      ttftMs: state.ttftMs,
      meta,
    };
    return maskedSuccess(success, secretsOf(config));
  }

  async close(): Promise<void> {
    // Sockets belong to the shared keep-alive agents: idle ones close on their own and never hold the process.
  }

  private fromJson(body: string, latencyMs: number, meta: AnswerMeta): AskResult {
    const secrets = secretsOf(this.config);
    const parsed = parseJsonReply(body, secrets);
    if (!parsed.ok) return askFailure(parsed.error, latencyMs, meta);
    const value = (parsed.value ?? {}) as Record<string, unknown>;
    if (value.error)
      return askFailure(
        { kind: 'protocol', message: `the server reported an error: ${maskSecrets(errorText(value.error), secrets)}` },
        latencyMs,
        meta,
      );
    const choice = Array.isArray(value.choices) ? (value.choices[0] as Record<string, unknown> | undefined) : undefined;
    const message = choice?.message as Record<string, unknown> | undefined;
    if (typeof message?.content !== 'string') {
      return askFailure(
        { kind: 'protocol', message: 'reply has no choices[0].message.content string', bodyExcerpt: excerpt(body, secrets) },
        latencyMs,
        meta,
      );
    }
    if (typeof value.model === 'string') meta.model = value.model;
    return maskedSuccess(
      { ok: true, answer: message.content, contexts: contextStrings(value.context ?? value.contexts), latencyMs, meta },
      secrets,
    );
  }
}
