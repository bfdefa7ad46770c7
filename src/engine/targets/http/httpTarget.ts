// A generic JSON HTTP API described by the profile's `target.http` template: the
// question is substituted into the path, headers and body, and the answer and
// contexts are picked from the reply with JSONPath.

import type { AnswerMeta, AskRequest, AskResult, Target } from '../../model/target';
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
  selectedText,
} from './httpCommon';
import { describeUrl } from './httpErrors';
import { evaluateJsonPath, parseJsonPath } from './jsonPath';
import type { JsonPathSegment } from './jsonPath';
import { excerpt } from '../../secrets/redact';

/** The request template (profile `target.http`), with defaults applied. */
export interface HttpTemplate {
  method: 'POST' | 'PUT' | 'GET';
  path: string;
  headers: Record<string, string>;
  body: string;
  answerPath: string;
  contextsPath?: string;
}

/** Settings of the http protocol. */
export interface HttpTemplateTargetConfig extends HttpTargetConfig {
  template: HttpTemplate;
}

const PLACEHOLDER = /\{\{\s*question\s*\}\}/g;

/** The question as it goes inside a JSON string literal (quotes, backslashes, control characters escaped). */
export function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

// Header values cannot hold line breaks or characters beyond Latin-1: those
// are replaced by a space or percent-encoded, so any question can be sent.
function headerSafe(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e\xa0-\xff]/g, (c) => encodeURIComponent(c));
}

/** Fills `{{question}}` in a template string with an already encoded value. */
export function fillTemplate(template: string, value: string): string {
  return template.replace(PLACEHOLDER, () => value);
}

/** A target calling a JSON API through a request template. */
export class HttpTemplateTarget implements Target {
  readonly description: string;
  readonly conversational = false;
  readonly http: NonNullable<Target['http']>;
  private readonly answerPath: JsonPathSegment[];
  private readonly contextsPath?: JsonPathSegment[];

  /** Throws an Error (a configuration problem) when a JSONPath or the body template is invalid. */
  constructor(private readonly config: HttpTemplateTargetConfig) {
    const t = config.template;
    this.answerPath = parseJsonPath(t.answerPath);
    this.contextsPath = t.contextsPath ? parseJsonPath(t.contextsPath) : undefined;
    checkBodyTemplate(t);
    this.description = `api http ${t.method} ${describeUrl(joinUrl(config.baseUrl, t.path.split('?')[0]))}`;
    this.http = rawHttpAccess(config);
  }

  async ask(request: AskRequest): Promise<AskResult> {
    const { config } = this;
    const t = config.template;
    const q = request.question;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(t.headers)) headers[name] = fillTemplate(value, headerSafe(q));
    const result = await httpCall(
      {
        url: joinUrl(config.baseUrl, fillTemplate(t.path, encodeURIComponent(q))),
        method: t.method,
        headers: requestHeaders(config, headers),
        body: t.method === 'GET' ? undefined : fillTemplate(t.body, jsonEscape(q)),
      },
      callOptions(config, request),
    );
    if (!result.ok) return askFailure(result.error, result.latencyMs, { attempts: result.attempts, status: result.error.status });
    const { reply } = result;
    const meta: AnswerMeta = { attempts: result.attempts, status: reply.status };
    const secrets = secretsOf(config);
    const parsed = parseJsonReply(reply.body, secrets);
    if (!parsed.ok) {
      // A plain-text API can still be used with answer_path '$'.
      if (this.answerPath.length === 0 && !/json/i.test(reply.contentType))
        return maskedSuccess({ ok: true, answer: reply.body, contexts: [], latencyMs: result.latencyMs, meta }, secrets);
      return askFailure(parsed.error, result.latencyMs, meta);
    }
    const selected = evaluateJsonPath(parsed.value, this.answerPath);
    const answer = selectedText(selected);
    if (answer === undefined) {
      const what = selected.length ? 'does not select text' : 'matched nothing';
      return askFailure(
        {
          kind: 'protocol',
          message: `answer_path '${t.answerPath}' ${what} in the reply`,
          bodyExcerpt: excerpt(reply.body, secrets),
          status: reply.status,
        },
        result.latencyMs,
        meta,
      );
    }
    const contexts = this.contextsPath ? contextStrings(evaluateJsonPath(parsed.value, this.contextsPath).flat()) : [];
    return maskedSuccess({ ok: true, answer, contexts, latencyMs: result.latencyMs, meta }, secrets);
  }

  async close(): Promise<void> {
    // Sockets belong to the shared keep-alive agents: idle ones close on their own and never hold the process.
  }
}

// A JSON body must still be JSON once a question with quotes and line breaks is
// put in: this catches `{"q": {{question}}}` (placeholder outside a string).
function checkBodyTemplate(t: HttpTemplate): void {
  if (t.method === 'GET') return;
  const contentType = Object.entries(t.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (contentType && !/json/i.test(contentType)) return;
  const sample = fillTemplate(t.body, jsonEscape('a "quoted"\nquestion\\'));
  try {
    JSON.parse(sample);
  } catch {
    throw new Error(
      `target.http.body is not valid JSON once the question is filled in. Put {{question}} inside a JSON string, e.g. '{"q": "{{question}}"}' (the question is JSON-escaped).`,
    );
  }
}
