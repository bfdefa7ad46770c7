// How much a metric moves between two runs from measurement noise alone, so a
// comparison calls only real moves better or worse: timings jitter run to run by a
// share of their value and by a few milliseconds of scheduling (sub-millisecond
// targets are all jitter), throughput with them; rates and scores by rounding.
import type { MetricNoise } from '../model/runComparison';

/** Default noise of timings: 10% or 5 ms, whichever is larger. */
export const TIMING_NOISE = { relative: 0.1, absolute: 5 } as const;
/** Default noise of other metrics (rates, scores, counts): 1% or 0.005, whichever is larger. */
export const VALUE_NOISE = { relative: 0.01, absolute: 0.005 } as const;

/** Overrides of the default noise (a wider relative noise applies to timings too). */
export interface NoiseOptions {
  /** Relative noise of every metric; timings never go below 10%. Default 0.01. */
  relativeTolerance?: number;
  /** Absolute noise of rates, scores and counts. Default 0.005. */
  absoluteTolerance?: number;
}

function baseName(metric: string): string {
  return metric.replace(/\[.*\]$/, '');
}

/** The noise a metric's move is judged against. */
export function metricNoise(metric: string, opts: NoiseOptions = {}): MetricNoise {
  const base = baseName(metric);
  const relative = opts.relativeTolerance ?? VALUE_NOISE.relative;
  if (/_ms$/.test(base)) return { relative: Math.max(relative, TIMING_NOISE.relative), absolute: TIMING_NOISE.absolute, unit: 'ms' };
  if (base === 'throughput_rps')
    return { relative: Math.max(relative, TIMING_NOISE.relative), absolute: TIMING_NOISE.absolute, unit: 'ms per call' };
  return { relative, absolute: opts.absoluteTolerance ?? VALUE_NOISE.absolute, unit: '' };
}

/** The values compared for a metric: throughput as time per call, so its noise is in milliseconds. */
function comparable(metric: string, value: number): number {
  return baseName(metric) === 'throughput_rps' && value > 0 ? 1000 / value : value;
}

/** True when `after` differs from `before` by no more than the metric's noise. */
export function withinNoise(metric: string, before: number, after: number, noise: MetricNoise): boolean {
  const b = comparable(metric, before);
  const a = comparable(metric, after);
  return Math.abs(a - b) <= Math.max(noise.absolute, noise.relative * Math.abs(b));
}
