import * as assert from 'node:assert/strict';
import { BreakerRegistry, CircuitBreaker } from '../../../src/engine/resilience/circuitBreaker';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and a success resets the count', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, resetMs: 1000, now: c.now });
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    assert.equal(b.state, 'closed');
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.transitions.length, 0);
  });

  it('opens after N consecutive failures and refuses calls until the reset time', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, resetMs: 1000, now: c.now, key: 'api x' });
    for (let i = 0; i < 3; i++) b.recordFailure('upstream_5xx');
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), false);
    c.advance(999);
    assert.equal(b.tryAcquire(), false);
    assert.equal(b.rejected, 2);
    assert.equal(b.msUntilTrial(), 1);
    assert.deepEqual(
      b.transitions.map((t) => [t.from, t.to, t.key]),
      [['closed', 'open', 'api x']],
    );
    assert.match(b.transitions[0].reason, /3 consecutive failures \(last: upstream_5xx\)/);
  });

  it('goes half-open after the reset time, lets exactly one trial through, closes on its success', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 2, resetMs: 500, now: c.now });
    b.recordFailure();
    b.recordFailure();
    c.advance(500);
    assert.equal(b.state, 'half_open');
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), false, 'a second call while the trial is in flight is refused');
    b.recordSuccess();
    assert.equal(b.state, 'closed');
    assert.deepEqual(
      b.transitions.map((t) => t.to),
      ['open', 'half_open', 'closed'],
    );
    assert.deepEqual(
      b.transitions.map((t) => t.at),
      [1_000_000, 1_000_500, 1_000_500],
    );
  });

  it('re-opens when the trial fails, and restarts the reset clock', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 1, resetMs: 100, now: c.now });
    b.recordFailure();
    c.advance(100);
    assert.equal(b.tryAcquire(), true);
    c.advance(30);
    b.recordFailure('timeout');
    assert.equal(b.state, 'open');
    assert.equal(b.msUntilTrial(), 100);
    assert.deepEqual(
      b.transitions.map((t) => `${t.from}>${t.to}`),
      ['closed>open', 'open>half_open', 'half_open>open'],
    );
    assert.match(b.transitions[2].reason, /trial call failed: timeout/);
  });

  it('records ISO times from the injected clock', () => {
    const b = new CircuitBreaker({ failureThreshold: 1, resetMs: 0, now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
    b.recordFailure();
    assert.equal(b.transitions[0].time, '2025-01-02T03:04:05.000Z');
  });

  it('rejects invalid settings', () => {
    assert.throws(() => new CircuitBreaker({ failureThreshold: 0, resetMs: 10 }), /failureThreshold/);
    assert.throws(() => new CircuitBreaker({ failureThreshold: 1, resetMs: -1 }), /resetMs/);
  });
});

describe('BreakerRegistry', () => {
  it('keeps one breaker per key and merges their transitions in time order', () => {
    const c = clock();
    const reg = new BreakerRegistry({ failureThreshold: 1, resetMs: 10, now: c.now });
    assert.equal(reg.get('a'), reg.get('a'));
    reg.get('b').recordFailure();
    c.advance(5);
    reg.get('a').recordFailure();
    assert.equal(reg.get('a').state, 'open');
    assert.deepEqual(
      reg.transitions().map((t) => t.key),
      ['b', 'a'],
    );
  });
});
