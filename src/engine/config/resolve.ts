import * as path from 'node:path';
import type { RunProfile } from '../model/profileTypes';
import type { DataKind } from '../model/dataKinds';
import { DATA_KINDS } from '../model/dataKinds';
import type { SuiteName } from '../model/suiteNames';
import { defaultThresholdValues } from '../metrics/thresholds';
import type { ThresholdValues } from '../suites/manifests';
import { KINDS_WITH_DEFAULTS } from '../requirements/requirements';

/** Volumes after the preset and the explicit values are combined. */
export interface Volumes {
  qa_sample_size: number;
  attack_mutators: number;
  perf_repeats: number;
  concurrency: number;
  max_pairs: number;
}

/** The presets of `profile:` (from the original system's wizard). */
export const VOLUME_PRESETS: Readonly<Record<NonNullable<RunProfile['profile']>, Volumes>> = {
  smoke: { qa_sample_size: 2, attack_mutators: 1, perf_repeats: 2, concurrency: 4, max_pairs: 10 },
  full: { qa_sample_size: 20, attack_mutators: 3, perf_repeats: 5, concurrency: 4, max_pairs: 10 },
  red_team_heavy: { qa_sample_size: 5, attack_mutators: 5, perf_repeats: 3, concurrency: 4, max_pairs: 10 },
};

/** Where each data kind of a run comes from. `inline` is only for bias_groups given in the profile. */
export type DataSource = { kind: 'file'; path: string } | { kind: 'inline'; value: string } | { kind: 'default' } | { kind: 'none' };

/** A validated run profile with every default applied and every path made absolute. */
export interface ResolvedProfile {
  /** Absolute path of the profile file. */
  file: string;
  /** Folder of the profile file: paths inside are relative to it. */
  dir: string;
  raw: RunProfile;
  suites: SuiteName[];
  useDefaults: boolean;
  volumes: Volumes;
  /** Every threshold: the profile's value, or the default its suite's manifest declares. */
  thresholds: ThresholdValues;
  data: Record<DataKind, DataSource>;
  report: { dir: string; formats: ('json' | 'xlsx' | 'junit')[]; anonymize: boolean };
  timeoutMs: number;
  retries: number;
  /** The profile's shard: given, or `auto` (resolved from the CI system's variables by the run gate). */
  shard?: RunProfile['shard'];
}

/** Whether an inline bias_groups value is pairs rather than a path. */
export function isInlineBiasGroups(value: string): boolean {
  return value.includes('|') && !/\.(csv|txt)$/i.test(value.trim());
}

/** Applies defaults and makes paths absolute. The profile must already be schema-valid. */
export function resolveProfile(raw: RunProfile, file: string): ResolvedProfile {
  const dir = path.dirname(path.resolve(file));
  const useDefaults = raw.use_defaults ?? true;
  const preset = VOLUME_PRESETS[raw.profile ?? 'smoke'];
  const thresholds: ThresholdValues = { ...defaultThresholdValues(), ...raw.thresholds };
  const data = {} as Record<DataKind, DataSource>;
  for (const kind of DATA_KINDS) {
    const value = raw.data?.[kind];
    if (value === undefined) data[kind] = useDefaults && KINDS_WITH_DEFAULTS.has(kind) ? { kind: 'default' } : { kind: 'none' };
    else if (kind === 'bias_groups' && isInlineBiasGroups(value)) data[kind] = { kind: 'inline', value };
    else data[kind] = { kind: 'file', path: path.resolve(dir, value) };
  }
  return {
    file: path.resolve(file),
    dir,
    raw,
    suites: [...raw.suites],
    useDefaults,
    volumes: { ...preset, ...(raw.volumes ?? {}) },
    thresholds,
    data,
    report: {
      dir: path.resolve(dir, raw.report?.dir ?? '.aiqk/reports'),
      formats: raw.report?.formats ?? ['json', 'xlsx'],
      anonymize: raw.report?.anonymize ?? true,
    },
    timeoutMs: raw.target.timeout_ms ?? 30000,
    retries: raw.target.retries ?? 2,
    shard: raw.shard,
  };
}

/** The data kinds a profile supplies itself (for the requirements matrix). */
export function providedKinds(raw: RunProfile): Set<DataKind> {
  return new Set(DATA_KINDS.filter((k) => raw.data?.[k] !== undefined));
}
