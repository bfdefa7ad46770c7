/**
 * The p-th percentile (0–100) with linear interpolation between closest ranks
 * (rank = p/100 · (n − 1) over the sorted values, as numpy's default). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  return ofSorted(sortedFinite(values), p);
}

function sortedFinite(values: readonly number[]): Float64Array {
  return Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
}

// Linear interpolation between the two closest ranks of ascending values.
function ofSorted(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
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
  const sorted = sortedFinite(values);
  return { p50: ofSorted(sorted, 50), p90: ofSorted(sorted, 90), p95: ofSorted(sorted, 95), p99: ofSorted(sorted, 99) };
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
