// Answers → run profile. When a profile is being edited, everything the wizard
// does not manage (judge, report, shard, system prompt, red-team options…) is
// kept from it; what the wizard manages is set or removed from the answers.
import type { RunProfile, SuiteOptions, Target } from '../model/profileTypes';
import { DATA_KINDS } from '../model/dataKinds';
import { VOLUME_PRESETS } from '../config/resolve';
import type { SuiteName } from '../model/suiteNames';
import type { WizardAnswers } from './answers';
import { RECOMMENDED_SUITES } from './answers';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Sets a key, or deletes it when the value is undefined. */
function put(o: Obj, key: string, value: unknown): void {
  if (value === undefined) delete o[key];
  else o[key] = value;
}

/** Removes empty objects left behind (an `auth: {}` after its key was removed). */
function pruneEmpty(o: Obj, key: string): void {
  if (isObj(o[key]) && Object.keys(o[key] as Obj).length === 0) delete o[key];
}

function buildTarget(a: WizardAnswers, base: Obj): Target {
  const t: Obj = { ...base, mode: a.mode ?? 'builtin' };
  const api = t.mode === 'api';
  const mcp = t.mode === 'mcp';
  put(t, 'base_url', api ? a.baseUrl : undefined);
  put(t, 'protocol', api ? (a.protocol ?? 'aiqk') : undefined);
  put(t, 'provider', api && (a.protocol ?? 'aiqk') === 'aiqk' ? a.provider : undefined);
  put(t, 'model', api && a.protocol !== 'http' ? a.model : undefined);
  if (!api) delete t.system_prompt;
  if (api && a.protocol === 'http' && a.http) {
    const h: Obj = { ...(isObj(base.http) ? base.http : {}) };
    h.method = a.http.method;
    h.path = a.http.path;
    h.body = a.http.body;
    h.answer_path = a.http.answerPath;
    put(h, 'contexts_path', a.http.contextsPath);
    t.http = h;
  } else {
    delete t.http;
  }
  if (mcp) {
    const m: Obj = { ...(isObj(base.mcp) ? base.mcp : {}) };
    put(m, 'command', a.mcp?.url ? undefined : a.mcp?.command);
    put(m, 'args', a.mcp?.url || !a.mcp?.args?.length ? undefined : a.mcp.args);
    put(m, 'url', a.mcp?.url);
    m.tool = a.mcpTool?.tool ?? 'ask';
    put(m, 'arguments', a.mcpTool?.arguments);
    put(m, 'answer_path', a.mcpTool?.answerPath ?? (isObj(base.mcp) && !a.mcpTool ? base.mcp.answer_path : undefined));
    if (a.mcp?.url) delete m.env;
    t.mcp = m;
  } else {
    delete t.mcp;
  }
  const usesAuth = api || (mcp && !!a.mcp?.url);
  const auth: Obj = { ...(isObj(base.auth) ? base.auth : {}) };
  put(auth, 'bearer_env', usesAuth ? a.authEnv : undefined);
  if (!auth.bearer_env) delete auth.header;
  t.auth = auth;
  pruneEmpty(t, 'auth');
  return t as unknown as Target;
}

function buildSuiteOptions(a: WizardAnswers, suites: readonly SuiteName[], base: Obj): Obj {
  const o: Obj = { ...base };
  const set = (key: keyof SuiteOptions, on: boolean, value: Obj | undefined) => {
    if (!on) {
      delete o[key];
      return;
    }
    const merged: Obj = { ...(isObj(o[key]) ? (o[key] as Obj) : {}), ...(value ?? {}) };
    // Keys the wizard manages and the answer left out are removed.
    for (const k of Object.keys(merged)) if (value && !(k in value) && MANAGED_OPTION_KEYS[key]?.includes(k)) delete merged[k];
    put(o, key, Object.keys(merged).length ? merged : undefined);
  };
  set('resilience', suites.includes('resilience'), a.resilience as Obj | undefined);
  set('compliance_smoke', suites.includes('compliance_smoke'), a.compliance as Obj | undefined);
  const bias: Obj | undefined = a.bias ? { ...(a.bias.parityMetric ? { parity_metric: a.bias.parityMetric } : {}) } : undefined;
  set('bias_smoke', suites.includes('bias_smoke'), bias);
  return o;
}

const MANAGED_OPTION_KEYS: Partial<Record<keyof SuiteOptions, string[]>> = {
  resilience: ['scenarios', 'timeouts_ms', 'burst_concurrency', 'retries', 'circuit'],
  compliance_smoke: ['protected_routes'],
  bias_smoke: ['parity_metric'],
};

/**
 * Builds the run profile the answers describe. `base` is the profile being
 * edited (any parsed value): its keys the wizard does not manage are kept.
 */
export function buildProfile(a: WizardAnswers, base?: unknown): RunProfile {
  const p: Obj = isObj(base) ? clone(base) : {};
  p.version = 1;
  p.target = buildTarget(a, isObj(p.target) ? p.target : {});
  const suites = a.suites?.length ? [...a.suites] : [...RECOMMENDED_SUITES];
  p.suites = suites;

  const data: Obj = { ...(isObj(p.data) ? p.data : {}) };
  for (const k of DATA_KINDS) put(data, k, a.data?.[k]);
  if (suites.includes('bias_smoke') && a.bias?.groups && !a.data?.bias_groups) data.bias_groups = a.bias.groups;
  p.data = data;
  pruneEmpty(p, 'data');
  // An edited profile only gets these keys when they say something its defaults do not.
  const edited = isObj(base);
  if (!edited || 'use_defaults' in p || !a.useDefaults) p.use_defaults = a.useDefaults;
  if (!edited || 'profile' in p || (a.volumePreset ?? 'smoke') !== 'smoke') p.profile = a.volumePreset ?? 'smoke';

  const volumes: Obj = { ...(isObj(p.volumes) ? p.volumes : {}) };
  const preset = VOLUME_PRESETS[a.volumePreset ?? 'smoke'];
  // A key the answers leave out means "the preset's value": an edited file that spells out
  // that same value keeps its line (answers drop such overrides to keep new profiles short).
  const putVolume = (k: keyof typeof preset, v: number | undefined) =>
    put(volumes, k, v ?? (volumes[k] === preset[k] ? volumes[k] : undefined));
  for (const k of ['qa_sample_size', 'attack_mutators', 'perf_repeats', 'concurrency'] as const) putVolume(k, a.volumes?.[k]);
  putVolume('max_pairs', a.bias?.maxPairs ?? a.volumes?.max_pairs);
  p.volumes = volumes;
  pruneEmpty(p, 'volumes');

  const thresholds: Obj = { ...(isObj(p.thresholds) ? p.thresholds : {}) };
  if (a.thresholds) {
    for (const [k, v] of Object.entries(a.thresholds)) thresholds[k] = v;
  }
  if (a.bias?.parityThreshold !== undefined) thresholds.parity_threshold = a.bias.parityThreshold;
  p.thresholds = thresholds;
  pruneEmpty(p, 'thresholds');

  p.suite_options = buildSuiteOptions(a, suites, isObj(p.suite_options) ? p.suite_options : {});
  pruneEmpty(p, 'suite_options');
  if (!isObj(base)) p.report = { dir: '.aiqk/reports', formats: ['json', 'xlsx'] };
  return order(p) as unknown as RunProfile;
}

/** The run profile's top-level keys in their documented order (new profiles are written in it). */
export const PROFILE_KEY_ORDER: readonly string[] = [
  'version',
  'target',
  'suites',
  'data',
  'use_defaults',
  'profile',
  'volumes',
  'thresholds',
  'suite_options',
  'judge',
  'report',
  'shard',
];

// A new profile reads in the documented order; an edited one keeps its own order (the YAML writer decides).
function order(p: Obj): Obj {
  const out: Obj = {};
  for (const k of PROFILE_KEY_ORDER) if (k in p) out[k] = p[k];
  for (const k of Object.keys(p)) if (!(k in out)) out[k] = p[k];
  return out;
}
