import type { PlannedCase, PlannedCases } from '../model/runTypes';

/**
 * The planned cases a suite runs, taken one position at a time: the whole plan,
 * or the positions kept by a shard or a choice of cases. A case taken from a
 * list is let go by the list, so a plan of 300,000 cases shrinks as it runs.
 */
export class PlanQueue {
  /** @param positions the plan's positions to run, in order; every position when absent. */
  constructor(
    private readonly plan: PlannedCases,
    private readonly positions?: readonly number[],
  ) {}

  /** How many cases there are to run. */
  get length(): number {
    return this.positions ? this.positions.length : this.plan.length;
  }

  /** The case to run at `index` (0 ≤ index < length); each index is taken once. */
  take(index: number): PlannedCase {
    const position = this.positions ? this.positions[index] : index;
    const c = position === undefined ? undefined : this.plan.at(position);
    if (!c) throw new Error(`no planned case at position ${index} of ${this.length}`);
    if (Array.isArray(this.plan)) (this.plan as (PlannedCase | undefined)[])[position as number] = undefined;
    return c;
  }
}
