import assert from 'node:assert/strict';
import { CasePool } from '../../../src/engine/resilience/pool';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe("CasePool (the run's cases, a resilience scenario's calls)", () => {
  it('runs every item once with at most `concurrency` in flight', async () => {
    const pool = new CasePool(3);
    let inFlight = 0;
    let max = 0;
    const seen: number[] = [];
    await pool.run(
      Array.from({ length: 20 }, (_, i) => i),
      new AbortController().signal,
      async (item) => {
        inFlight++;
        max = Math.max(max, inFlight);
        await tick();
        seen.push(item);
        inFlight--;
      },
    );
    assert.equal(max, 3);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('honours a lower per-call limit (sequential suites)', async () => {
    const pool = new CasePool(8);
    let inFlight = 0;
    let max = 0;
    await pool.run(
      [1, 2, 3, 4],
      new AbortController().signal,
      async () => {
        inFlight++;
        max = Math.max(max, inFlight);
        await tick();
        inFlight--;
      },
      1,
    );
    assert.equal(max, 1);
  });

  it('takes no new item once aborted', async () => {
    const pool = new CasePool(2);
    const ac = new AbortController();
    const started: number[] = [];
    await pool.run(
      Array.from({ length: 10 }, (_, i) => i),
      ac.signal,
      async (item) => {
        started.push(item);
        if (item === 3) ac.abort();
        await tick();
      },
    );
    assert.ok(started.length <= 5, `started ${started.join(',')}`);
    assert.ok(started.includes(3));
  });

  it("hands each worker its item's index, so results keep item order whatever order they finish in", async () => {
    const pool = new CasePool(4);
    const results: string[] = [];
    const finished: number[] = [];
    await pool.run(['a', 'b', 'c', 'd', 'e', 'f'], new AbortController().signal, async (item, i) => {
      // Later items finish first.
      for (let t = 0; t < 6 - i; t++) await tick();
      finished.push(i);
      results[i] = item.toUpperCase();
    });
    assert.notDeepEqual(finished, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(results, ['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('starts nothing when the signal is already aborted, and copes with no items', async () => {
    const pool = new CasePool(3);
    const ac = new AbortController();
    ac.abort();
    let started = 0;
    await pool.run([1, 2, 3], ac.signal, async () => {
      started++;
    });
    await pool.run([], new AbortController().signal, async () => {
      started++;
    });
    assert.equal(started, 0);
  });

  it('refuses a concurrency below 1', () => {
    assert.throws(() => new CasePool(0), /concurrency/);
  });
});
