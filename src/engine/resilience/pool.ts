// The engine's one worker pool: the run's cases go through it, and so do a
// resilience scenario's calls. It sits on the resilience floor, below both
// suites/ and run/, so each imports it without pointing up.

/**
 * A bounded worker pool. A fixed number of workers pull the next item from a
 * shared index: no queue of pending promises, so a large suite costs no more
 * memory than a small one.
 */
export class CasePool {
  /** @param concurrency most items in flight at once in a `run` (a call's own `limit` may lower it). */
  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a whole number ≥ 1 (got ${concurrency})`);
  }

  /**
   * Runs `worker` over `items` with at most `limit` (capped by the pool's
   * concurrency) in flight. Takes no new item once `signal` is aborted.
   * `worker` must not throw: a rejection rejects `run` at once while the
   * other workers go on taking items.
   */
  async run<T>(
    items: readonly T[],
    signal: AbortSignal,
    worker: (item: T, index: number) => Promise<void>,
    limit = this.concurrency,
  ): Promise<void> {
    let next = 0;
    const count = Math.max(1, Math.min(limit, this.concurrency, items.length));
    const loop = async (): Promise<void> => {
      while (!signal.aborted && next < items.length) {
        const i = next++;
        await worker(items[i] as T, i);
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = 0; w < count; w++) workers.push(loop());
    await Promise.all(workers);
  }
}
