// Helpers of the MCP target that do not hold connection state: argument
// templating, choosing default arguments from a tool's input schema, reading a
// tool result, and classifying what the SDK throws.

import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { TargetError } from '../../model/target';
import { errorChain } from '../http/httpErrors';
import { fillTemplate } from '../http/httpTarget';
import { maskSecrets } from '../../secrets/redact';
import { MessageTooLargeError } from './stdioTransport';

/** Copies tool arguments with `{{question}}` replaced in every string value, at any depth. */
export function substituteArguments(value: unknown, question: string): unknown {
  if (typeof value === 'string') return fillTemplate(value, question);
  if (Array.isArray(value)) return value.map((v) => substituteArguments(v, question));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteArguments(v, question);
    return out;
  }
  return value;
}

const QUESTION_NAMES = ['question', 'query', 'prompt', 'input', 'text', 'message', 'q'];

/**
 * Default arguments when the profile gives none: the tool's question-like string
 * parameter (question, query, prompt…) or its only required string parameter.
 */
export function defaultArguments(inputSchema: unknown): Record<string, unknown> | undefined {
  const schema = (inputSchema ?? {}) as { properties?: Record<string, { type?: unknown }>; required?: unknown };
  const props = schema.properties ?? {};
  const isString = (name: string): boolean =>
    props[name] !== undefined && (props[name].type === undefined || props[name].type === 'string');
  const named = QUESTION_NAMES.find(isString);
  if (named) return { [named]: '{{question}}' };
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const strings = required.filter(isString);
  if (strings.length === 1 && required.length === 1) return { [strings[0]]: '{{question}}' };
  return undefined;
}

/** The text parts of a tool result's content, joined (for isError messages). */
export function resultText(result: { content?: unknown }): string {
  const parts = Array.isArray(result.content) ? result.content : [];
  return parts
    .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
    .filter(Boolean)
    .join('\n');
}

/** Keeps the last few KB of a child's stderr, to explain why it died. */
export class OutputTail {
  private text = '';
  constructor(private readonly max = 2000) {}
  /** Appends output. */
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.max);
  }
  /** The tail, trimmed; '' when the child wrote nothing. */
  toString(): string {
    return this.text.trim();
  }
}

/** Context for classifying a failure. */
export interface McpFailureContext {
  signal: AbortSignal;
  timeoutMs: number;
  stderr: string;
  secrets: readonly string[];
  /** What was being done, for the message: "starting the MCP server", "calling tool 'ask'". */
  doing: string;
  /** Why the transport closed itself, when it did (a message too large). */
  failure?: Error;
}

/** Classifies an error from connecting to an MCP server or calling a tool. */
export function classifyMcpError(err: unknown, ctx: McpFailureContext): TargetError {
  if (ctx.signal.aborted) return { kind: 'aborted', message: 'cancelled' };
  const mask = (s: string): string => maskSecrets(s, ctx.secrets);
  const tail = ctx.stderr ? `; server stderr: ${mask(ctx.stderr).slice(-400)}` : '';
  if (err instanceof ConfigProblem) return { kind: 'config', message: mask(err.message) };
  if (ctx.failure instanceof MessageTooLargeError)
    return { kind: 'unparseable', message: `message too large while ${ctx.doing} (limit ${ctx.failure.limit} bytes)` };
  if (err instanceof McpError) {
    if (err.code === ErrorCode.RequestTimeout)
      return { kind: 'timeout', message: `no reply within ${ctx.timeoutMs} ms while ${ctx.doing}` };
    if (err.code === ErrorCode.ConnectionClosed)
      return { kind: 'connection_reset', message: `the MCP server closed the connection while ${ctx.doing}${tail}` };
    return { kind: 'protocol', message: `MCP error ${err.code} while ${ctx.doing}: ${mask(err.message).slice(0, 300)}` };
  }
  const { codes, messages } = errorChain(err);
  const text = mask(messages.join(' / ')).slice(0, 300);
  if (codes.includes('ENOENT') || codes.includes('EACCES'))
    return { kind: 'config', message: `could not start the MCP server (${codes.find((c) => c === 'ENOENT' || c === 'EACCES')}): ${text}` };
  if (codes.includes('ECONNREFUSED')) return { kind: 'connection_refused', message: `connection refused while ${ctx.doing}` };
  if (codes.includes('ECONNRESET') || /other side closed|socket hang up/i.test(text))
    return { kind: 'connection_reset', message: `connection reset while ${ctx.doing}` };
  if (/HTTP 40[13]|unauthori[sz]ed/i.test(text))
    return { kind: 'http_status', message: `the MCP server refused our credentials while ${ctx.doing}: ${text}` };
  return { kind: 'connection_error', message: `failed while ${ctx.doing}: ${text || 'unknown error'}${tail}` };
}

/** A mistake in the profile found when talking to the server (unknown tool, no arguments). */
export class ConfigProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigProblem';
  }
}

/** Resolves with the promise, or rejects as soon as the signal aborts (the promise keeps running). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
