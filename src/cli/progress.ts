import type { SuiteName } from '../engine/model/suiteNames';
import type { RunEvent } from '../engine/model/runTypes';

/** Where and how progress is shown. */
export interface ProgressOptions {
  /** Redraw one line with `\r` (a terminal) instead of printing periodic lines (CI logs). */
  tty: boolean;
  color: boolean;
  /** Terminal width for the redrawn line. */
  columns?: number;
  /** Milliseconds between plain progress lines (default 10 s). */
  intervalMs?: number;
  /** Milliseconds between redraws of the live line (default 100). */
  redrawMs?: number;
  now?: () => number;
}

/** Shows a run's progress; feed it the run's events. */
export interface ProgressView {
  onEvent(event: RunEvent): void;
  /** Prints a note on its own line without breaking the live line. */
  note(message: string): void;
  /** Clears the live line; call before printing the results. */
  stop(): void;
}

/** `mm:ss` (or `h:mm:ss`) of a duration. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

/** A text progress bar of `width` cells. */
export function progressBar(done: number, total: number, width: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const full = Math.round(ratio * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

/**
 * Progress for `aiqk run`: on a terminal a single line redrawn in place (bar,
 * done/total, current suite, elapsed), at most every `redrawMs`; elsewhere a
 * plain line when the run and each suite start and finish, and every
 * `intervalMs` in between, so CI logs stay short but show life.
 */
export function createProgress(out: NodeJS.WritableStream, options: ProgressOptions): ProgressView {
  const now = options.now ?? Date.now;
  const started = now();
  const interval = options.intervalMs ?? 10_000;
  const redraw = options.redrawMs ?? 100;
  let done = 0;
  let total = 0;
  let suite: SuiteName | undefined;
  let lastDraw = 0;
  let lastLine = started;
  let drawn = false;
  const dim = (s: string): string => (options.color ? `\x1b[2m${s}\x1b[22m` : s);

  const status = (): string => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
    return `${done}/${total} cases (${pct}%)${suite ? `, ${suite}` : ''}, ${formatElapsed(now() - started)}`;
  };
  const draw = (force = false): void => {
    const t = now();
    if (!force && t - lastDraw < redraw) return;
    lastDraw = t;
    const width = Math.max(40, (options.columns ?? 80) - 1);
    const line = `${progressBar(done, total, 20)} ${status()}`.slice(0, width);
    out.write(`\r${line}\x1b[K`);
    drawn = true;
  };
  const clear = (): void => {
    if (drawn) out.write('\r\x1b[K');
    drawn = false;
  };
  const say = (message: string): void => {
    if (options.tty) {
      clear();
      out.write(`${message}\n`);
      draw(true);
    } else {
      out.write(`${message}\n`);
      lastLine = now();
    }
  };

  return {
    onEvent(event: RunEvent): void {
      switch (event.type) {
        case 'run-started':
          total = event.total;
          say(`aiqk: run ${event.runId} started: ${event.total} cases in ${event.suites.join(', ')}`);
          break;
        case 'suite-started':
          suite = event.suite;
          if (!options.tty) say(`aiqk: ${event.suite}: ${event.total} cases`);
          else draw(true);
          break;
        case 'case-finished':
          done = event.done;
          total = event.total;
          if (options.tty) draw();
          else if (now() - lastLine >= interval) say(`aiqk: ${status()}`);
          break;
        case 'suite-finished': {
          const s = event.summary;
          say(`aiqk: ${s.suite} ${s.status} ${dim(`(${s.passed} passed, ${s.failed} failed, ${s.errors} errors of ${s.total})`)}`);
          break;
        }
        case 'log':
          if (event.entry.level === 'error') say(`aiqk: error: ${event.entry.message}`);
          break;
        case 'case-started':
        case 'run-finished':
          break;
      }
    },
    note: say,
    stop: clear,
  };
}
