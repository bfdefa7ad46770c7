// Turns a network error into a TargetError a person can act on. Errors may wrap
// the socket error as `cause` (sometimes nested, sometimes an AggregateError for
// happy-eyeballs), so the whole chain is searched for codes and messages.

import type { TargetError } from '../../model/target';
import { maskSecrets } from '../../secrets/redact';

/** Codes and messages of an error and its causes, outermost first. */
export function errorChain(err: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): void => {
    if (e === null || e === undefined || seen.has(e) || depth > 6) return;
    seen.add(e);
    if (typeof e === 'object') {
      const rec = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
      if (typeof rec.code === 'string') codes.push(rec.code);
      if (typeof rec.message === 'string' && rec.message) messages.push(rec.message);
      if (Array.isArray(rec.errors)) for (const inner of rec.errors) visit(inner, depth + 1);
      visit(rec.cause, depth + 1);
    } else {
      messages.push(String(e));
    }
  };
  visit(err, 0);
  return { codes, messages };
}

/** Classifies an error raised while connecting, sending or reading a reply (cancel and timeout are told apart before). */
export function classifyNetworkError(err: unknown, where: string, secrets: readonly string[]): TargetError {
  const { codes, messages } = errorChain(err);
  const text = messages.join(' / ');
  const has = (...wanted: string[]): boolean => codes.some((c) => wanted.includes(c));
  // Requests refused before they are sent are mistakes in the profile.
  if (/Invalid URL|includes credentials|invalid header|Invalid character in header|must be a valid HTTP token/i.test(text)) {
    return { kind: 'config', message: `cannot send the request to ${where}: ${maskSecrets(text, secrets).slice(0, 200)}` };
  }
  if (has('ECONNREFUSED')) return { kind: 'connection_refused', message: `connection refused by ${where}` };
  if (
    has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED') ||
    /socket hang up|other side closed|ECONNRESET|terminated/i.test(text)
  ) {
    return { kind: 'connection_reset', message: `connection to ${where} was reset before the reply was complete` };
  }
  if (has('ENOTFOUND', 'EAI_AGAIN'))
    return { kind: 'connection_error', message: `host of ${where} not found (${codes[codes.length - 1]})` };
  if (has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return { kind: 'timeout', message: `${where} did not answer in time (${codes.find((c) => c.includes('TIMEOUT')) ?? 'timeout'})` };
  }
  const detail = maskSecrets(text || 'unknown error', secrets).slice(0, 300);
  return {
    kind: 'connection_error',
    message: `request to ${where} failed: ${detail}${codes.length ? ` (${codes[codes.length - 1]})` : ''}`,
  };
}

/** A short, secret-free description of where a request went: origin and path, never userinfo or query. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
