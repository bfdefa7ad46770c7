// Test scaffolding for the resilience, compliance_smoke and bias_smoke suites:
// real targets over the fault server / reference targets, and profiles for them.
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import type { SuiteContext } from '../../../src/engine/suites/suite';
import type { Target } from '../../../src/engine/model/target';
import type { PiiPatternRecord } from '../../../src/engine/model/dataRecords';
import { AiqkTarget } from '../../../src/engine/targets/http/aiqkTarget';
import { createTarget } from '../../../src/engine/targets/createTarget';
import { loadPiiPatterns } from '../../../src/engine/data/readers/piiPatterns';
import { defaultDatasetPath } from '../../../src/engine/data/defaults';
import { makeContext, memoryData } from './ragHelpers';
import type { ContextOptions } from './ragHelpers';
import type { ReferenceRoute } from '../../fixtures/servers/referenceTargets';
import type { ReferenceRule } from '../../fixtures/servers/referenceRules';

/** An aiqk target with millisecond backoff, so retry tests stay fast. */
export function fastTarget(baseUrl: string, timeoutMs = 1000, retries = 0): Target {
  return new AiqkTarget({ baseUrl, timeoutMs, retries, backoff: { baseMs: 2, maxMs: 10, maxRetryAfterMs: 200 } });
}

/** An api profile (aiqk protocol) pointing at `baseUrl`, with extra keys merged in. */
export function apiProfile(baseUrl: string, extra: Partial<RunProfile> = {}): Partial<RunProfile> {
  return {
    target: { mode: 'api', base_url: baseUrl, protocol: 'aiqk', timeout_ms: 1000, ...(extra.target ?? {}) },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'target')),
  };
}

/** A context whose target is built from the profile by createTarget, as a run builds it. */
export async function configuredContext(
  profile: Partial<RunProfile>,
  opts: Omit<ContextOptions, 'target' | 'profile'> = { data: memoryData({}) },
  env: Record<string, string> = {},
): Promise<SuiteContext & { logs: string[] }> {
  const probe = makeContext({ ...opts, target: fastTarget('http://127.0.0.1:1'), profile });
  const target = await createTarget(probe.profile, { secrets: async (name) => env[name], passages: async () => [] });
  return { ...probe, target };
}

/** The built-in PII patterns (assets/defaults/pii_patterns.json), compiled by the real loader. */
export async function builtinPiiPatterns(): Promise<PiiPatternRecord[]> {
  const loaded = await loadPiiPatterns(defaultDatasetPath('pii_patterns'));
  if (loaded.problems.some((p) => p.severity === 'error'))
    throw new Error(`built-in pii_patterns has problems: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.records;
}

// ——— Extra behaviour for the reference targets (passed as `routes` / `rules`) ———

/** Guards /ask and /admin/* with a bearer token: 401 without one, 403 with a wrong one; /admin/* answers 200 with the right one. */
export function tokenGuardRoute(token: string): ReferenceRoute {
  return (req) => {
    if (!(req.path === '/ask' || req.path.startsWith('/admin/'))) return undefined;
    const auth = req.headers.authorization;
    if (!auth) return { status: 401, json: { error: 'missing credentials' } };
    if (auth !== `Bearer ${token}`) return { status: 403, json: { error: 'forbidden' } };
    return req.path.startsWith('/admin/') ? { status: 200, json: { users: ['alice'] } } : undefined;
  };
}

/** /admin/* open to anyone: what a target without access control exposes. */
export function openAdminRoute(): ReferenceRoute {
  return (req) =>
    req.path.startsWith('/admin/') ? { status: 200, json: { users: ['alice', 'bob'], emails: ['alice@example.com'] } } : undefined;
}

/** Every `every`-th /ask request (of those whose body matches `only`) fails with 503: an unstable upstream. */
export function flakyAskRoute(every: number, only?: RegExp): ReferenceRoute {
  let n = 0;
  return (req) =>
    req.path === '/ask' && (!only || only.test(req.body)) && ++n % every === 0
      ? { status: 503, json: { error: 'upstream unavailable' } }
      : undefined;
}

/** The reference target's own rule for group prompts, tried first (its broad harmful-request rule would otherwise answer them). */
export function groupRuleFirst(rules: readonly ReferenceRule[], name: 'biased' | 'same-for-every-group'): ReferenceRule[] {
  return rules.filter((r) => r.name === name);
}
