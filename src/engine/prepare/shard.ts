import { createHash } from 'node:crypto';

/** A slice of a run: `index` of `total`, both 1-based. */
export interface Shard {
  index: number;
  total: number;
  /** Where `shard: auto` found it, e.g. `GitLab CI (CI_NODE_INDEX=2, CI_NODE_TOTAL=4)`; absent when given as i/n. */
  source?: string;
}

/** A shard as asked for: given (`--shard i/n`, `shard: {index, total}`) or `auto` (read from the CI system's variables). */
export type ShardSetting = Shard | 'auto';

/** Why a shard is invalid, or undefined when it is usable. */
export function shardProblem(shard: Shard): string | undefined {
  if (!Number.isInteger(shard.total) || shard.total < 1) return `shard total must be a whole number ≥ 1 (got ${shard.total})`;
  if (!Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.total) {
    return `shard index must be a whole number from 1 to ${shard.total} (got ${shard.index})`;
  }
  return undefined;
}

/** Parses `i/n` (as given to `--shard`); throws a readable error on anything else. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`shard must look like i/n, e.g. 1/4, or be auto (got '${text}')`);
  const shard = { index: Number(m[1]), total: Number(m[2]) };
  const problem = shardProblem(shard);
  if (problem) throw new Error(problem);
  return shard;
}

/** Parses the value of `--shard`: `auto` or `i/n`; throws a readable error on anything else. */
export function parseShardSetting(text: string): ShardSetting {
  return text.trim().toLowerCase() === 'auto' ? 'auto' : parseShard(text);
}

/** How a shard is shown in logs: `2/4`, with where `auto` found it. */
export function describeShard(shard: Shard): string {
  return `${shard.index}/${shard.total}${shard.source ? ` from ${shard.source}` : ''}`;
}

/**
 * The shard (1-based) a case belongs to: `md5(case_id) % total + 1`, the
 * original system's rule, so every machine splits a run the same way.
 */
export function shardOf(caseId: string, total: number): number {
  if (total <= 1) return 1;
  const hex = createHash('md5').update(caseId, 'utf8').digest('hex');
  return Number(BigInt(`0x${hex}`) % BigInt(total)) + 1;
}

/** Whether a case belongs to a shard; every case does when there is no shard. */
export function inShard(caseId: string, shard: Shard | undefined): boolean {
  return shard === undefined || shard.total <= 1 || shardOf(caseId, shard.total) === shard.index;
}
