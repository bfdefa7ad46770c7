// How many cases a profile will run, from the suites' own planners over the
// real data (the profile's files or the built-in datasets): nothing is sent.
import type { RunProfile } from '../model/profileTypes';
import { resolveProfile } from '../config/resolve';
import { createSuiteData } from '../run/suiteData';
import { inShard } from '../prepare/shard';
import type { SuiteName } from '../model/suiteNames';
import type { PlannedCase } from '../model/runTypes';
import { suiteDefinition } from '../suites/registry';
import type { SuiteContext } from '../suites/suite';
import { prepareSuite } from '../suites/suite';
import type { AskResult, Target } from '../model/target';

/** The estimated size of a run. */
export interface CaseEstimate {
  total: number;
  perSuite: Partial<Record<SuiteName, number>>;
  /** Why a suite could not be planned (missing data, unreadable file). */
  notes: string[];
}

// Planning looks at what kind of target it is (conversational, HTTP routes), never calls it.
function planningTarget(profile: RunProfile): Target {
  const t = profile.target;
  const http = t.mode === 'api' && t.base_url ? { baseUrl: t.base_url, request: async () => ({ status: 0, body: '' }) } : undefined;
  return {
    description: `${t.mode} (planning only)`,
    conversational: t.mode === 'api' && t.protocol === 'openai',
    ask: async (): Promise<AskResult> => ({ ok: false, error: { kind: 'config', message: 'planning only' }, latencyMs: 0, meta: {} }),
    ...(http ? { http } : {}),
    close: async () => undefined,
  };
}

/**
 * Plans every suite of a (schema-valid) profile written at `file` and counts the
 * cases, as the run will (shard included). Never rejects: a suite that cannot be
 * planned counts 0 with a note.
 */
export async function estimateCases(
  profile: RunProfile,
  file: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<CaseEstimate> {
  const resolved = resolveProfile(profile, file);
  const notes: string[] = [];
  const data = createSuiteData(
    resolved,
    (level, message) => {
      if (level === 'error') notes.push(message);
    },
    signal,
  );
  const target = planningTarget(profile);
  const perSuite: Partial<Record<SuiteName, number>> = {};
  let total = 0;
  for (const suite of resolved.suites) {
    const def = suiteDefinition(suite);
    if (!def) {
      notes.push(`${suite} is not available`);
      continue;
    }
    const ctx: SuiteContext = { runId: 'estimate', profile: resolved, target, data, signal, log: () => undefined };
    try {
      const planned = await def.plan(ctx, await prepareSuite(def, ctx));
      // shard: auto is only known inside the CI job: the estimate counts the whole run.
      const shard = typeof resolved.shard === 'object' ? resolved.shard : undefined;
      let n = planned.length;
      if (shard) {
        n = 0;
        for (let i = 0; i < planned.length; i++) if (inShard((planned.at(i) as PlannedCase).id, shard)) n++;
      }
      perSuite[suite] = n;
      total += n;
    } catch (err) {
      perSuite[suite] = 0;
      notes.push(`${suite}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { total, perSuite, notes };
}
