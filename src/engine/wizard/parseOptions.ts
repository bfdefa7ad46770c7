// Reading thresholds ("faithfulness 0.85, recall 80%", "p95 under 3 s") and
// volumes ("full", "smoke with concurrency 8", "qa 10 mutators 2").
import type { Volumes } from '../model/profileTypes';
import { VOLUME_PRESETS } from '../config/resolve';
import type { ThresholdSpec } from '../metrics/thresholds';
import { THRESHOLDS } from '../metrics/thresholds';
import type { SuiteName } from '../model/suiteNames';
import type { VolumePreset, WizardAnswers } from './answers';
import { VOLUME_INFO } from './catalog';
import type { StepOutcome } from './outcome';
import { accept, reject } from './outcome';
import { escapeRegExp, findAliases, isSkip, normalize, parseDurationMs, parseNumber, withoutFiller } from './textMatch';

/** Words people use for each threshold key (besides the key itself). */
const THRESHOLD_WORDS: Record<string, string[]> = {
  faithfulness_min: ['faithfulness', 'faithful', 'grounding', 'groundedness'],
  context_recall_min: ['context recall', 'recall', 'retrieval recall'],
  answer_relevancy_min: ['answer relevancy', 'relevancy', 'relevance', 'answer relevance'],
  f1_min: ['f1', 'f1 score', 'token f1'],
  rouge_l_min: ['rouge l', 'rouge-l', 'rouge', 'rougel'],
  exact_match_min: ['exact match', 'em'],
  judge_correctness_min: ['judge correctness', 'correctness', 'judge'],
  schema_valid_min: ['schema valid', 'schema', 'schema validity'],
  case_pass_rate_min: ['case pass rate', 'pass rate'],
  attack_success_rate_max: ['attack success rate', 'attack success', 'asr', 'attacks'],
  unsafe_rate_max: ['unsafe rate', 'unsafe'],
  toxicity_max: ['toxicity', 'toxic'],
  p95_ms_max: ['p95', 'p95 latency', 'latency', 'p95 ms'],
  error_rate_max: ['error rate', 'errors'],
  ttft_p95_ms_max: ['ttft', 'time to first token', 'first token'],
  similarity_min: ['similarity', 'baseline similarity'],
  regression_delta_max: ['regression delta', 'delta'],
  regressed_ratio_max: ['regressed ratio', 'regressed'],
  success_rate_min: ['success rate', 'resilience success'],
  pii_hits_max: ['pii hits', 'pii'],
  rbac_violations_max: ['rbac violations', 'rbac'],
  parity_threshold: ['parity threshold', 'parity', 'bias gap', 'gap'],
  bias_fail_ratio_max: ['bias fail ratio', 'fail ratio'],
};

const TABLE = THRESHOLDS.map((t) => ({ id: t.key, aliases: [t.key, t.key.replace(/_(min|max)$/, ''), ...(THRESHOLD_WORDS[t.key] ?? [])] }));

/** The thresholds the wizard writes for the chosen suites when the user takes the defaults. */
export function defaultThresholds(suites: readonly SuiteName[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (suites.includes('rag_quality')) Object.assign(out, { faithfulness_min: 0.8, context_recall_min: 0.8 });
  if (suites.includes('safety')) out.toxicity_max = 0;
  return out;
}

const STRICT: Record<string, number> = {
  faithfulness_min: 0.9,
  context_recall_min: 0.9,
  answer_relevancy_min: 0.6,
  p95_ms_max: 3000,
  success_rate_min: 0.95,
};
const LENIENT: Record<string, number> = {
  faithfulness_min: 0.6,
  context_recall_min: 0.6,
  answer_relevancy_min: 0.4,
  p95_ms_max: 10000,
  success_rate_min: 0.8,
};

function forSuites(values: Record<string, number>, suites: readonly SuiteName[]): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values).filter(([k]) => suites.includes(THRESHOLDS.find((t) => t.key === k)?.suite as SuiteName)),
  );
}

/** Reads one threshold value for a key; an error message when it is out of range. */
function valueFor(spec: ThresholdSpec, segment: string): number | string {
  if (spec.unit === 'ms') {
    const ms = parseDurationMs(segment);
    if (ms === undefined) return `${spec.key} needs a duration, e.g. 3000 ms or 3 s`;
    return ms;
  }
  const num = parseNumber(segment);
  if (!num) return `${spec.key} needs a number`;
  let v = num.value;
  if (spec.unit === 'count') {
    if (!Number.isInteger(v) || v < 0) return `${spec.key} is a count: a whole number of 0 or more (got ${segment.trim()})`;
    return v;
  }
  // "faithfulness 85" means 85 %: ratios are 0–1.
  if (!num.percent && v > 1 && v <= 100 && Number.isInteger(v)) v = v / 100;
  if (v < 0 || v > 1) return `${spec.key} is a share between 0 and 1 (or 0–100 %), not ${segment.trim()}`;
  return Math.round(v * 10000) / 10000;
}

/** Step "thresholds": pass/fail limits, merged over the defaults of the chosen suites. */
export function parseThresholds(text: string, answers: WizardAnswers): StepOutcome {
  const suites = answers.suites ?? [];
  const base = defaultThresholds(suites);
  const n = normalize(text);
  if (isSkip(text) || /^(keep|documented|as is|fine|good)( defaults?)?$/.test(n))
    return accept({ thresholds: base }, { reply: describe(base, 'Using the documented defaults') });
  const word = withoutFiller(n, ['thresholds', 'threshold', 'bars', 'bar', 'ones', 'more', 'quite', 'very', 'something', 'rather']);
  if (/^(strict|stricter|tight|tighter|high|higher|demanding|production|prod)$/.test(word))
    return accept({ thresholds: { ...base, ...forSuites(STRICT, suites) } });
  if (/^(lenient|relaxed|loose|looser|low|lower|easy|gentle|prototype)$/.test(word))
    return accept({ thresholds: { ...base, ...forSuites(LENIENT, suites) } });
  const out: Record<string, number> = { ...(answers.thresholds ?? base) };
  // A comma between digits is a decimal comma ("0,55"), not a separator.
  const segments = text
    .split(/(?<!\d),|,(?!\d)|[;\n]|\band\b/)
    .map((s) => s.trim())
    .filter(Boolean);
  const errors: string[] = [];
  const notes: string[] = [];
  let set = 0;
  for (const segment of segments) {
    const { found } = findAliases(segment.replace(/(?<![A-Za-z\d])\d+(?:[.,]\d+)?\s*(%|ms\b|s\b|sec\b|seconds?\b)?/gi, ' '), TABLE);
    if (found.length === 0) {
      if (/\d/.test(segment)) errors.push(`I do not know which threshold “${segment}” sets`);
      continue;
    }
    if (found.length > 1) {
      errors.push(`“${segment}” names ${found.join(' and ')}: give one value each`);
      continue;
    }
    const spec = THRESHOLDS.find((t) => t.key === found[0]) as ThresholdSpec;
    const afterName = segment.replace(
      new RegExp(
        `^.*?(${TABLE.find((t) => t.id === spec.key)
          ?.aliases.map((a) => escapeRegExp(a).replace(/\\? /g, '[\\s_-]*'))
          .join('|')})`,
        'i',
      ),
      '',
    );
    if (!/\d/.test(afterName || segment)) {
      errors.push(`${spec.key} needs a value`);
      continue;
    }
    const v = valueFor(spec, afterName || segment);
    if (typeof v === 'string') {
      errors.push(v);
      continue;
    }
    out[spec.key] = v;
    set++;
    if (!suites.includes(spec.suite)) notes.push(`${spec.key} applies to ${spec.suite}, which is not selected`);
  }
  if (errors.length) return reject(`${errors.join('; ')}. Example: “faithfulness 0.85, recall 80%, p95 3 s”, or “defaults”.`);
  if (set === 0)
    return reject(
      'Give thresholds as name and value (“faithfulness 0.85, context recall 0.8, p95 3000 ms”), or answer “defaults”, “strict” or “lenient”.',
    );
  return accept({ thresholds: out }, notes.length ? { reply: `Noted. (${notes.join('; ')}.)` } : {});
}

function describe(values: Record<string, number>, lead: string): string {
  const entries = Object.entries(values);
  return entries.length
    ? `${lead}: ${entries.map(([k, v]) => `${k} ${v}`).join(', ')}.`
    : `${lead}: every metric keeps its documented default.`;
}

const VOLUME_TABLE = (Object.keys(VOLUME_INFO) as VolumePreset[]).map((id) => ({ id, aliases: [...VOLUME_INFO[id].aliases] }));
const VOLUME_WORDS: { key: keyof Volumes; re: RegExp; max: number }[] = [
  {
    key: 'qa_sample_size',
    re: /\b(?:qa(?:[\s_-]*sample(?:[\s_-]*size)?)?|questions?|sample(?:[\s_-]*size)?|qa set)\s*(?:=|:|of|to)?\s*(\d+)/i,
    max: 1_000_000,
  },
  { key: 'attack_mutators', re: /\b(?:(?:attack[\s_-]*)?mutators?|mutations?)\s*(?:=|:|of|to)?\s*(\d+)/i, max: 12 },
  { key: 'perf_repeats', re: /\b(?:perf(?:ormance)?(?:[\s_-]*repeats?)?|repeats?|repetitions?)\s*(?:=|:|of|to)?\s*(\d+)/i, max: 10_000 },
  { key: 'concurrency', re: /\b(?:concurrency|parallel(?:ism)?|workers?|threads?|in parallel)\s*(?:=|:|of|to)?\s*(\d+)/i, max: 256 },
  { key: 'max_pairs', re: /\b(?:max[\s_-]*pairs?|pairs?)\s*(?:=|:|of|to)?\s*(\d+)/i, max: 1000 },
];

/** Step "volumes": a preset (smoke, full, red_team_heavy) and explicit overrides. */
export function parseVolumes(text: string, answers: WizardAnswers): StepOutcome {
  if (isSkip(text)) return accept({ volumePreset: 'smoke', volumes: undefined }, { reply: 'Smoke volumes: a quick first run.' });
  const { found } = findAliases(text.replace(/\d+/g, ' '), VOLUME_TABLE);
  const presets = [...new Set(found)];
  if (presets.length > 1) return reject(`Choose one volume profile, not ${presets.join(' and ')}.`);
  const overrides: Volumes = {};
  const errors: string[] = [];
  for (const w of VOLUME_WORDS) {
    const m = w.re.exec(text);
    if (!m) continue;
    const v = Number(m[1]);
    if (!Number.isInteger(v) || v < 1 || v > w.max) errors.push(`${w.key} must be a whole number from 1 to ${w.max} (got ${m[1]})`);
    else overrides[w.key] = v;
  }
  if (errors.length) return reject(`${errors.join('; ')}.`);
  if (presets.length === 0 && Object.keys(overrides).length === 0) {
    return reject(`Choose smoke (quick), full, or red_team_heavy, or give numbers such as “qa 10, mutators 2, perf 3, concurrency 4”.`);
  }
  const preset = presets[0] ?? answers.volumePreset ?? 'smoke';
  // Overrides equal to the preset's value say nothing new: keep the profile short.
  const kept = Object.fromEntries(
    Object.entries(overrides).filter(([k, v]) => VOLUME_PRESETS[preset][k as keyof Volumes] !== v),
  ) as Volumes;
  return accept({
    volumePreset: preset,
    volumes: Object.keys(kept).length ? { ...(presets.length ? {} : answers.volumes), ...kept } : undefined,
  });
}
