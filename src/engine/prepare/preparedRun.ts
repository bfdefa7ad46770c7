import type { ResolvedProfile } from '../config/resolve';
import { parseBiasGroups } from '../data/readers/biasGroups';
import type { DataKind } from '../model/dataKinds';
import type { BiasPair, LoadedDataset } from '../model/dataTypes';
import type { Problem } from '../model/problem';
import type { RequirementRow } from '../model/requirementTypes';
import type { SuiteName } from '../model/suiteNames';
import type { RunGate, RunGateOptions } from './gate';
import { checkRunGate } from './gate';
import type { Shard } from './shard';

/** Data the profile writes inline, parsed once while preparing so the run does not parse it again. */
export interface InlineData {
  bias_groups?: LoadedDataset<BiasPair>;
}

/** A run ready to start: the resolved profile and the run gate's answer about it. */
export interface PreparedRun {
  /** The resolved profile, the caller's report folder and formats applied. */
  profile: ResolvedProfile;
  /** The suites the run executes, in execution order. */
  suites: SuiteName[];
  shard?: Shard;
  /** The run gate's answer (with the requirements matrix); ok for every run prepareRun returns. */
  gate: RunGate;
  inline: InlineData;
  /** Warnings worth showing before the run (broken dataset lines, ignored settings), one line each. */
  warnings: string[];
  /** The same warnings with their file and position. */
  problems: Problem[];
  /** How many usable records each data file of the run holds (as checked while preparing; the built-in qaset counted when asked). */
  records?: Partial<Record<DataKind, number>>;
}

/**
 * Why a profile may not run. `invalid`: the profile or a dataset it names has
 * errors; `blocked`: the run gate said no; `untrusted`: the caller's workspace is
 * not trusted (set by the extension, never by prepareRun).
 */
export interface RunRefusal {
  kind: 'invalid' | 'blocked' | 'untrusted';
  /** One line for a notification. */
  message: string;
  /** One sentence per reason (problems as `file:line:col: …` with the file's base name, or the gate's reasons). */
  reasons: string[];
  /** The errors and warnings behind the refusal, with file and position. */
  problems: Problem[];
  /** Required data kinds that are missing with defaults off: `use_defaults: true` fixes them. */
  missingData: DataKind[];
  /** The requirements matrix of the suites asked for; empty when the profile could not be read. */
  matrix: RequirementRow[];
}

/** The answer of prepareRun: a run to start, or why not. */
export type PrepareOutcome = { ok: true; run: PreparedRun } | { ok: false; refusal: RunRefusal };

/** Whether a value is a prepared run rather than a bare resolved profile. */
export function isPreparedRun(value: PreparedRun | ResolvedProfile): value is PreparedRun {
  return 'gate' in value;
}

/** Parses the data the profile writes inline (bias groups), once. */
export function inlineDataOf(profile: ResolvedProfile): InlineData {
  const bias = profile.data.bias_groups;
  return bias.kind === 'inline' ? { bias_groups: parseBiasGroups(bias.value, profile.file) } : {};
}

/**
 * Gates a resolved profile without checking its files: for callers that build
 * the profile in code (tests, benchmarks). The gate may have said no; the run
 * then ends in error without sending anything.
 */
export function gateResolvedProfile(profile: ResolvedProfile, options: RunGateOptions = {}): PreparedRun {
  const gate = checkRunGate(profile, options);
  return {
    profile,
    suites: gate.suites,
    ...(gate.shard ? { shard: gate.shard } : {}),
    gate,
    inline: inlineDataOf(profile),
    warnings: [],
    problems: [],
  };
}

/** The prepared run itself, or a bare resolved profile gated with the caller's suites, shard and definitions. */
export function asPreparedRun(run: PreparedRun | ResolvedProfile, options: RunGateOptions = {}): PreparedRun {
  if (isPreparedRun(run)) return run;
  const { suites, shard, env, definitions } = options;
  return gateResolvedProfile(run, {
    ...(suites ? { suites } : {}),
    ...(shard ? { shard } : {}),
    ...(env ? { env } : {}),
    ...(definitions ? { definitions } : {}),
  });
}
