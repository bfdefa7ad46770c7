// How `aiqk run` reacts to being stopped. Ctrl-C (SIGINT), CI cancellation,
// `timeout` and `docker stop` (SIGTERM) and a closed terminal (SIGHUP) all mean
// the same thing: cancel the run, write the partial reports and the audit end
// line, and exit with 128 + the signal's number. A second signal means "now":
// MCP servers are killed, unfinished report files removed, and the process
// exits before anything else is written.

import { discardTempsNow } from '../engine/report/atomicWrite';
import { killAllGroupsNow } from '../engine/targets/mcp/processGroup';

/** The signals that cancel a run, with the exit code each one ends it with (128 + its number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** A signal that cancels a run. */
export type StopSignal = keyof typeof STOP_SIGNALS;

const NAMES: Record<StopSignal, string> = { SIGINT: 'Ctrl-C', SIGTERM: 'SIGTERM', SIGHUP: 'SIGHUP' };

/** What the run does when the first signal arrives, and how it says things. */
export interface StopHandlers {
  /** Cancels the run (its partial reports are then written). */
  cancel(reason: string): void;
  /** Shows a line to the user (through the progress display when there is one). */
  note(line: string): void;
  /** Stops drawing progress, before the last line of an immediate exit. */
  stopProgress(): void;
}

/** The signal watch of one run. */
export interface StopWatch {
  /** The first signal received, if any. */
  readonly signal: StopSignal | undefined;
  /** Stops listening (the run is over). */
  dispose(): void;
}

/** Listens for SIGINT, SIGTERM and SIGHUP for the duration of a run. */
export function watchStopSignals(handlers: StopHandlers): StopWatch {
  let first: StopSignal | undefined;
  const listeners = new Map<StopSignal, () => void>();
  const onSignal = (signal: StopSignal): void => {
    if (first) return exitNow(signal, handlers);
    first = signal;
    handlers.note(`aiqk run: ${NAMES[signal]} received, cancelling; writing partial reports (send it again to quit at once)`);
    handlers.cancel(`interrupted (${NAMES[signal]})`);
  };
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    const listener = (): void => onSignal(signal);
    listeners.set(signal, listener);
    process.on(signal, listener);
  }
  return {
    get signal() {
      return first;
    },
    dispose() {
      for (const [signal, listener] of listeners) process.removeListener(signal, listener);
      listeners.clear();
    },
  };
}

// Everything that could still write or keep running is stopped before the last
// line, so nothing appears after it; then the process exits without waiting.
function exitNow(signal: StopSignal, handlers: StopHandlers): never {
  killAllGroupsNow();
  discardTempsNow();
  handlers.stopProgress();
  try {
    process.stderr.write(`aiqk run: ${NAMES[signal]} again, exiting at once; unfinished reports are not written\n`);
  } catch {
    // a closed terminal (SIGHUP) may refuse the write; the exit code still tells
  }
  process.exit(STOP_SIGNALS[signal]);
}

/**
 * Makes sure the process ends soon after a command returned: whatever still
 * holds the event loop (a server's pipe, a stuck socket) gets `graceMs`, then
 * the process exits with `code`. The timer itself never keeps the process alive.
 */
export function exitSoonAfter(code: number, graceMs: number): void {
  process.exitCode = code;
  setTimeout(() => {
    killAllGroupsNow();
    process.exit(code);
  }, graceMs).unref();
}
