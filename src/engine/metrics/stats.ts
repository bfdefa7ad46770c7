/**
 * The p-th percentile (0–100) with linear interpolation between closest ranks
 * (rank = p/100 · (n − 1) over the sorted values, as numpy's default). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** The latency percentiles a performance summary reports. */
export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

/** p50/p90/p95/p99 of the values (see percentile). */
export function percentiles(values: readonly number[]): Percentiles {
  return { p50: percentile(values, 50), p90: percentile(values, 90), p95: percentile(values, 95), p99: percentile(values, 99) };
}

/** Arithmetic mean of finite values; null for none. */
export function mean(values: readonly number[]): number | null {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === 0 ? null : finite.reduce((s, v) => s + v, 0) / finite.length;
}

/**
 * Throughput in calls per second: `calls` over the wall time from the first
 * call's start to the last call's end (epoch ms). Null without calls or time.
 */
export function throughput(calls: number, firstStartMs: number, lastEndMs: number): number | null {
  const seconds = (lastEndMs - firstStartMs) / 1000;
  if (calls <= 0 || !Number.isFinite(seconds) || seconds <= 0) return null;
  return calls / seconds;
}
