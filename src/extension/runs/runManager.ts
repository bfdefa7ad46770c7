import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WrittenReports } from '../../engine/report/writeReports';
import type { RunEvents } from '../../engine/run/events';
import { runAndWriteReports } from '../../engine/run/runAndWriteReports';
import type { RunEvent, RunResult } from '../../engine/model/runTypes';
import type { SuiteName } from '../../engine/model/suiteNames';
import type { SecretResolver } from '../secrets/secretLookup';
import type { DataKind } from '../../engine/model/dataKinds';
import type { PreparedRun } from '../../engine/prepare/preparedRun';
import type { RunLog } from './runLog';

/** Where a run was started from (decides which UI follows it). */
export type RunOrigin = 'command' | 'task' | 'testExplorer';

/** How to start a prepared run. */
export interface StartOptions {
  origin: RunOrigin;
  /** A run id chosen beforehand (a command that returns it at once). */
  runId?: string;
  /** The Test Explorer run that follows this run (when started from the Test Explorer). */
  testRun?: vscode.TestRun;
  /** Runs only these case ids (the Test Explorer running single cases). */
  caseIds?: readonly string[];
}

/** Live progress of a run. */
export interface RunProgress {
  done: number;
  total: number;
  suite?: SuiteName;
}

/** A run in progress, as the extension's views see it. */
export interface ActiveRun {
  readonly runId: string;
  readonly profileUri: vscode.Uri;
  readonly suites: SuiteName[];
  readonly origin: RunOrigin;
  readonly startedAt: number;
  readonly events: RunEvents;
  readonly progress: RunProgress;
  readonly testRun?: vscode.TestRun;
  /** True once cancel was asked for. */
  readonly cancelling: boolean;
  /** Resolves when the reports are written (cancelled runs included); never rejects. */
  readonly finished: Promise<FinishedRun>;
  cancel(reason?: string): void;
}

/** A run that ended, with its reports. */
export interface FinishedRun {
  runId: string;
  profileUri: vscode.Uri;
  origin: RunOrigin;
  result: RunResult;
  files: WrittenReports;
  writeError?: string;
  /** How many records each data file of the run holds, for the sampling lines of the run's story. */
  records?: Partial<Record<DataKind, number>>;
}

const KEPT_FINISHED = 50;
const CHANGE_THROTTLE_MS = 250;

/**
 * Starts runs through the engine's runAndWriteReports (the CLI's path: reports
 * and audit written for every ending, cancelled included), keeps the running
 * ones, and tells the views when runs start, progress and finish.
 */
export class RunManager implements vscode.Disposable {
  private readonly running = new Map<string, ActiveRun>();
  private readonly done = new Map<string, FinishedRun>();
  private readonly startEmitter = new vscode.EventEmitter<ActiveRun>();
  private readonly finishEmitter = new vscode.EventEmitter<FinishedRun>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private changeTimer: NodeJS.Timeout | undefined;

  /** A run started; fired synchronously, before its first event, so listeners miss nothing. */
  readonly onDidStart = this.startEmitter.event;
  /** A run ended and its reports are written. */
  readonly onDidFinish = this.finishEmitter.event;
  /** Something in the running list changed (throttled for progress). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly secrets: SecretResolver,
    private readonly log: RunLog,
  ) {}

  /** Starts a prepared run; throws only for a run id that is malformed or in use. */
  start(prepared: PreparedRun, profileUri: vscode.Uri, options: StartOptions): ActiveRun {
    const handle = runAndWriteReports(prepared, {
      secrets: this.secrets.lookup,
      ...(options.runId ? { runId: options.runId } : {}),
      ...(options.caseIds ? { caseIds: options.caseIds } : {}),
    });
    const progress: RunProgress = { done: 0, total: 0 };
    let cancelling = false;
    let settled = false;
    const name = path.basename(profileUri.fsPath);
    const finished = handle.written.then((w): FinishedRun => ({
      runId: handle.runId,
      profileUri,
      origin: options.origin,
      result: w.result,
      files: w.files,
      ...(w.writeError ? { writeError: w.writeError } : {}),
      ...(prepared.records ? { records: prepared.records } : {}),
    }));
    const run: ActiveRun = {
      runId: handle.runId,
      profileUri,
      suites: prepared.suites,
      origin: options.origin,
      startedAt: Date.now(),
      events: handle.events,
      progress,
      ...(options.testRun ? { testRun: options.testRun } : {}),
      get cancelling() {
        return cancelling;
      },
      finished,
      cancel: (reason?: string) => {
        // A task terminal closed after its run ended must not log a cancel.
        if (cancelling || settled) return;
        cancelling = true;
        this.log.write('warn', `${handle.runId}: cancel requested (${reason ?? 'cancelled'})`);
        handle.cancel(reason);
        this.changed(true);
      },
    };
    this.running.set(run.runId, run);
    handle.events.onEvent((e) => this.onEvent(run, e));
    this.log.write(
      'info',
      `${run.runId}: started ${name} (${prepared.suites.join(', ')}) from the ${options.origin === 'testExplorer' ? 'Test Explorer' : options.origin}`,
    );
    for (const w of prepared.warnings) this.log.write('warn', `${run.runId}: ${w}`);
    this.startEmitter.fire(run);
    this.changed(true);
    void finished.then((f) => {
      settled = true;
      this.finish(f);
    });
    return run;
  }

  /** The runs in progress, oldest first. */
  active(): ActiveRun[] {
    return [...this.running.values()];
  }

  /** A run in progress, by id. */
  get(runId: string): ActiveRun | undefined {
    return this.running.get(runId);
  }

  /** Cancels a run in progress; false when no such run is running. */
  cancel(runId: string, reason?: string): boolean {
    const run = this.running.get(runId);
    if (!run) return false;
    run.cancel(reason);
    return true;
  }

  /** A recently finished run, by id. */
  finishedRun(runId: string): FinishedRun | undefined {
    return this.done.get(runId);
  }

  /** The most recent finished run (of a profile, when given). */
  lastFinished(profileUri?: vscode.Uri): FinishedRun | undefined {
    const all = [...this.done.values()].reverse();
    return profileUri ? all.find((f) => f.profileUri.toString() === profileUri.toString()) : all[0];
  }

  /** Resolves when the run has started (or at once if it has); rejects after `timeoutMs`. */
  whenStarted(runId: string, timeoutMs: number): Promise<ActiveRun | FinishedRun> {
    const now = this.running.get(runId) ?? this.done.get(runId);
    if (now) return Promise.resolve(now);
    return this.waitFor(this.onDidStart, runId, timeoutMs, 'start');
  }

  /** Resolves when the run has finished and its reports are written; rejects after `timeoutMs`. */
  whenFinished(runId: string, timeoutMs = 600_000): Promise<FinishedRun> {
    const done = this.done.get(runId);
    if (done) return Promise.resolve(done);
    const run = this.running.get(runId);
    if (run) return run.finished;
    return this.waitFor(this.onDidFinish, runId, timeoutMs, 'finish');
  }

  private waitFor<T extends { runId: string }>(event: vscode.Event<T>, runId: string, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`run ${runId} did not ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = event((r) => {
        if (r.runId !== runId) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(r);
      });
    });
  }

  private onEvent(run: ActiveRun, e: RunEvent): void {
    switch (e.type) {
      case 'run-started':
        run.progress.total = e.total;
        this.changed(true);
        break;
      case 'suite-started':
        run.progress.suite = e.suite;
        this.changed(true);
        break;
      case 'case-finished':
        run.progress.done = e.done;
        run.progress.total = e.total;
        this.changed(false);
        break;
      case 'suite-finished': {
        const s = e.summary;
        this.log.write(
          s.status === 'failed' || s.status === 'error' ? 'warn' : 'info',
          `${run.runId}: ${s.suite} ${s.status} (${s.passed} passed, ${s.failed} failed, ${s.errors} errors of ${s.total})`,
        );
        break;
      }
      case 'log':
        this.log.write(e.entry.level, `${run.runId}: ${e.entry.message}`);
        break;
      case 'case-started':
      case 'run-finished':
        break;
    }
  }

  private finish(f: FinishedRun): void {
    this.running.delete(f.runId);
    this.done.set(f.runId, f);
    if (this.done.size > KEPT_FINISHED) this.done.delete(this.done.keys().next().value as string);
    const o = f.result.summary.overall;
    this.log.write(
      f.result.run.status === 'passed' ? 'info' : 'warn',
      `${f.runId}: ${f.result.run.status}, ${o.passed}/${o.total} cases passed in ${(f.result.run.duration_ms / 1000).toFixed(1)} s`,
    );
    for (const file of Object.values(f.files)) this.log.write('info', `${f.runId}: report ${file}`);
    if (f.writeError) this.log.write('error', `${f.runId}: ${f.writeError}`);
    this.finishEmitter.fire(f);
    this.changed(true);
  }

  // Progress arrives per case; views redraw at most every CHANGE_THROTTLE_MS.
  private changed(now: boolean): void {
    if (now) {
      clearTimeout(this.changeTimer);
      this.changeTimer = undefined;
      this.changeEmitter.fire();
      return;
    }
    this.changeTimer ??= setTimeout(() => {
      this.changeTimer = undefined;
      this.changeEmitter.fire();
    }, CHANGE_THROTTLE_MS);
  }

  dispose(): void {
    for (const run of this.running.values()) run.cancel('VS Code is closing the extension');
    clearTimeout(this.changeTimer);
    this.startEmitter.dispose();
    this.finishEmitter.dispose();
    this.changeEmitter.dispose();
  }
}

/** What the run features share: the manager and the run log. */
export interface RunDeps {
  manager: RunManager;
  log: RunLog;
  /** The run notifications: told when a caller shows a run's result itself; shows (and records) a message. */
  notices: {
    shownElsewhere(runId: string): void;
    show(severity: 'info' | 'warning' | 'error', text: string, ...actions: string[]): Thenable<string | undefined>;
  };
}
