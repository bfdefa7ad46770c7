import type { SuiteContext, SuiteDefinition } from '../suites/suite';
import type { PlannedCase } from '../model/runTypes';
import type { CasePool } from '../resilience/pool';
import type { RunState } from './runState';
import { logTo } from './runState';
import { errorCase, errorMessage, errorSummary } from '../model/caseOutcome';
import type { CaseResult, SuiteSummary } from '../model/runTypes';

/** What running one suite's planned cases gave. */
export interface SuiteRun {
  cases: CaseResult[];
  summary: SuiteSummary;
}

/**
 * Runs a suite's planned cases through the run's pool, then summarises what
 * finished. `prepared` is the per-run state the suite's prepare() built. After cancel, cases in flight that come back as errors (aborted
 * requests) are dropped rather than reported as the target's fault, and a
 * case that ignores the abort is waited for at most `cancelGraceMs`.
 */
export async function runSuite(
  state: RunState,
  def: SuiteDefinition,
  ctx: SuiteContext,
  planned: readonly PlannedCase[],
  pool: CasePool,
  prepared?: unknown,
): Promise<SuiteRun> {
  const { hub, runId, progress, signal } = state;
  const suite = def.name;
  const results = new Array<CaseResult | undefined>(planned.length);
  let sealed = false;
  let aborted = 0;
  const suiteStarted = state.now();
  const spill = state.spill;
  const spillBase = spill ? spill.reserve(planned.length) : 0;
  const worker = async (pc: PlannedCase, i: number): Promise<void> => {
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
      spill?.settle(spillBase + i, undefined);
      return;
    }
    result = { ...result, duration_ms: Math.max(0, state.now() - caseStarted) };
    results[i] = result;
    spill?.settle(spillBase + i, result);
    progress.done++;
    if (hub.active) hub.emit({ type: 'case-finished', runId, case: result, done: progress.done, total: progress.total });
  };
  const abandoned = await untilSettledOrAbandoned(
    pool.run(planned, signal, worker, def.sequential ? 1 : undefined),
    signal,
    state.cancelGraceMs,
  );
  sealed = true;
  const cases = results.filter((r): r is CaseResult => r !== undefined);
  if (aborted > 0)
    logTo(state, 'info', `${suite}: ${aborted} case${aborted === 1 ? '' : 's'} in flight stopped by the cancel (not reported)`);
  if (abandoned) logTo(state, 'warn', `${suite}: cases still running ${state.cancelGraceMs} ms after the cancel were abandoned`);
  const summary = summarizeSuite(def, ctx, cases, planned.length, signal.aborted, prepared);
  return { cases, summary: { ...summary, duration_ms: Math.max(0, state.now() - suiteStarted) } };
}

/** Summarises a suite's finished cases; a partial suite is marked cancelled. */
export function summarizeSuite(
  def: SuiteDefinition,
  ctx: SuiteContext,
  cases: CaseResult[],
  planned: number,
  cancelled: boolean,
  prepared?: unknown,
): SuiteSummary {
  let summary: SuiteSummary;
  try {
    summary = def.summarize(cases, ctx, prepared);
  } catch (err) {
    summary = errorSummary(def.name, cases, `the summary could not be computed: ${errorMessage(err)}`);
  }
  if (cancelled && cases.length < planned) {
    summary = {
      ...summary,
      status: 'cancelled',
      notes: [...summary.notes, `cancelled after ${cases.length} of ${planned} cases: metrics cover the finished cases only`],
    };
  }
  return summary;
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
