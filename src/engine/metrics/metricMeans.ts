/**
 * Means of per-case metrics taken one case at a time (finite values only,
 * summed in the order they come), without keeping the cases.
 */
export class MetricMeans {
  private readonly sums = new Map<string, { sum: number; count: number }>();

  /** Adds one case's metrics (null and non-finite values are unmeasured). */
  add(metrics: Readonly<Record<string, number | null | undefined>>): void {
    for (const name in metrics) {
      const v = metrics[name];
      let s = this.sums.get(name);
      if (!s) this.sums.set(name, (s = { sum: 0, count: 0 }));
      if (typeof v === 'number' && Number.isFinite(v)) {
        s.sum += v;
        s.count++;
      }
    }
  }

  /** Whether any case added had the metric (measured or not). */
  has(name: string): boolean {
    return this.sums.has(name);
  }

  /** The mean of the measured values; null when none was measured. */
  mean(name: string): number | null {
    const s = this.sums.get(name);
    return s && s.count > 0 ? s.sum / s.count : null;
  }
}
