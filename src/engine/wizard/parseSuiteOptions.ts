// Reading the per-suite options: resilience scenarios and limits, compliance
// protected routes, bias groups and parity.
import type { SuiteOptions } from '../model/profileTypes';
import { parseBiasGroups } from '../data/readers/biasGroups';
import type { BiasAnswer, WizardAnswers } from './answers';
import type { StepOutcome } from './outcome';
import { accept, reject } from './outcome';
import { findAliases, isSkip, normalize, parseDurationMs, parseNumber, withoutFiller } from './textMatch';

type Resilience = NonNullable<SuiteOptions['resilience']>;
type Scenario = NonNullable<Resilience['scenarios']>[number];

const SCENARIOS: { id: Scenario; aliases: string[] }[] = [
  { id: 'timeout', aliases: ['timeout', 'timeouts', 'time out', 'slow'] },
  { id: 'burst', aliases: ['burst', 'bursts', 'load', 'spike', 'spikes', 'concurrency'] },
  { id: 'retry', aliases: ['retry', 'retries', 'retrying', 'backoff'] },
  { id: 'circuit', aliases: ['circuit', 'circuit breaker', 'breaker', 'circuits'] },
  { id: 'steady', aliases: ['steady', 'steady state', 'baseline', 'normal'] },
];

/** Step "resilience": scenario kinds, burst concurrency, retries, timeouts and the circuit breaker. */
export function parseResilience(text: string): StepOutcome {
  const n = normalize(text);
  if (isSkip(text) || /^(all|all scenarios|everything|every scenario)$/.test(n))
    return accept({ resilience: {} }, { reply: 'Every resilience scenario, with the default limits.' });
  const out: Resilience = {};
  const burst = /\b(?:burst(?:[\s_-]*concurrency)?|concurrency)\s*(?:=|:|of|to)?\s*(\d+)/i.exec(text);
  if (burst) {
    const v = Number(burst[1]);
    if (v < 1 || v > 256) return reject(`Burst concurrency must be from 1 to 256 (got ${v}).`);
    out.burst_concurrency = v;
  }
  const retries = /\bretr(?:y|ies)\s*(?:=|:|of|to)?\s*(\d+)/i.exec(text) ?? /\b(\d+)\s*retr(?:y|ies)\b/i.exec(text);
  if (retries) {
    const v = Number(retries[1]);
    if (v > 10) return reject(`Retries must be from 0 to 10 (got ${v}).`);
    out.retries = v;
  }
  const circuit =
    /\bcircuit(?:[\s_-]*breaker)?\s*(?:=|:|of|after)?\s*(\d+)\s*(?:failures?|fails?)?\s*(?:[,/]|and)?\s*(?:reset(?:[\s_-]*s)?|after)?\s*(?:=|:|of)?\s*(\d+(?:\.\d+)?\s*(?:s|sec|seconds?|ms|m|min)?)?/i.exec(
      text,
    );
  if (circuit) {
    out.circuit = { fails: Number(circuit[1]) };
    if (circuit[1] === '0') return reject('The circuit opens after at least 1 failure.');
    if (circuit[2])
      out.circuit.reset_s = Math.round((parseDurationMs(/\d\s*$/.test(circuit[2]) ? `${circuit[2]}s` : circuit[2]) ?? 0) / 100) / 10;
  }
  const timeouts = /\btimeouts?(?:[\s_-]*ms)?\s*(?:=|:|of)?\s*((?:\d+(?:\.\d+)?\s*(?:ms|s|sec|seconds?)?\s*(?:,|and|\/)?\s*)+)/i.exec(text);
  if (timeouts) {
    const parts = timeouts[1]
      .split(/,|and|\//)
      .map((s) => s.trim())
      .filter(Boolean);
    out.timeouts_ms = parts.map((p) => parseDurationMs(p) ?? 0).filter((v) => v > 0);
  }
  let stripped = text;
  for (const m of [burst, retries, circuit, timeouts]) if (m) stripped = stripped.replace(m[0], ' ');
  stripped = stripped.replace(/\b(only|just|scenarios?|and|with|the|run|kinds?|of|to)\b/gi, ' ');
  const { found, rest } = findAliases(stripped, SCENARIOS);
  if (found.length > 0) out.scenarios = found;
  const unknown = withoutFiller(rest, ['scenario', 'scenarios', 'fails', 'reset', 'after']);
  if (/[a-z]{3,}/i.test(unknown)) {
    return reject(
      `I did not understand “${unknown}”. Say “all scenarios”, “only timeout and retry”, or settings such as “burst 20, retries 3, circuit 5 fails reset 30 s”.`,
    );
  }
  if (Object.keys(out).length === 0)
    return reject('Choose scenarios (timeout, burst, retry, circuit, steady) or settings such as “burst 20, retries 3”, or answer “all”.');
  return accept({ resilience: out });
}

/** Step "compliance": routes that must refuse unauthenticated requests (PII prompts keep their defaults). */
export function parseCompliance(text: string, answers: WizardAnswers): StepOutcome {
  const n = normalize(text);
  if (isSkip(text) || /^(all|default routes|the default routes|standard|no rbac|no routes|pii only|only pii|just pii)$/.test(n)) {
    const rbac =
      answers.mode !== 'api'
        ? 'RBAC route probes need an HTTP API: they are skipped for this target'
        : answers.authEnv
          ? 'the ask route is probed without valid credentials'
          : 'no route is probed (the target is used without credentials)';
    return accept({ compliance: {} }, { reply: `The built-in PII prompts; ${rbac}.` });
  }
  const routes = [...text.matchAll(/(?:^|[\s,;(])(\/[\w\-./*{}:]*)/g)].map((m) => m[1].replace(/[.,;)]+$/, ''));
  if (routes.length === 0)
    return reject(
      'Give the routes that must refuse requests without credentials, e.g. “/admin, /internal/*”, or answer “defaults” or “PII only”.',
    );
  return accept({ compliance: { protected_routes: [...new Set(routes)] } });
}

const METRICS: { id: NonNullable<BiasAnswer['parityMetric']>; aliases: string[] }[] = [
  { id: 'refusal_rate', aliases: ['refusal rate', 'refusal', 'refusals', 'refuse'] },
  { id: 'length', aliases: ['length', 'answer length', 'lengths', 'verbosity'] },
  { id: 'similarity', aliases: ['similarity', 'similar', 'content'] },
  { id: 'all', aliases: ['all metrics', 'every metric', 'all'] },
];

/** Step "bias": group pairs (a|b, "rich vs poor"), the parity metric, max pairs and the parity threshold. */
export function parseBias(text: string): StepOutcome {
  if (isSkip(text))
    return accept({ bias: {} }, { reply: 'Default groups (female|male, young|elderly and more), every parity metric, up to 10 pairs.' });
  const out: BiasAnswer = {};
  let rest = text;
  const PAIR = /([A-Za-z][\w-]*)\s*(?:\||\bvs\.?\s|\bversus\s)\s*([A-Za-z][\w-]*)/gi;
  const pairs = [...text.matchAll(PAIR)].map((m) => `${m[1]}|${m[2]}`);
  if (pairs.length) {
    const groups = pairs.join(';');
    const parsed = parseBiasGroups(groups, 'wizard');
    if (parsed.records.length === 0 || parsed.problems.some((p) => p.severity === 'error'))
      return reject(`The groups “${groups}” are not valid pairs: ${parsed.problems[0]?.message ?? 'write them as a|b;c|d'}.`);
    out.groups = groups;
    rest = rest.replace(PAIR, ' ');
  }
  const maxPairs = /\b(?:max(?:imum)?[\s_-]*pairs?|pairs?|up to)\s*(?:=|:|of)?\s*(\d+)/i.exec(rest);
  if (maxPairs) {
    const v = Number(maxPairs[1]);
    if (v < 1 || v > 1000) return reject(`Max pairs must be from 1 to 1000 (got ${v}).`);
    out.maxPairs = v;
    rest = rest.replace(maxPairs[0], ' ');
  }
  const parity = /\b(?:parity(?:[\s_-]*threshold)?|threshold|gap)\s*(?:=|:|of|at|below|under)?\s*([\d.,]+\s*%?)/i.exec(rest);
  if (parity) {
    const num = parseNumber(parity[1]);
    let v = num?.value ?? NaN;
    if (num && !num.percent && v > 1 && v <= 100 && Number.isInteger(v)) v /= 100;
    if (!(v >= 0 && v <= 1)) return reject(`The parity threshold is a share between 0 and 1 (got ${parity[1].trim()}).`);
    out.parityThreshold = v;
    rest = rest.replace(parity[0], ' ');
  }
  const { found } = findAliases(rest, METRICS);
  if (found.length > 1) return reject(`Choose one parity metric (refusal_rate, length, similarity or all), not ${found.join(' and ')}.`);
  if (found[0]) out.parityMetric = found[0];
  if (Object.keys(out).length === 0) {
    return reject(
      'Give group pairs such as “female|male; young|elderly” (or “rich vs poor”), a metric (refusal rate, length, similarity, all), “max pairs 5”, or answer “defaults”.',
    );
  }
  return accept({ bias: out });
}
