import { createHash } from 'node:crypto';

/** A slice of a run: `index` of `total`, both 1-based. */
export interface Shard {
  index: number;
  total: number;
}

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
  if (!m) throw new Error(`shard must look like i/n, e.g. 1/4 (got '${text}')`);
  const shard = { index: Number(m[1]), total: Number(m[2]) };
  const problem = shardProblem(shard);
  if (problem) throw new Error(problem);
  return shard;
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
