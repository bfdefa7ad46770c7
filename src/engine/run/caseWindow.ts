import type { CaseResult, CaseStatus } from '../model/runTypes';

/** How many cases a run whose cases are spilled keeps in memory, and how many more failing ones. */
export const CASE_WINDOW = 5_000;

/**
 * The cases a run keeps in memory for its result (`RunResult.cases`): every
 * case when nothing else holds them; when they are spilled to disk, the first
 * `limit` cases and then only the ones that did not pass, up to `limit` more,
 * so a large run costs the same memory as a small one and what needs looking
 * at is still at hand. The written reports hold every case.
 */
export class CaseWindow {
  readonly cases: CaseResult[] = [];
  /** Cases left out (the reports have them). */
  omitted = 0;

  constructor(private readonly limit: number = Infinity) {}

  add(c: CaseResult): void {
    if (keptInWindow(this.cases.length, c.status, this.limit)) this.cases.push(c);
    else this.omitted++;
  }
}

/** Whether a window already holding `held` cases keeps one more of this status (see CaseWindow). */
export function keptInWindow(held: number, status: CaseStatus, limit = CASE_WINDOW): boolean {
  return held < limit || (status !== 'passed' && held < 2 * limit);
}
