import type { ResolvedProfile } from '../config/resolve';
import type { RequirementRow } from '../model/requirementTypes';
import { blockingReasons } from '../requirements/requirements';
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';
import type { SuiteDefinition } from '../suites/suite';
import { suiteDefinition } from '../suites/registry';
import type { DataAvailability } from './dataAvailability';
import { namedData, requirementMatrix } from './dataAvailability';
import type { Shard, ShardSetting } from './shard';
import type { ShardEnv } from './shardEnv';
import { resolveShard } from './shardEnv';

/** The run gate's answer: may the run start, and if not, why. */
export interface RunGate {
  ok: boolean;
  /** One sentence per reason the run may not start; empty when ok. */
  reasons: string[];
  /** The requirements matrix the decision was taken from. */
  matrix: RequirementRow[];
  /** The suites the run will execute, in execution order. */
  suites: SuiteName[];
  /** The shard the run will execute (`auto` read from the environment); absent for the whole run or when unusable. */
  shard?: Shard;
}

/** What may change the gate's decision besides the profile. */
export interface RunGateOptions {
  /** Suites to run instead of the profile's. */
  suites?: readonly SuiteName[];
  /** Shard to run instead of the profile's. */
  shard?: ShardSetting;
  /** Where `shard: auto` reads the CI system's variables (default: this process's environment). */
  env?: ShardEnv;
  /** Suite definitions to use instead of the registry's. */
  definitions?: Partial<Record<SuiteName, SuiteDefinition>>;
  /** The data the profile's check found usable; default: every data entry the profile names. */
  data?: DataAvailability;
}

/** Puts suites in execution order (SUITE_NAMES) without duplicates. */
export function orderSuites(suites: readonly SuiteName[]): SuiteName[] {
  const wanted = new Set(suites);
  return SUITE_NAMES.filter((s) => wanted.has(s));
}

/**
 * Decides whether a profile may run: every selected suite must exist in this
 * build, required data must be there (or defaults allowed: the requirements
 * matrix decides), and the shard must make sense. Sends nothing anywhere.
 */
export function checkRunGate(profile: ResolvedProfile, options: RunGateOptions = {}): RunGate {
  const suites = orderSuites(options.suites ?? profile.suites);
  const reasons: string[] = [];
  if (suites.length === 0) reasons.push('no suite selected: list at least one suite under suites:');
  const missing = suites.filter((s) => !(options.definitions?.[s] ?? suiteDefinition(s)));
  if (missing.length > 0) {
    reasons.push(
      `${missing.length === 1 ? 'suite' : 'suites'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not available in this version of AI Quality Kit: remove ${missing.length === 1 ? 'it' : 'them'} from suites:`,
    );
  }
  const matrix = requirementMatrix(suites, options.data ?? namedData(profile.raw), profile.useDefaults);
  reasons.push(...blockingReasons(matrix));
  const setting = options.shard ?? profile.shard;
  const shard = setting ? resolveShard(setting, options.env ?? process.env) : undefined;
  if (shard && 'problem' in shard) reasons.push(shard.problem);
  const concurrency = profile.volumes.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    reasons.push(`volumes.concurrency must be a whole number ≥ 1 (got ${concurrency})`);
  return { ok: reasons.length === 0, reasons, matrix, suites, ...(shard && 'shard' in shard ? { shard: shard.shard } : {}) };
}
