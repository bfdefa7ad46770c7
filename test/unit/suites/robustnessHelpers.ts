// Test scaffolding for the resilience, compliance_smoke and bias_smoke suites:
// real targets over the fault server / reference targets, and profiles for them.
import type { RunProfile } from '../../../src/engine/config/profileTypes';
import type { SuiteContext } from '../../../src/engine/suites/suite';
import type { Target } from '../../../src/engine/targets/target';
import type { PiiPatternRecord } from '../../../src/engine/suites/dataRecords';
import { AiqkTarget } from '../../../src/engine/targets/aiqkTarget';
import { createTarget } from '../../../src/engine/targets/createTarget';
import { loadPiiPatterns } from '../../../src/engine/data/piiPatterns';
import { defaultDatasetPath } from '../../../src/engine/data/defaults';
import { makeContext, memoryData } from './ragHelpers';
import type { ContextOptions } from './ragHelpers';

/** An aiqk target with millisecond backoff, so retry tests stay fast. */
export function fastTarget(baseUrl: string, timeoutMs = 1000, retries = 0): Target {
  return new AiqkTarget({ baseUrl, timeoutMs, retries, backoff: { baseMs: 2, maxMs: 10, maxRetryAfterMs: 200 } });
}

/** An api profile (aiqk protocol) pointing at `baseUrl`, with extra keys merged in. */
export function apiProfile(baseUrl: string, extra: Partial<RunProfile> = {}): Partial<RunProfile> {
  return { target: { mode: 'api', base_url: baseUrl, protocol: 'aiqk', timeout_ms: 1000, ...(extra.target ?? {}) }, ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'target')) };
}

/** A context whose target is built from the profile by createTarget, as a run builds it. */
export async function configuredContext(profile: Partial<RunProfile>, opts: Omit<ContextOptions, 'target' | 'profile'> = { data: memoryData({}) }, env: Record<string, string> = {}): Promise<SuiteContext & { logs: string[] }> {
  const probe = makeContext({ ...opts, target: fastTarget('http://127.0.0.1:1'), profile });
  const target = await createTarget(probe.profile, { secrets: async (name) => env[name], passages: async () => [] });
  return { ...probe, target };
}

/** The built-in PII patterns (assets/defaults/pii_patterns.json), compiled by the real loader. */
export async function builtinPiiPatterns(): Promise<PiiPatternRecord[]> {
  const loaded = await loadPiiPatterns(defaultDatasetPath('pii_patterns'));
  if (loaded.problems.some((p) => p.severity === 'error')) throw new Error(`built-in pii_patterns has problems: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.records;
}
