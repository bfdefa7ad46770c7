import type { SuiteName } from '../model/suiteNames';

/** A run in progress as the registry shows it. */
export interface RunningRunInfo {
  runId: string;
  /** Absolute path of the run profile. */
  profile: string;
  suites: SuiteName[];
  /** ISO time the run started. */
  startedAt: string;
  /** Cases finished so far. */
  done: number;
  /** Cases planned (0 until planning is over). */
  total: number;
  /** The suite running now, if any. */
  currentSuite?: SuiteName;
  /** True once cancel was asked for (the run is winding down). */
  cancelling: boolean;
}

/** What the runner registers: live progress plus a way to cancel. */
export interface RunRegistration {
  info(): RunningRunInfo;
  cancel(reason?: string): void;
}

const running = new Map<string, RunRegistration>();

/**
 * Adds a run to the registry; throws when a run with the same id is running
 * (ids are how clients cancel, so they must be unique). Returns the removal function.
 */
export function registerRun(runId: string, registration: RunRegistration): () => void {
  if (running.has(runId)) throw new Error(`a run with id '${runId}' is already running`);
  running.set(runId, registration);
  return () => {
    if (running.get(runId) === registration) running.delete(runId);
  };
}

/** The runs in progress, oldest first. */
export function listRuns(): RunningRunInfo[] {
  return [...running.values()].map((r) => r.info());
}

/** One run in progress, by id. */
export function getRun(runId: string): RunningRunInfo | undefined {
  return running.get(runId)?.info();
}

/** Cancels a run in progress by id; false when no such run is running. */
export function cancelRun(runId: string, reason?: string): boolean {
  const r = running.get(runId);
  if (!r) return false;
  r.cancel(reason);
  return true;
}
