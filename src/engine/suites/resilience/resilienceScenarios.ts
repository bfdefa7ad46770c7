import type { ResolvedProfile } from '../../config/resolve';

/** The kinds of resilience scenario (suite_options.resilience.scenarios). */
export const SCENARIO_KINDS = ['steady', 'timeout', 'burst', 'retry', 'circuit'] as const;

/** One kind of resilience scenario. */
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/** One scenario: a planned case of several calls against the configured target. */
export interface ResilienceScenario {
  /** Unique within the run; the case id is `resilience:<id>`. */
  id: string;
  kind: ScenarioKind;
  /** One line for people: what the scenario does. */
  title: string;
  calls: number;
  concurrency: number;
  timeoutMs: number;
  /** Retries per call (0 = a single attempt, the raw behaviour of the target). */
  retries: number;
  circuit: { fails: number; resetMs: number };
  /** Circuit scenario: once the circuit has opened, wait for the reset time and make one trial call. */
  probeAfterOpen: boolean;
}

/** The resilience settings after defaults (smoke-sized: a few dozen calls in all). */
export interface ResilienceSettings {
  kinds: ScenarioKind[];
  timeoutsMs: number[];
  burstConcurrency: number;
  retries: number;
  circuit: { fails: number; resetMs: number };
}

/** Defaults of suite_options.resilience, documented in the README. */
export const RESILIENCE_DEFAULTS = {
  timeoutsMs: [5000, 15000],
  burstConcurrency: 8,
  retries: 2,
  circuit: { fails: 3, reset_s: 5 },
  steadyCalls: 3,
  callsPerTimeout: 2,
  retryCalls: 3,
} as const;

/** The longest wait for a circuit's reset inside one scenario, so a huge reset_s cannot stall a run. */
export const MAX_RESET_WAIT_MS = 60000;

/** Resolves suite_options.resilience against its defaults and the profile's timeout. */
export function resilienceSettings(profile: ResolvedProfile): ResilienceSettings {
  const opts = profile.raw.suite_options?.resilience ?? {};
  const kinds =
    opts.scenarios && opts.scenarios.length > 0 ? SCENARIO_KINDS.filter((k) => opts.scenarios?.includes(k)) : [...SCENARIO_KINDS];
  // Budgets above the profile's own timeout are kept: the user asked for them explicitly.
  const explicit = opts.timeouts_ms && opts.timeouts_ms.length > 0;
  const budgets = explicit
    ? [...(opts.timeouts_ms ?? [])]
    : [...RESILIENCE_DEFAULTS.timeoutsMs.filter((t) => t < profile.timeoutMs), profile.timeoutMs];
  const timeoutsMs = [...new Set(budgets.filter((t) => Number.isFinite(t) && t > 0).map((t) => Math.round(t)))].sort((a, b) => a - b);
  return {
    kinds,
    timeoutsMs,
    burstConcurrency: Math.max(1, Math.round(opts.burst_concurrency ?? RESILIENCE_DEFAULTS.burstConcurrency)),
    retries: Math.max(0, Math.round(opts.retries ?? RESILIENCE_DEFAULTS.retries)),
    circuit: {
      fails: Math.max(1, Math.round(opts.circuit?.fails ?? RESILIENCE_DEFAULTS.circuit.fails)),
      resetMs: Math.max(0, Math.round((opts.circuit?.reset_s ?? RESILIENCE_DEFAULTS.circuit.reset_s) * 1000)),
    },
  };
}

/**
 * The scenario catalogue of a run. Every scenario calls the configured target
 * (never a fixed address) through its own circuit breaker, so one scenario's
 * failures do not turn the next scenario's calls into circuit_open.
 */
export function buildScenarios(profile: ResolvedProfile): ResilienceScenario[] {
  const s = resilienceSettings(profile);
  const base = { timeoutMs: profile.timeoutMs, retries: 0, circuit: s.circuit, probeAfterOpen: false };
  const out: ResilienceScenario[] = [];
  for (const kind of s.kinds) {
    switch (kind) {
      case 'steady':
        out.push({
          ...base,
          id: 'steady',
          kind,
          title: `${RESILIENCE_DEFAULTS.steadyCalls} sequential calls, one attempt each`,
          calls: RESILIENCE_DEFAULTS.steadyCalls,
          concurrency: 1,
        });
        break;
      case 'timeout':
        for (const t of s.timeoutsMs) {
          out.push({
            ...base,
            id: `timeout_${t}ms`,
            kind,
            title: `${RESILIENCE_DEFAULTS.callsPerTimeout} calls with a ${t} ms budget`,
            calls: RESILIENCE_DEFAULTS.callsPerTimeout,
            concurrency: 1,
            timeoutMs: t,
          });
        }
        break;
      case 'burst':
        out.push({
          ...base,
          id: `burst_x${s.burstConcurrency}`,
          kind,
          title: `${s.burstConcurrency} calls at once`,
          calls: s.burstConcurrency,
          concurrency: s.burstConcurrency,
        });
        break;
      case 'retry':
        out.push({
          ...base,
          id: `retry_x${s.retries}`,
          kind,
          title: `${RESILIENCE_DEFAULTS.retryCalls} calls with up to ${s.retries} retries (backoff; Retry-After honoured)`,
          calls: RESILIENCE_DEFAULTS.retryCalls,
          concurrency: 1,
          retries: s.retries,
        });
        break;
      case 'circuit':
        out.push({
          ...base,
          id: `circuit_${s.circuit.fails}f_${s.circuit.resetMs}ms`,
          kind,
          title: `${s.circuit.fails + 2} sequential calls through a breaker opening after ${s.circuit.fails} failures; a trial call after ${s.circuit.resetMs} ms if it opened`,
          calls: s.circuit.fails + 2,
          concurrency: 1,
          probeAfterOpen: true,
        });
        break;
    }
  }
  return out;
}
