// What the HTTP-based targets (aiqk, openai, http template) share: their
// configuration, auth header, URL joining, and turning a transport outcome into
// an AskResult.

import type { AnswerMeta, AskFailure, AskRequest, AskSuccess, Target, TargetError } from '../../model/target';
import type { HttpCallOptions } from './http';
import type { ReplyHeaders } from './httpExchange';
import { rawRequest } from './http';
import { maskSecrets } from '../../secrets/redact';
import type { BackoffOptions } from './retryPolicy';

/** The credential a target sends: header name and full value; `token` is masked everywhere. */
export interface HttpAuth {
  header: string;
  value: string;
  token: string;
}

/** Configuration common to the HTTP targets (from the resolved profile). */
export interface HttpTargetConfig {
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  auth?: HttpAuth;
  backoff?: BackoffOptions;
  maxBytes?: number;
}

/** Builds the auth header: `Authorization: Bearer <token>` by default, the raw token in a custom header. */
export function bearerAuth(token: string, header?: string): HttpAuth {
  const name = header?.trim() || 'Authorization';
  const value = name.toLowerCase() === 'authorization' ? `Bearer ${token}` : token;
  return { header: name, value, token };
}

/**
 * Joins a base URL and a path with exactly one slash, keeping the base's own
 * path; a query string on the base (`?api_key=…`) stays at the end, joined with
 * the path's own. A fragment is never sent, so it is dropped.
 */
export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const b = splitQuery(base);
  const p = splitQuery(path);
  const query = [b.query, p.query].filter(Boolean).join('&');
  return `${b.head.replace(/\/+$/, '')}/${p.head.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
}

/** A URL without its query and fragment, and its query (without the `?`). */
export function splitQuery(url: string): { head: string; query: string } {
  const noFragment = url.split('#', 1)[0] ?? '';
  const q = noFragment.indexOf('?');
  return q === -1 ? { head: noFragment, query: '' } : { head: noFragment.slice(0, q), query: noFragment.slice(q + 1) };
}

/** The headers of a request: JSON content, the auth header, then any extra ones. */
export function requestHeaders(config: HttpTargetConfig, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (config.auth) headers[config.auth.header] = config.auth.value;
  // Header names are case-insensitive: an extra header replaces ours rather than joining it.
  for (const name of Object.keys(extra)) {
    for (const own of Object.keys(headers)) if (own.toLowerCase() === name.toLowerCase()) delete headers[own];
  }
  return { ...headers, ...extra };
}

/** The call options for one ask: its timeout and retry overrides applied. */
export function callOptions(config: HttpTargetConfig, request: AskRequest): HttpCallOptions {
  return {
    signal: request.signal,
    timeoutMs: request.timeoutMs ?? config.timeoutMs,
    retries: request.retries ?? config.retries,
    noRetry: request.noRetry,
    secrets: secretsOf(config),
    backoff: config.backoff,
    maxBytes: config.maxBytes,
  };
}

/** The values to mask in anything this target returns. */
export function secretsOf(config: HttpTargetConfig): string[] {
  return config.auth ? [config.auth.token] : [];
}

/** A failed ask. */
export function askFailure(error: TargetError, latencyMs: number, meta: AnswerMeta): AskFailure {
  return { ok: false, error, latencyMs, meta };
}

/** Raw route access for the compliance suite's RBAC probes; never adds credentials. */
export function rawHttpAccess(config: HttpTargetConfig): NonNullable<Target['http']> {
  return {
    baseUrl: config.baseUrl,
    request: (path, init) => rawRequest(joinUrl(config.baseUrl, path), init, config.timeoutMs, secretsOf(config)),
  };
}

/** A number from a header, when it is one. */
export function numericHeader(headers: ReplyHeaders, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Strings from a reply's context list: strings kept, `{text}`/`{content}` objects unwrapped, others as JSON. */
export function contextStrings(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.map((item) => {
    if (typeof item === 'string') return item;
    if (item && typeof item === 'object') {
      const rec = item as Record<string, unknown>;
      for (const key of ['text', 'content', 'page_content', 'passage']) if (typeof rec[key] === 'string') return rec[key] as string;
    }
    return JSON.stringify(item);
  });
}

/** The answer a JSONPath selected: its text, number and boolean values joined by lines (a [*] path selects several); undefined when none. */
export function selectedText(values: readonly unknown[]): string | undefined {
  const texts = values.flat().filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
  return texts.length === 0 ? undefined : texts.map(String).join('\n');
}

/** A success with any secret the server echoed masked in the answer and contexts (they end up in reports). */
export function maskedSuccess(result: AskSuccess, secrets: readonly string[]): AskSuccess {
  if (secrets.length === 0) return result;
  return { ...result, answer: maskSecrets(result.answer, secrets), contexts: result.contexts.map((c) => maskSecrets(c, secrets)) };
}
