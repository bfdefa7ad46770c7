import type { SuiteContext, SuiteDefinition, SummaryFold } from '../suites/suite';
import { guardedFold } from '../suites/suite';
import type { CasePool } from '../resilience/pool';
import type { RunState } from './runState';
import type { PlanQueue } from './planQueue';
import { logTo } from './runState';
import type { CaseCounts } from '../model/caseOutcome';
import { countCase, errorCase, errorSummary, noCases } from '../model/caseOutcome';
import { CaseOrder } from './caseOrder';
import type { CaseResult, SuiteSummary } from '../model/runTypes';

/** What running one suite's planned cases gave: its summary and its case counts (the cases went to the run's window and spill). */
export interface SuiteRun {
  summary: SuiteSummary;
  counts: CaseCounts;
}

/**
 * Runs a suite's planned cases through the run's pool. Each finished case is
 * put back in plan order, then folded into the suite's summary, kept in the
 * run's case window and written to the run's spill, and let go: a suite holds
 * no case longer than it takes. `prepared` is the per-run state the suite's
 * prepare() built; `planned` gives each case once, when its turn comes. After
 * cancel, cases in flight that come back as errors (aborted requests) are
 * dropped rather than reported as the target's fault, and a case that ignores
 * the abort is waited for at most `cancelGraceMs`.
 */
export async function runSuite(
  state: RunState,
  def: SuiteDefinition,
  ctx: SuiteContext,
  planned: PlanQueue,
  pool: CasePool,
  prepared?: unknown,
): Promise<SuiteRun> {
  const count = planned.length;
  const { hub, runId, progress, signal } = state;
  const suite = def.name;
  let sealed = false;
  let aborted = 0;
  const suiteStarted = state.now();
  const summary = new SuiteSummaryFold(def, ctx, prepared);
  const order = new CaseOrder(count, (c) => {
    summary.add(c);
    state.window.add(c);
    state.spill?.write(c);
  });
  const worker = async (i: number): Promise<void> => {
    const pc = planned.take(i);
    if (hub.active) hub.emit({ type: 'case-started', runId, suite, caseId: pc.id });
    const caseStarted = state.now();
    let result: CaseResult;
    try {
      result = await def.runCase(pc, ctx, prepared);
      if (result === null || typeof result !== 'object') throw new Error(`suite ${suite} returned no result for case ${pc.id}`);
    } catch (err) {
      result = errorCase(suite, pc, err, new Date(state.now()).toISOString());
    }
    if (sealed) return;
    if (signal.aborted && (result.status === 'error' || result.status === 'cancelled')) {
      aborted++;
      order.settle(i, undefined);
      return;
    }
    result = { ...result, duration_ms: Math.max(0, state.now() - caseStarted) };
    order.settle(i, result);
    progress.done++;
    if (hub.active) hub.emit({ type: 'case-finished', runId, case: result, done: progress.done, total: progress.total });
  };
  const abandoned = await untilSettledOrAbandoned(
    pool.runIndexed(count, signal, worker, def.sequential ? 1 : undefined),
    signal,
    state.cancelGraceMs,
  );
  sealed = true;
  order.flush();
  if (aborted > 0)
    logTo(state, 'info', `${suite}: ${aborted} case${aborted === 1 ? '' : 's'} in flight stopped by the cancel (not reported)`);
  if (abandoned) logTo(state, 'warn', `${suite}: cases still running ${state.cancelGraceMs} ms after the cancel were abandoned`);
  const done = summary.finish(count, signal.aborted);
  return { summary: { ...done, duration_ms: Math.max(0, state.now() - suiteStarted) }, counts: summary.counts };
}

/**
 * A suite's summary fold as the runner drives it: it counts the cases itself, so
 * a fold that throws (while adding or finishing) makes the suite errored with
 * its counts rather than stopping the run; a partial suite is marked cancelled.
 */
export class SuiteSummaryFold {
  readonly counts: CaseCounts = noCases();
  private readonly fold: SummaryFold;

  constructor(def: SuiteDefinition, ctx: SuiteContext, prepared: unknown) {
    this.fold = guardedFold(
      () => def.summarizer(ctx, prepared),
      (why) => errorSummary(def.name, this.counts, `the summary could not be computed: ${why}`),
    );
  }

  add(c: CaseResult): void {
    countCase(this.counts, c);
    this.fold.add(c);
  }

  /** The summary of the cases added, out of `planned`; `cancelled` when the run was cancelled. */
  finish(planned: number, cancelled: boolean): SuiteSummary {
    const summary = this.fold.finish();
    const finished = this.counts.total;
    if (!cancelled || finished >= planned) return summary;
    return {
      ...summary,
      status: 'cancelled',
      notes: [...summary.notes, `cancelled after ${finished} of ${planned} cases: metrics cover the finished cases only`],
    };
  }
}

// Resolves when `work` settles, or `graceMs` after an abort if it has not:
// true in that case. One listener per suite, not per case.
function untilSettledOrAbandoned(work: Promise<void>, signal: AbortSignal, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      timer = setTimeout(() => resolve(true), graceMs);
    };
    work.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        if (timer) clearTimeout(timer);
        resolve(false);
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        if (timer) clearTimeout(timer);
        resolve(false);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
