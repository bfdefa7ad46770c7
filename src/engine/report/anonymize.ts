import type { CaseResult, LogEntry, RunResult, SuiteSummary } from '../model/runTypes';
import type { RunProfile } from '../model/profileTypes';
import { isSecretField } from '../secrets/keyShapes';
import { maskSecrets, maskText } from '../secrets/textMasks';
import { targetHosts } from './targetAddress';

const MASKED = '****';

/**
 * Applies `mask` to every string inside a JSON-like value (arrays and plain
 * objects, deeply); a string under a credential-like key is replaced outright.
 * Other values are kept.
 */
export function mapStrings<T>(value: T, mask: (text: string) => string): T {
  return walk(value, mask, false) as T;
}

function walk(value: unknown, mask: (text: string) => string, secretKey: boolean): unknown {
  if (typeof value === 'string') {
    const masked = mask(value);
    // When the mask already found the secret it keeps its hint ("Bearer ****").
    return secretKey && masked === value && value.length > 0 ? MASKED : masked;
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, mask, secretKey));
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, mask, isSecretField(k));
    return out;
  }
  return value;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

type Mask = (text: string) => string;

function anonymizeCase(c: CaseResult, mask: Mask): CaseResult {
  return {
    ...c,
    input: mask(c.input),
    expected: c.expected === null ? null : mask(c.expected),
    output: c.output === null ? null : mask(c.output),
    contexts: c.contexts.map(mask),
    error: c.error === null ? null : mask(c.error),
    ...(c.details ? { details: mapStrings(c.details, mask) } : {}),
  };
}

function anonymizeSummary(s: SuiteSummary, mask: Mask): SuiteSummary {
  return {
    ...s,
    metrics: s.metrics.map((m) => (m.reason === undefined ? m : { ...m, reason: mask(m.reason) })),
    notes: s.notes.map(mask),
    ...(s.details ? { details: mapStrings(s.details, mask) } : {}),
  };
}

function mapLogs(logs: readonly LogEntry[], mask: (text: string) => string): LogEntry[] {
  return logs.map((l) => ({ ...l, message: mask(l.message) }));
}

/**
 * Removes credentials from the parts of a result that describe the run (target,
 * profile, logs, run error). Always applied to reports, anonymized or not: a
 * literal token in an HTTP header template must not land in a report. PII is
 * left alone here so the target's address (an IPv4) stays readable.
 */
export function redactSecrets(result: RunResult): RunResult {
  return {
    ...result,
    run: {
      ...result.run,
      target: mapStrings(result.run.target, maskSecrets),
      options: mapStrings(result.run.options, maskSecrets),
      ...(result.run.error !== undefined ? { error: maskSecrets(result.run.error) } : {}),
    },
    inputs: mapStrings<RunProfile>(result.inputs, maskSecrets),
    logs: mapLogs(result.logs, maskSecrets),
  };
}

// Masks PII and secrets, keeping the IPv4 address of the run's own target readable.
function targetMask(target: RunResult['run']['target']): Mask {
  const keep = new Set(targetHosts(target));
  return (text) => maskText(text, keep);
}

/** anonymizeResult's masking of one case, for cases streamed apart from their result (a run's case spill). */
export function caseAnonymizer(target: RunResult['run']['target']): (c: CaseResult) => CaseResult {
  const mask = targetMask(target);
  return (c) => anonymizeCase(c, mask);
}

/**
 * Masks PII and secrets in everything a run recorded from the target and the
 * datasets: case input, expected, output, contexts, error and details; suite
 * notes, reasons and details; logs and the run error. The IPv4 address of the
 * user's own configured target stays readable ("connection refused by
 * http://127.0.0.1:8771/ask"); every other address is masked. Pure: returns a new result.
 */
export function anonymizeResult(result: RunResult): RunResult {
  const mask = targetMask(result.run.target);
  const suites: RunResult['summary']['suites'] = {};
  for (const [name, summary] of Object.entries(result.summary.suites)) {
    if (summary) suites[name as keyof typeof suites] = anonymizeSummary(summary, mask);
  }
  const redacted = redactSecrets(result);
  return {
    ...redacted,
    run: { ...redacted.run, ...(redacted.run.error !== undefined ? { error: mask(redacted.run.error) } : {}) },
    summary: { overall: result.summary.overall, suites },
    cases: result.cases.map((c) => anonymizeCase(c, mask)),
    logs: mapLogs(result.logs, mask),
  };
}
