import { setMaxListeners } from 'node:events';
import type { ResolvedProfile } from '../config/resolve';
import { newRunId } from '../model/runId';
import type { SuiteName } from '../model/suiteNames';
import type { SuiteDefinition } from '../suites/suite';
import { sanitizeTarget } from '../targets/createTarget';
import type { SecretLookup } from '../model/target';
import type { AuditEventName } from './audit';
import { AuditLog } from './audit';
import type { RunEvents } from './events';
import { RunEventHub } from './events';
import { executeRun } from './execute';
import type { PreparedRun } from '../prepare/preparedRun';
import { asPreparedRun } from '../prepare/preparedRun';
import { runIdProblem } from '../model/runId';
import type { RunState } from './runState';
import { logTo } from './runState';
import type { Shard } from '../prepare/shard';
import type { RunResult } from '../model/runTypes';
import type { CaseSpill } from './caseSpill';
import { CASE_WINDOW, CaseWindow } from './caseWindow';
import { errorMessage } from '../model/caseOutcome';

/** How a run is started besides what it runs. */
export interface RunOptions {
  /** Where secrets named in the profile are looked up (env vars, VS Code SecretStorage). Default: none found. */
  secrets?: SecretLookup;
  /** The run id, chosen by the client so it can cancel before anything returns. Default: a new id. */
  runId?: string;
  /** Cancels the run when aborted (the extension's CancellationToken, a CLI signal). */
  signal?: AbortSignal;
  /** Clock in milliseconds since the epoch (tests). */
  now?: () => number;
  /** A baseline report for regression, overriding the profile's and the newest report. */
  baseline?: string;
  /** Runs only the planned cases with these ids (of the suites run); the others are not run nor reported. */
  caseIds?: readonly string[];
  /** Appends audit records (run_started, run_finished, …) to this JSONL file. Default: no audit. */
  auditFile?: string;
  /** Suite definitions to use instead of the registry's. */
  definitions?: Partial<Record<SuiteName, SuiteDefinition>>;
  /** How long cases may take to stop after cancel before they are abandoned (default 2000 ms). */
  cancelGraceMs?: number;
  /**
   * Where every finished case is written as it finishes, in plan order: what a
   * cancelled or crashed run finished stays on disk, and the run keeps only a
   * window of its cases in memory (see CaseWindow). The run closes it.
   */
  spill?: CaseSpill;
  /** How many cases a spilled run keeps in memory, and how many more that did not pass (default CASE_WINDOW). */
  keptCases?: number;
}

/** How a run is started from a resolved profile that was not prepared (tests, benchmarks): the run gate is asked here. */
export interface StartRunOptions extends RunOptions {
  /** Suites to run instead of the profile's. */
  suites?: SuiteName[];
  /** Shard to run instead of the profile's. */
  shard?: Shard;
}

/** A run in progress. */
export interface RunHandle {
  readonly runId: string;
  readonly events: RunEvents;
  /** The run's result; never rejects (failures are the result's status). */
  readonly result: Promise<RunResult>;
  /** Stops new work at once and aborts calls in flight; the result keeps what finished. */
  cancel(reason?: string): void;
}

const noSecrets: SecretLookup = async () => undefined;

// Ids of the runs in progress in this process: a client chooses the id to cancel by, and
// two runs under one id would write each other's reports.
const runningIds = new Set<string>();

/**
 * Starts a run and returns at once. Nothing runs before the caller had a chance
 * to subscribe: the work begins on a later tick. Throws only for a run id
 * that is malformed or already running. A prepared run (prepareRun) carries
 * its suites, shard and the run gate's answer; a bare resolved profile is gated here.
 */
export function startRun(prepared: PreparedRun, options?: RunOptions): RunHandle;
/** Starts a run of a resolved profile that was not prepared; its files are not checked. */
export function startRun(profile: ResolvedProfile, options?: StartRunOptions): RunHandle;
export function startRun(run: PreparedRun | ResolvedProfile, options: StartRunOptions = {}): RunHandle {
  const prepared = asPreparedRun(run, options);
  const profile = prepared.profile;
  const now = options.now ?? Date.now;
  const runId = options.runId ?? newRunId(new Date(now()));
  const idProblem = runIdProblem(runId);
  if (idProblem) throw new Error(idProblem);
  if (runningIds.has(runId)) throw new Error(`a run with id '${runId}' is already running`);
  const controller = new AbortController();
  // Every call in flight listens to the run's signal: as many listeners as the run's concurrency.
  setMaxListeners(0, controller.signal);
  const hub = new RunEventHub();
  const suites = prepared.suites;
  const state: RunState = {
    runId,
    profile,
    suites,
    ...(prepared.shard ? { shard: prepared.shard } : {}),
    gate: prepared.gate,
    inline: prepared.inline,
    ...(options.definitions ? { definitions: options.definitions } : {}),
    ...(options.caseIds ? { caseIds: new Set(options.caseIds) } : {}),
    secrets: options.secrets ?? noSecrets,
    ...(options.baseline ? { baselineFile: options.baseline } : {}),
    now,
    signal: controller.signal,
    hub,
    logs: [],
    progress: { done: 0, total: 0 },
    cancelGraceMs: options.cancelGraceMs ?? 2000,
    ...(options.spill ? { spill: options.spill } : {}),
    window: new CaseWindow(options.spill ? (options.keptCases ?? CASE_WINDOW) : Infinity),
  };
  const startedAt = new Date(now()).toISOString();
  let finished = false;
  const cancel = (reason?: string): void => {
    if (finished || controller.signal.aborted) return;
    state.cancelReason = reason ?? 'cancelled';
    logTo(state, 'warn', `cancel requested: ${state.cancelReason}`);
    controller.abort(new Error(state.cancelReason));
  };
  runningIds.add(runId);
  const external = options.signal;
  const onExternalAbort = (): void => cancel(reasonOf(external));
  if (external?.aborted) cancel(reasonOf(external));
  else external?.addEventListener('abort', onExternalAbort, { once: true });

  const audit = options.auditFile ? new AuditLog(options.auditFile, (m) => logTo(state, 'warn', m)) : undefined;
  const auditBase = { run_id: runId, profile: profile.file, suites, target: sanitizeTarget(profile.raw.target) };
  const result = (async (): Promise<RunResult> => {
    // Let the caller subscribe before the first event.
    await Promise.resolve();
    void audit?.write({ time: startedAt, event: 'run_started', ...auditBase });
    try {
      const res = await executeRun(state).catch((err: unknown) => crashResult(state, startedAt, err));
      if (state.spill) await closeSpill(state, state.spill, res);
      hub.emit({ type: 'run-finished', runId, result: res });
      if (audit) {
        const { total, passed, failed, errors } = res.summary.overall;
        const event: AuditEventName =
          res.run.status === 'cancelled' ? 'run_cancelled' : res.run.status === 'error' ? 'run_failed' : 'run_finished';
        const reason = res.run.status === 'cancelled' ? state.cancelReason : res.run.error;
        await audit.write({
          time: res.run.finished_at,
          event,
          ...auditBase,
          status: res.run.status,
          counts: { total, passed, failed, errors },
          duration_ms: res.run.duration_ms,
          ...(reason ? { reason } : {}),
        });
      }
      return res;
    } finally {
      finished = true;
      external?.removeEventListener('abort', onExternalAbort);
      runningIds.delete(runId);
      hub.close();
    }
  })();
  return { runId, events: hub, result, cancel };
}

// executeRun turns every failure into a result; this is the last line of defence
// so that `result` never rejects even if building that result threw.
function crashResult(state: RunState, startedAt: string, err: unknown): RunResult {
  const message = `the run stopped on an internal error: ${err instanceof Error ? err.message : String(err)}`;
  logTo(state, 'error', message);
  const finishedAt = new Date(state.now()).toISOString();
  return {
    version: 1,
    run: {
      id: state.runId,
      profile: state.profile.file,
      started_at: startedAt,
      finished_at: finishedAt,
      duration_ms: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
      status: 'error',
      target: {},
      suites: [...state.suites],
      options: {},
      error: message,
    },
    summary: { overall: { total: 0, passed: 0, failed: 0, errors: 0, pass_rate: null, status: 'error' }, suites: {} },
    cases: [],
    inputs: state.profile.raw,
    logs: [...state.logs],
  };
}

// The spill is a copy of the finished cases: failing to write it is told, not fatal.
async function closeSpill(state: RunState, spill: CaseSpill, res: RunResult): Promise<void> {
  try {
    await spill.close();
  } catch (err) {
    const entry = { time: new Date(state.now()).toISOString(), level: 'warn' as const, message: errorMessage(err) };
    res.logs.push(entry);
    logTo(state, 'warn', entry.message);
  }
}

function reasonOf(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  if (r instanceof Error && r.message) return r.message;
  if (typeof r === 'string' && r) return r;
  return 'cancelled by the caller';
}
