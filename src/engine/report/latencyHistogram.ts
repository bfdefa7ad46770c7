// The latency histogram of the report view: round-width bins over the latencies
// of the performance suite's successful calls. Computed where the cases are (the
// host's case index), so the view gets a few bins, not every case.

import type { LatencyBin } from '../model/caseQuery';

function niceStep(raw: number): number {
  const exp = 10 ** Math.floor(Math.log10(raw));
  const f = raw / exp;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * exp;
}

/** Histogram bins with a round width (1, 2, 2.5 or 5 × 10ⁿ), about √n of them, 6 to 24. */
export function histogram(values: ArrayLike<number>): LatencyBin[] {
  if (values.length === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const target = Math.min(24, Math.max(6, Math.ceil(Math.sqrt(values.length))));
  const step = niceStep(Math.max(max - min, 1e-3) / target);
  const start = Math.floor(min / step) * step;
  const n = Math.max(1, Math.floor((max - start) / step) + 1);
  const bins: LatencyBin[] = Array.from({ length: n }, (_, i) => ({ from: start + i * step, to: start + (i + 1) * step, count: 0 }));
  for (let i = 0; i < values.length; i++) {
    const bin = bins[Math.min(n - 1, Math.floor(((values[i] as number) - start) / step))];
    if (bin) bin.count++;
  }
  return bins;
}
