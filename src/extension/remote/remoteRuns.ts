// What VS Code knows of the team server's runs: the history and the running ones
// (GET /orchestrator/runs, /orchestrator/running-tests), each running run followed
// through its events stream for live progress. Read again on demand, after a start or
// an end, and every half minute while the server is configured.
import * as vscode from 'vscode';
import type { ServerRun, TeamServerClient } from './serverClient';
import type { TeamServerError } from './serverClient';
import { followRun } from './serverEvents';
import type { Connection } from './serverSettings';

/** Statuses of a run still going. */
export const ACTIVE_STATUSES: readonly string[] = ['queued', 'running'];

const POLL_MS = 30_000;
const REDRAW_MS = 250;

/** The state of the server's list: not configured, loading, read, or failed (with why). */
export type RemoteState =
  | { kind: 'off'; message: string; missing: 'url' | 'token' }
  | { kind: 'loading' }
  | { kind: 'ready'; runs: ServerRun[] }
  | { kind: 'failed'; error: TeamServerError | Error };

/** The team server's runs, kept current. */
export class RemoteRuns implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly followers = new Map<string, AbortController>();
  private readonly unfollowable = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;
  private redraw: ReturnType<typeof setTimeout> | undefined;
  private current: RemoteState = { kind: 'loading' };
  private loading: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private client: TeamServerClient | undefined;
  /** Fired when the list or a run's progress changed (progress at most every REDRAW_MS). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly connect: () => Promise<Connection>) {
    this.timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  get state(): RemoteState {
    return this.current;
  }

  /** The runs known now (empty unless read). */
  runs(): ServerRun[] {
    return this.current.kind === 'ready' ? this.current.runs : [];
  }

  /** Reads the server's runs again (one read at a time) and follows those still going. */
  refresh(): Promise<void> {
    // A refresh asked for during a read (after a start, say) reads again once it is done.
    if (this.loading) {
      this.again ??= this.loading.then(() => {
        this.again = undefined;
        return this.refresh();
      });
      return this.again;
    }
    this.loading = this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Adds or replaces one run (a start's answer) and follows it. */
  upsert(run: ServerRun): void {
    const runs = this.runs().filter((r) => r.run_id !== run.run_id);
    this.current = { kind: 'ready', runs: [run, ...runs] };
    this.follow();
    this.changed.fire();
  }

  /** Resolves with the run once `until` holds for it (the list is read as events and refreshes come). */
  whenRun(runId: string, until: (run: ServerRun) => boolean, timeoutMs = 60_000): Promise<ServerRun> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const run = this.runs().find((r) => r.run_id === runId);
        if (!run || !until(run)) return false;
        clearTimeout(timer);
        sub.dispose();
        resolve(run);
        return true;
      };
      const sub = this.onDidChange(() => void check());
      const timer = setTimeout(() => {
        sub.dispose();
        reject(
          new Error(
            `run ${runId} did not reach the expected state in ${timeoutMs} ms (now ${this.runs().find((r) => r.run_id === runId)?.status ?? 'unknown'})`,
          ),
        );
      }, timeoutMs);
      check();
    });
  }

  private async load(): Promise<void> {
    const before = this.signature();
    const connection = await this.connect();
    // Streams that failed are tried again with each read of the list, not sooner.
    this.unfollowable.clear();
    if (!connection.ok) {
      this.stopFollowing();
      this.client = undefined;
      this.current = { kind: 'off', message: connection.message, missing: connection.missing };
    } else {
      if (this.client && this.client.baseUrl !== connection.client.baseUrl) this.stopFollowing();
      this.client = connection.client;
      try {
        const [running, history] = await Promise.all([connection.client.running(), connection.client.runs()]);
        const ids = new Set(running.map((r) => r.run_id));
        this.current = { kind: 'ready', runs: [...running, ...history.filter((r) => !ids.has(r.run_id))] };
      } catch (err) {
        this.stopFollowing();
        this.current = { kind: 'failed', error: err as Error };
      }
      this.follow();
    }
    // The poll redraws nothing when nothing changed.
    if (this.signature() !== before) this.changed.fire();
  }

  private signature(): string {
    const c = this.current;
    return c.kind === 'failed' ? `failed:${c.error.message}` : JSON.stringify(c);
  }

  private follow(): void {
    const client = this.client;
    if (!client) return;
    for (const run of this.runs()) {
      if (!ACTIVE_STATUSES.includes(run.status) || this.followers.has(run.run_id) || this.unfollowable.has(run.run_id)) continue;
      const controller = new AbortController();
      this.followers.set(run.run_id, controller);
      followRun(client, run.run_id, (e) => this.update(e.run), controller.signal).then(
        () => this.unfollow(run.run_id, controller, true),
        // A stream refused (429, 404, a token changed) is tried again at the next read of the list.
        () => {
          this.unfollowable.add(run.run_id);
          this.unfollow(run.run_id, controller, false);
        },
      );
    }
  }

  private unfollow(runId: string, controller: AbortController, ended: boolean): void {
    if (this.followers.get(runId) !== controller) return;
    this.followers.delete(runId);
    // Its end: the list is read again for the final summary and report formats.
    if (ended && !controller.signal.aborted) void this.refresh();
  }

  private update(run: ServerRun): void {
    if (this.current.kind !== 'ready') return;
    this.current = { kind: 'ready', runs: this.current.runs.map((r) => (r.run_id === run.run_id ? run : r)) };
    if (!ACTIVE_STATUSES.includes(run.status)) {
      this.changed.fire();
      return;
    }
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.changed.fire();
    }, REDRAW_MS);
  }

  private stopFollowing(): void {
    for (const c of this.followers.values()) c.abort();
    this.followers.clear();
  }

  dispose(): void {
    clearInterval(this.timer);
    if (this.redraw) clearTimeout(this.redraw);
    this.stopFollowing();
    this.changed.dispose();
  }
}
