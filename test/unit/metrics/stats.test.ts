import { strict as assert } from 'node:assert';
import { mean, percentile, percentiles, throughput } from '../../../src/engine/metrics/stats';

describe('metrics/stats', () => {
  it('interpolates linearly between ranks', () => {
    assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
    // rank 0.95·4 = 3.8 → 40 + 0.8·10.
    assert.ok(Math.abs((percentile([50, 10, 40, 20, 30], 95) ?? 0) - 48) < 1e-9);
    assert.equal(percentile([10, 20, 30], 0), 10);
    assert.equal(percentile([10, 20, 30], 100), 30);
    assert.equal(percentile([7], 99), 7);
  });

  it('is null without values and rejects a p outside 0..100', () => {
    assert.equal(percentile([], 50), null);
    assert.throws(() => percentile([1], 101), RangeError);
  });

  it('gives p50/p90/p95/p99 in order', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const p = percentiles(values);
    assert.equal(p.p50, 50.5);
    assert.ok(Math.abs((p.p99 ?? 0) - 99.01) < 1e-9);
    assert.ok((p.p50 ?? 0) <= (p.p90 ?? 0) && (p.p90 ?? 0) <= (p.p95 ?? 0) && (p.p95 ?? 0) <= (p.p99 ?? 0));
  });

  it('computes mean and throughput', () => {
    assert.equal(mean([1, 2, 3, 6]), 3);
    assert.equal(mean([]), null);
    assert.equal(throughput(10, 1000, 3000), 5);
    assert.equal(throughput(3, 5, 5), null);
    assert.equal(throughput(0, 0, 1000), null);
  });
});
