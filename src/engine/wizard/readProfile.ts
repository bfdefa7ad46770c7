// Run profile → answers, so the wizard can edit an existing profile step by
// step. Works on any parsed value: fields of the wrong type are left unanswered.
import { isInlineBiasGroups } from '../config/resolve';
import type { DataKind } from '../model/dataKinds';
import { DATA_KINDS } from '../model/dataKinds';
import type { SuiteName } from '../model/suiteNames';
import { isSuiteName } from '../model/suiteNames';
import type { BiasAnswer, HttpTemplateAnswer, TargetMode, TargetProtocol, VolumePreset, WizardAnswers } from './answers';
import { emptyAnswers } from './answers';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

function readTarget(t: Obj, a: WizardAnswers): void {
  const mode = str(t.mode);
  if (mode === 'builtin' || mode === 'api' || mode === 'mcp') a.mode = mode as TargetMode;
  if (a.mode === 'api') {
    a.baseUrl = str(t.base_url);
    const protocol = str(t.protocol) ?? 'aiqk';
    if (['aiqk', 'openai', 'http'].includes(protocol)) a.protocol = protocol as TargetProtocol;
    a.provider = str(t.provider);
    a.model = str(t.model);
    const h = obj(t.http);
    if (h && str(h.body) && str(h.answer_path)) {
      const method = str(h.method) ?? 'POST';
      a.http = {
        method: (['POST', 'PUT', 'GET'].includes(method) ? method : 'POST') as HttpTemplateAnswer['method'],
        path: str(h.path) ?? '/',
        body: h.body as string,
        answerPath: h.answer_path as string,
        ...(str(h.contexts_path) ? { contextsPath: h.contexts_path as string } : {}),
      };
    }
  }
  if (a.mode === 'mcp') {
    const m = obj(t.mcp);
    if (m) {
      if (str(m.url)) a.mcp = { url: m.url as string };
      else if (str(m.command)) a.mcp = { command: m.command as string, ...(strings(m.args)?.length ? { args: strings(m.args) } : {}) };
      if (str(m.tool))
        a.mcpTool = {
          tool: m.tool as string,
          ...(obj(m.arguments) ? { arguments: obj(m.arguments) } : {}),
          ...(str(m.answer_path) ? { answerPath: m.answer_path as string } : {}),
        };
    }
  }
  a.authEnv = str(obj(t.auth)?.bearer_env);
  for (const k of Object.keys(a) as (keyof WizardAnswers)[]) if (a[k] === undefined) delete a[k];
}

/** The answers a profile corresponds to (the wizard's view of it). */
export function answersFromProfile(value: unknown, fileName: string): WizardAnswers {
  const a: WizardAnswers = { ...emptyAnswers(), fileName };
  const p = obj(value);
  if (!p) return a;
  const t = obj(p.target);
  if (t) readTarget(t, a);
  const suites = Array.isArray(p.suites) ? p.suites.filter((s): s is SuiteName => typeof s === 'string' && isSuiteName(s)) : [];
  if (suites.length) a.suites = [...new Set(suites)];
  const data = obj(p.data);
  const files: Partial<Record<DataKind, string>> = {};
  const bias: BiasAnswer = {};
  for (const k of DATA_KINDS) {
    const v = str(data?.[k]);
    if (!v) continue;
    if (k === 'bias_groups' && isInlineBiasGroups(v)) bias.groups = v;
    else files[k] = v;
  }
  if (Object.keys(files).length) a.data = files;
  a.useDefaults = p.use_defaults !== false;
  const preset = str(p.profile);
  if (preset === 'smoke' || preset === 'full' || preset === 'red_team_heavy') a.volumePreset = preset as VolumePreset;
  const v = obj(p.volumes);
  if (v) {
    const vols: NonNullable<WizardAnswers['volumes']> = {};
    for (const k of ['qa_sample_size', 'attack_mutators', 'perf_repeats', 'concurrency'] as const)
      if (num(v[k]) !== undefined) vols[k] = v[k] as number;
    if (Object.keys(vols).length) a.volumes = vols;
    if (num(v.max_pairs) !== undefined) bias.maxPairs = v.max_pairs as number;
  }
  const th = obj(p.thresholds);
  if (th) {
    const out: Record<string, number> = {};
    for (const [k, val] of Object.entries(th)) if (num(val) !== undefined && k !== 'parity_threshold') out[k] = val as number;
    if (Object.keys(out).length) a.thresholds = out;
    if (num(th.parity_threshold) !== undefined) bias.parityThreshold = th.parity_threshold as number;
  }
  const so = obj(p.suite_options);
  const res = obj(so?.resilience);
  if (res) a.resilience = res as NonNullable<WizardAnswers['resilience']>;
  const comp = obj(so?.compliance_smoke);
  if (comp) a.compliance = comp as NonNullable<WizardAnswers['compliance']>;
  const metric = str(obj(so?.bias_smoke)?.parity_metric);
  if (metric === 'refusal_rate' || metric === 'length' || metric === 'similarity' || metric === 'all') bias.parityMetric = metric;
  if (Object.keys(bias).length) a.bias = bias;
  return a;
}
