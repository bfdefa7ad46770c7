import type { CaseResult } from '../model/runTypes';

/**
 * Puts a suite's finished cases back in plan order: a case is passed on once
 * every case planned before it has finished or been dropped. Cases finishing
 * ahead of an earlier one wait here; with a bounded pool that is about the
 * number of cases in flight, and at worst what finishes while one slow case
 * runs to its timeout.
 */
export class CaseOrder {
  private next = 0;
  private readonly waiting = new Map<number, CaseResult | null>();

  /** @param deliver receives each case in plan order. */
  constructor(
    private readonly planned: number,
    private readonly deliver: (c: CaseResult) => void,
  ) {}

  /** Settles plan position `position` with its finished case, or with nothing when the case was dropped (stopped by a cancel). */
  settle(position: number, result: CaseResult | undefined): void {
    if (!Number.isInteger(position) || position < this.next || position >= this.planned || this.waiting.has(position))
      throw new Error(`case position ${position} is not an unsettled position of this suite`);
    this.waiting.set(position, result ?? null);
    while (this.waiting.has(this.next)) {
      const c = this.waiting.get(this.next);
      this.waiting.delete(this.next);
      this.next++;
      if (c) this.deliver(c);
    }
  }

  /** Passes on every case still waiting, in order, skipping the positions that never settled (cases a cancel cut short). */
  flush(): void {
    const positions = [...this.waiting.keys()].sort((a, b) => a - b);
    for (const p of positions) {
      const c = this.waiting.get(p);
      if (c) this.deliver(c);
    }
    this.waiting.clear();
    this.next = this.planned;
  }
}
