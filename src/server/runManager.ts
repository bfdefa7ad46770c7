import type { PreparedRun } from '../engine/prepare/preparedRun';
import type { SecretLookup } from '../engine/model/target';
import type { RunEvent } from '../engine/model/runTypes';
import type { ReportingRunHandle } from '../engine/run/runAndWriteReports';
import { runAndWriteReports } from '../engine/run/runAndWriteReports';
import type { Journal } from './journal';
import type { RunRecord } from './runRecord';
import { FINAL_STATUSES, summaryOf } from './runRecord';

/** A run event as the events stream sends it: small, no answers or inputs. */
export interface ProgressEvent {
  type: 'status' | 'suite-started' | 'case-finished' | 'suite-finished' | 'end';
  run: RunRecord;
  suite?: string;
  case_id?: string;
  case_status?: string;
}

/** How many ids cancelled before their start are remembered. */
const MAX_PRECANCELLED = 10000;

/** Why a run was not accepted. */
export class RunRefused extends Error {
  constructor(
    readonly code: 409 | 429,
    message: string,
  ) {
    super(message);
  }
}

/** The run manager's settings. */
export interface RunManagerOptions {
  maxConcurrent: number;
  maxQueue: number;
  reportsDir: string;
  /** The engine's own audit of runs (run_started … run_finished). */
  runAuditFile: string;
  secrets: SecretLookup;
  journal: Journal;
}

interface Live {
  record: RunRecord;
  prepared?: PreparedRun;
  handle?: ReportingRunHandle;
  controller: AbortController;
  /** Whether the engine said the run started (its target is set up). */
  started: boolean;
  /** A cancel that came before that: applied as soon as the run starts, so it ends cancelled, not in error. */
  cancelAtStart?: string;
  listeners: Set<(e: ProgressEvent) => void>;
  ended: Promise<RunRecord>;
  end: (r: RunRecord) => void;
}

/**
 * Every run the server knows: the ones restored from the audit log, the queue and
 * the ones running (at most maxConcurrent). Cancelling an id nobody started yet is
 * remembered, so a start with that id is cancelled at once, as in the original API.
 */
export class RunManager {
  private readonly runs = new Map<string, Live>();
  private readonly queue: Live[] = [];
  private readonly precancelled = new Map<string, string>();
  private running = 0;
  private stopping = false;

  constructor(private readonly opts: RunManagerOptions) {}

  /** Adds runs read back from the audit log (all final). */
  restore(records: readonly RunRecord[]): void {
    for (const record of records) {
      const live = this.newLive(record);
      live.end(record);
      this.runs.set(record.run_id, live);
    }
  }

  get(runId: string): RunRecord | undefined {
    return this.runs.get(runId)?.record;
  }

  /** Every run, newest first. */
  list(): RunRecord[] {
    return [...this.runs.values()]
      .map((l) => l.record)
      .sort((a, b) => (a.accepted_at < b.accepted_at ? 1 : a.accepted_at > b.accepted_at ? -1 : 0));
  }

  /** How many runs wait for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs queued or running. */
  get active(): number {
    return this.running + this.queue.length;
  }

  /** Accepts a prepared run: it starts now or waits in the queue. Throws RunRefused (409 id in use, 429 queue full). */
  accept(prepared: PreparedRun, runId: string, owner: string, profileName: string): RunRecord {
    if (this.stopping) throw new RunRefused(429, 'the server is stopping');
    if (this.runs.has(runId)) throw new RunRefused(409, `run id '${runId}' was already used`);
    const startsNow = this.running < this.opts.maxConcurrent;
    if (!startsNow && this.queue.length >= this.opts.maxQueue)
      throw new RunRefused(429, `${this.running} runs are running and ${this.queue.length} wait, the most this server takes`);
    const record: RunRecord = {
      run_id: runId,
      owner,
      profile_name: profileName,
      status: 'queued',
      accepted_at: new Date().toISOString(),
      progress: { done: 0, total: 0 },
      reports: [],
    };
    const live = this.newLive(record);
    live.prepared = prepared;
    this.runs.set(runId, live);
    void this.opts.journal.write({ event: 'run_accepted', run_id: runId, who: owner, profile_name: profileName });
    const cancelledBy = this.precancelled.get(runId);
    // Only the caller that starts the run (or an admin) can have cancelled it beforehand.
    if (cancelledBy !== undefined && (cancelledBy === owner || cancelledBy.startsWith('admin-'))) {
      this.precancelled.delete(runId);
      live.cancelAtStart = `cancelled before it started by ${cancelledBy}`;
    }
    // A run cancelled before its start still goes through the engine, which ends it at once
    // with a report marked cancelled.
    if (startsNow || live.cancelAtStart) this.launch(live);
    else this.queue.push(live);
    return record;
  }

  /** Cancels a run; an id never seen is remembered and cancels the run that later takes it. */
  cancel(runId: string, by: string): 'cancelled' | 'precancelled' | 'finished' {
    const live = this.runs.get(runId);
    if (!live) {
      this.precancelled.set(runId, by);
      // Remembered ids are bounded: the oldest is forgotten first.
      if (this.precancelled.size > MAX_PRECANCELLED) this.precancelled.delete(this.precancelled.keys().next().value as string);
      return 'precancelled';
    }
    if (FINAL_STATUSES.includes(live.record.status)) return 'finished';
    const reason = `cancelled by ${by}`;
    // The run listens to this signal. Before its target is set up, the cancel waits for
    // that moment: a run stopped during its setup would end in error, not cancelled.
    if (live.started) live.controller.abort(new Error(reason));
    else live.cancelAtStart ??= reason;
    if (!live.handle) {
      const at = this.queue.indexOf(live);
      if (at >= 0) this.queue.splice(at, 1);
      this.launch(live);
    }
    return 'cancelled';
  }

  /** Resolves with the run's record when it has ended. */
  whenEnded(runId: string): Promise<RunRecord> | undefined {
    return this.runs.get(runId)?.ended;
  }

  /** Calls `listener` with the run's events until it ends; returns the unsubscribe function. */
  subscribe(runId: string, listener: (e: ProgressEvent) => void): () => void {
    const live = this.runs.get(runId);
    if (!live) return () => undefined;
    live.listeners.add(listener);
    return () => live.listeners.delete(listener);
  }

  /** Stops taking runs, cancels queued and running ones and waits until their reports are written. */
  async shutdown(reason: string): Promise<void> {
    this.stopping = true;
    const all = [...this.runs.values()].filter((l) => !FINAL_STATUSES.includes(l.record.status));
    // Queued runs never started: they end cancelled at once, with nothing to report.
    for (const live of this.queue.splice(0)) this.endUnstarted(live, reason);
    for (const live of all) if (live.handle) this.cancel(live.record.run_id, reason);
    await Promise.all(all.map((l) => l.ended));
    await this.opts.journal.flush();
  }

  private newLive(record: RunRecord): Live {
    let end: (r: RunRecord) => void = () => undefined;
    const ended = new Promise<RunRecord>((resolve) => (end = resolve));
    return { record, controller: new AbortController(), started: false, listeners: new Set(), ended, end };
  }

  private launch(live: Live): void {
    const prepared = live.prepared;
    if (!prepared) return;
    live.prepared = undefined;
    this.running++;
    const record = live.record;
    record.status = 'running';
    record.started_at = new Date().toISOString();
    void this.opts.journal.write({ event: 'run_started', run_id: record.run_id, who: record.owner });
    const handle = runAndWriteReports(prepared, {
      runId: record.run_id,
      secrets: this.opts.secrets,
      signal: live.controller.signal,
      auditFile: this.opts.runAuditFile,
    });
    live.handle = handle;
    this.emit(live, { type: 'status', run: record });
    handle.events.onEvent((e) => this.onEvent(live, e));
    void handle.written.then(({ result, files }) => {
      record.status = result.run.status;
      record.finished_at = result.run.finished_at;
      record.summary = summaryOf(result);
      record.progress = { done: record.progress.done, total: Math.max(record.progress.total, record.progress.done) };
      record.reports = Object.keys(files);
      const reason =
        result.run.status === 'error' ? result.run.error : result.run.status === 'cancelled' ? reasonOf(live.controller.signal) : undefined;
      if (reason) record.reason = reason;
      this.running--;
      live.handle = undefined;
      void this.opts.journal.write({
        event: 'run_ended',
        run_id: record.run_id,
        who: record.owner,
        status: record.status,
        summary: {
          total: record.summary.total,
          passed: record.summary.passed,
          failed: record.summary.failed,
          errors: record.summary.errors,
        },
        ...(reason ? { reason } : {}),
      });
      this.emit(live, { type: 'end', run: record });
      live.listeners.clear();
      live.end(record);
      this.pump();
    });
  }

  private endUnstarted(live: Live, reason: string): void {
    const record = live.record;
    live.prepared = undefined;
    record.status = 'cancelled';
    record.finished_at = new Date().toISOString();
    record.reason = `${reason} before the run started`;
    void this.opts.journal.write({
      event: 'run_ended',
      run_id: record.run_id,
      who: record.owner,
      status: 'cancelled',
      reason: record.reason,
    });
    this.emit(live, { type: 'end', run: record });
    live.listeners.clear();
    live.end(record);
  }

  private pump(): void {
    while (this.running < this.opts.maxConcurrent && this.queue.length > 0) this.launch(this.queue.shift() as Live);
  }

  private onEvent(live: Live, e: RunEvent): void {
    const record = live.record;
    if (e.type === 'run-started') {
      record.progress = { done: 0, total: e.total };
      live.started = true;
      if (live.cancelAtStart) live.controller.abort(new Error(live.cancelAtStart));
    } else if (e.type === 'suite-started') this.emit(live, { type: 'suite-started', run: record, suite: e.suite });
    else if (e.type === 'case-finished') {
      record.progress = { done: e.done, total: e.total };
      this.emit(live, { type: 'case-finished', run: record, suite: e.case.suite, case_id: e.case.case_id, case_status: e.case.status });
    } else if (e.type === 'suite-finished') this.emit(live, { type: 'suite-finished', run: record, suite: e.summary.suite });
  }

  private emit(live: Live, event: ProgressEvent): void {
    for (const l of live.listeners) l(event);
  }
}

function reasonOf(signal: AbortSignal): string | undefined {
  if (!signal.aborted) return undefined;
  const r: unknown = signal.reason;
  return r instanceof Error ? r.message : typeof r === 'string' ? r : 'cancelled';
}
