import * as path from 'node:path';
import type { RunProfile } from '../model/profileTypes';
import type { RunResult } from '../model/runTypes';

/** What the shard check reads of one report: its header, never its cases (so a streaming merge can check before reading them). */
export interface ShardPart {
  /** How to name the report in messages: its file, or its run id. */
  label: string;
  run: Pick<RunResult['run'], 'id' | 'profile' | 'shard'>;
  inputs: RunProfile;
}

/** The header of a report as checkShardSet reads it. */
export function shardPartOf(result: RunResult, label: string = result.run.id): ShardPart {
  return { label, run: result.run, inputs: result.inputs };
}

// The profile as the shard ran it, without its shard: equal for every shard of one run.
function profileKey(inputs: RunProfile, key: string): string {
  const value = (inputs as unknown as Record<string, unknown>)[key];
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function profileDifference(a: RunProfile, b: RunProfile): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'shard').sort();
  return keys.filter((k) => profileKey(a, k) !== profileKey(b, k));
}

function list(numbers: readonly number[]): string {
  return numbers.join(', ');
}

/**
 * Checks that reports are the shards of one run, each exactly once: every report
 * is a shard, all of one run profile (the same file name and the same profile
 * as run, shard aside: shards may run in checkouts at different paths), all of
 * one split, no shard twice and none missing. Throws an error naming the files.
 * Returns the number of shards.
 */
export function checkShardSet(parts: readonly ShardPart[]): number {
  if (parts.length === 0) throw new Error('no reports to merge');
  const first = parts[0]!;
  for (const p of parts) {
    if (!p.run.shard)
      throw new Error(`${p.label} (${p.run.id}) is not a shard report (no run.shard): only the shard reports of one run can be merged`);
    if (path.basename(p.run.profile) !== path.basename(first.run.profile))
      throw new Error(
        `cannot merge reports of different run profiles: ${first.label} ran '${first.run.profile}', ${p.label} ran '${p.run.profile}'`,
      );
    const differs = profileDifference(first.inputs, p.inputs);
    if (differs.length > 0)
      throw new Error(
        `cannot merge reports of different run profiles: ${first.label} and ${p.label} ran ${path.basename(p.run.profile)} with different ${differs.join(', ')}`,
      );
  }
  const total = first.run.shard!.total;
  const other = parts.find((p) => p.run.shard!.total !== total);
  if (other)
    throw new Error(
      `cannot merge shards of different splits: ${first.label} is shard ${first.run.shard!.index}/${total}, ${other.label} is shard ${other.run.shard!.index}/${other.run.shard!.total}`,
    );
  const byIndex = new Map<number, ShardPart[]>();
  for (const p of parts) byIndex.set(p.run.shard!.index, [...(byIndex.get(p.run.shard!.index) ?? []), p]);
  const twice = [...byIndex.entries()].filter(([, ps]) => ps.length > 1).sort(([a], [b]) => a - b);
  if (twice.length > 0) {
    const lines = twice.map(([index, ps]) => `shard ${index}/${total} appears ${ps.length} times: ${ps.map((p) => p.label).join(', ')}`);
    throw new Error(`${lines.join('; ')} (merge each shard's report once: reports of another run in the same folder?)`);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const have = [...byIndex.keys()].sort((a, b) => a - b);
    throw new Error(
      `${missing.length === 1 ? 'shard' : 'shards'} ${list(missing)} of ${total} ${missing.length === 1 ? 'is' : 'are'} missing: got ${have.length === 1 ? 'shard' : 'shards'} ${list(have)} (${have.map((i) => byIndex.get(i)![0]!.label).join(', ')}); did ${missing.length === 1 ? 'its job' : 'their jobs'} fail before writing a report?`,
    );
  }
  return total;
}
