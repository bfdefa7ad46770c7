// The original system's target contract: POST {base_url}/ask with
// {query, provider, model}; the reply is {answer, context: [str]} and optional
// X-Source / X-Perf-Phase / X-Latency-MS headers.

import type { AnswerMeta, AskRequest, AskResult, Target } from '../../model/target';
import { httpCall, parseJsonReply } from './http';
import type { HttpTargetConfig } from './httpCommon';
import {
  askFailure,
  callOptions,
  contextStrings,
  joinUrl,
  maskedSuccess,
  numericHeader,
  rawHttpAccess,
  requestHeaders,
  secretsOf,
} from './httpCommon';
import { describeUrl } from './httpErrors';
import { excerpt } from '../../secrets/redact';

/** Settings of the aiqk protocol besides the common HTTP ones. */
export interface AiqkTargetConfig extends HttpTargetConfig {
  provider?: string;
  model?: string;
}

/** A target speaking the aiqk /ask contract. */
export class AiqkTarget implements Target {
  readonly description: string;
  readonly conversational = false;
  readonly http: NonNullable<Target['http']>;

  constructor(private readonly config: AiqkTargetConfig) {
    this.description = `api aiqk ${describeUrl(config.baseUrl)}${config.model ? ` model ${config.model}` : ''}`;
    this.http = rawHttpAccess(config);
  }

  async ask(request: AskRequest): Promise<AskResult> {
    const { config } = this;
    const body = JSON.stringify({ query: request.question, provider: config.provider, model: config.model });
    const result = await httpCall(
      { url: joinUrl(config.baseUrl, '/ask'), method: 'POST', headers: requestHeaders(config), body },
      callOptions(config, request),
    );
    if (!result.ok) return askFailure(result.error, result.latencyMs, { attempts: result.attempts, status: result.error.status });
    const { reply } = result;
    const meta: AnswerMeta = { attempts: result.attempts, status: reply.status };
    const source = reply.headers.get('x-source');
    const phase = reply.headers.get('x-perf-phase');
    const serverLatency = numericHeader(reply.headers, 'x-latency-ms');
    if (source) meta.source = source;
    if (phase) meta.perfPhase = phase;
    if (serverLatency !== undefined) meta.serverLatencyMs = serverLatency;
    const parsed = parseJsonReply(reply.body, secretsOf(config));
    if (!parsed.ok) return askFailure(parsed.error, result.latencyMs, meta);
    const value = parsed.value as Record<string, unknown> | null;
    const answer = value && typeof value === 'object' ? value.answer : undefined;
    if (typeof answer !== 'string') {
      const bodyExcerpt = excerpt(reply.body, secretsOf(config));
      return askFailure(
        { kind: 'protocol', message: "reply has no string 'answer' field (expected {answer, context})", bodyExcerpt, status: reply.status },
        result.latencyMs,
        meta,
      );
    }
    if (typeof value?.model === 'string') meta.model = value.model;
    return maskedSuccess(
      { ok: true, answer, contexts: contextStrings(value?.context ?? value?.contexts), latencyMs: result.latencyMs, meta },
      secretsOf(config),
    );
  }

  async close(): Promise<void> {
    // Sockets belong to the shared keep-alive agents: idle ones close on their own and never hold the process.
  }
}
