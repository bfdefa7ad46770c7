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
    await this.runIndexed(items.length, signal, (i) => worker(items[i] as T, i), limit);
  }

  /** The same over the indexes 0 … count - 1: the worker fetches its own item (a plan made by position). */
  async runIndexed(count: number, signal: AbortSignal, worker: (index: number) => Promise<void>, limit = this.concurrency): Promise<void> {
    let next = 0;
    const workers = Math.max(1, Math.min(limit, this.concurrency, count));
    const loop = async (): Promise<void> => {
      while (!signal.aborted && next < count) await worker(next++);
    };
    await Promise.all(Array.from({ length: workers }, loop));
  }
}
