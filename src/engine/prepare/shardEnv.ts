import type { Shard, ShardSetting } from './shard';
import { shardProblem } from './shard';

/** Environment variables as a process sees them (process.env, or a record in tests). */
export type ShardEnv = Readonly<Record<string, string | undefined>>;

/** Where a CI system puts the shard index and count, and whether it counts from 0 or 1. */
interface ShardSource {
  system: string;
  index: string;
  total: string;
  base: 0 | 1;
  /** What to do when the index is not set but the count is (GitLab sets CI_NODE_TOTAL=1 on jobs without parallel:). */
  totalAlone?: 'whole-run-when-1';
}

/**
 * The variables `shard: auto` reads, first match wins. The plain AIQK_ pair comes
 * first, so it can override whatever the CI system sets. AIQK_SHARD_INDEX is
 * 1-based like `--shard i/n`; the CI systems' own variables keep their own base.
 * A Kubernetes Indexed Job sets only the index: its count is AIQK_SHARD_TOTAL,
 * which the Job's env sets to spec.completions.
 */
const SOURCES: readonly ShardSource[] = [
  { system: 'AIQK_SHARD_INDEX/AIQK_SHARD_TOTAL', index: 'AIQK_SHARD_INDEX', total: 'AIQK_SHARD_TOTAL', base: 1 },
  { system: 'Kubernetes Indexed Job', index: 'JOB_COMPLETION_INDEX', total: 'AIQK_SHARD_TOTAL', base: 0 },
  { system: 'GitLab CI', index: 'CI_NODE_INDEX', total: 'CI_NODE_TOTAL', base: 1, totalAlone: 'whole-run-when-1' },
  { system: 'CircleCI', index: 'CIRCLE_NODE_INDEX', total: 'CIRCLE_NODE_TOTAL', base: 0 },
  { system: 'Buildkite', index: 'BUILDKITE_PARALLEL_JOB', total: 'BUILDKITE_PARALLEL_JOB_COUNT', base: 0 },
];

/** The variables `shard: auto` looks for, one phrase per system (for messages and docs). */
export const SHARD_ENV_VARIABLES: readonly string[] = [
  'AIQK_SHARD_INDEX (1-based) with AIQK_SHARD_TOTAL (GitHub Actions matrix, any CI)',
  'JOB_COMPLETION_INDEX (0-based) with AIQK_SHARD_TOTAL (Kubernetes Indexed Job)',
  'CI_NODE_INDEX (1-based) with CI_NODE_TOTAL (GitLab CI parallel:)',
  'CIRCLE_NODE_INDEX (0-based) with CIRCLE_NODE_TOTAL (CircleCI parallelism)',
  'BUILDKITE_PARALLEL_JOB (0-based) with BUILDKITE_PARALLEL_JOB_COUNT (Buildkite parallelism)',
];

/** The shard a CI system asked for (with `source` saying which variables), or why there is none. */
export type ShardFromEnv = { ok: true; shard: Shard & { source: string } } | { ok: false; problem: string };

function value(env: ShardEnv, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** A whole number written in decimal digits, else undefined. */
function wholeNumber(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function fromSource(env: ShardEnv, s: ShardSource): ShardFromEnv {
  const indexText = value(env, s.index);
  const totalText = value(env, s.total);
  const base = `${s.base}-based`;
  if (totalText === undefined) {
    const hint = s.total === 'AIQK_SHARD_TOTAL' ? ': set it to the number of shards' : '';
    return { ok: false, problem: `shard auto (${s.system}): ${s.index} is ${indexText} but ${s.total} is not set${hint}` };
  }
  const total = wholeNumber(totalText);
  if (total === undefined || total < 1)
    return { ok: false, problem: `shard auto (${s.system}): ${s.total} must be a whole number of shards ≥ 1 (got '${totalText}')` };
  if (indexText === undefined) {
    if (s.totalAlone === 'whole-run-when-1' && total === 1)
      return { ok: true, shard: { index: 1, total: 1, source: `${s.system} (${s.total}=1, no ${s.index}: a job without parallel:)` } };
    return { ok: false, problem: `shard auto (${s.system}): ${s.total} is ${totalText} but ${s.index} is not set` };
  }
  const raw = wholeNumber(indexText);
  const first = s.base;
  const last = total - 1 + s.base;
  if (raw === undefined || raw < first || raw > last)
    return {
      ok: false,
      problem: `shard auto (${s.system}): ${s.index} must be a whole number from ${first} to ${last} (${base}, ${s.total}=${total}); got '${indexText}'`,
    };
  return { ok: true, shard: { index: raw - s.base + 1, total, source: `${s.system} (${s.index}=${raw}, ${s.total}=${total})` } };
}

/**
 * The shard `--shard auto` / `shard: auto` runs, read from the environment of
 * the CI job: the first system of SOURCES whose index variable is set (or whose
 * count is set alone, which is a problem unless GitLab's count of 1). Every value
 * is checked (whole numbers, count ≥ 1, index in range for the system's base);
 * problems name the variables. Pure: reads only `env`.
 */
export function shardFromEnv(env: ShardEnv): ShardFromEnv {
  const withIndex = SOURCES.find((s) => value(env, s.index) !== undefined);
  if (withIndex) return fromSource(env, withIndex);
  const withTotal = SOURCES.find((s) => value(env, s.total) !== undefined);
  if (withTotal) {
    if (withTotal.total === 'AIQK_SHARD_TOTAL')
      return {
        ok: false,
        problem: `shard auto: AIQK_SHARD_TOTAL is ${value(env, withTotal.total)} but neither AIQK_SHARD_INDEX (1-based) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, 0-based) is set`,
      };
    return fromSource(env, withTotal);
  }
  return {
    ok: false,
    problem: `shard auto: no CI system's shard variables are set; looked for ${SHARD_ENV_VARIABLES.join('; ')}. Set AIQK_SHARD_INDEX and AIQK_SHARD_TOTAL, or give --shard i/n`,
  };
}

/** The shard a setting stands for in this environment, or why it is unusable. */
export function resolveShard(setting: ShardSetting, env: ShardEnv): { shard: Shard } | { problem: string } {
  if (setting === 'auto') {
    const found = shardFromEnv(env);
    return found.ok ? { shard: found.shard } : { problem: found.problem };
  }
  const problem = shardProblem(setting);
  return problem ? { problem } : { shard: setting };
}
