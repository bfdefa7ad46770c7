import * as vscode from 'vscode';
import type { SuiteName } from '../../engine/model/suiteNames';
import type { PreparedRun } from '../../engine/prepare/preparedRun';
import { checkCanRun } from './runGuard';
import type { ActiveRun, RunDeps } from './runManager';
import { TerminalRunView } from './terminalView';

/** What a task terminal runs. */
export interface RunTerminalTarget {
  profileUri: vscode.Uri;
  suites?: SuiteName[];
  runId?: string;
  /** Already checked by the command that created the task (saves checking twice). */
  prepared?: PreparedRun;
  /** A problem found in the task definition itself (shown instead of running). */
  definitionError?: string;
}

/** Exit codes of a run task: as `aiqk run`. */
export const TASK_EXIT = { passed: 0, failed: 1, refused: 2 } as const;

/**
 * The pseudoterminal of an `aiqk` task: starts the run when VS Code opens it,
 * streams progress in colour, prints the summary and report paths, and exits
 * with the run's code. Closing it (Terminate Task) or Ctrl-C cancels the run;
 * the engine still writes the partial report, marked cancelled.
 */
export class RunTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  private readonly view = new TerminalRunView({ color: true });
  private run: ActiveRun | undefined;
  private terminated = false;

  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;

  constructor(
    private readonly deps: RunDeps,
    private readonly target: RunTerminalTarget,
  ) {}

  open(): void {
    this.begin().catch((err: unknown) => {
      this.write(this.view.note(`AI Quality Kit: the run could not start: ${err instanceof Error ? err.message : String(err)}`, 'error'));
      this.exit(TASK_EXIT.refused);
    });
  }

  close(): void {
    this.terminated = true;
    this.run?.cancel('the task was terminated (Terminate Task)');
  }

  handleInput(data: string): void {
    // Ctrl-C in the task terminal cancels, as it does for `aiqk run`.
    if (data === '\x03' && this.run && !this.run.cancelling) {
      this.write(this.view.note('Cancelling; writing the partial report…', 'warn'));
      this.run.cancel('interrupted (Ctrl-C in the task terminal)');
    }
  }

  private async begin(): Promise<void> {
    const rel = vscode.workspace.asRelativePath(this.target.profileUri);
    this.write(this.view.note(`AI Quality Kit · ${rel}${this.target.suites ? ` · ${this.target.suites.join(', ')}` : ''}`));
    if (this.target.definitionError) {
      this.write(this.view.note(this.target.definitionError, 'error'));
      return this.exit(TASK_EXIT.refused);
    }
    let prepared = this.target.prepared;
    if (!prepared) {
      const outcome = await checkCanRun(this.target.profileUri, this.target.suites, this.deps.log);
      if (!outcome.ok) {
        this.write(this.view.note(outcome.refusal.message, 'error'));
        for (const r of outcome.refusal.reasons) this.write(this.view.note(`  - ${r}`, 'error'));
        return this.exit(TASK_EXIT.refused);
      }
      prepared = outcome.run;
    }
    if (this.terminated) return;
    for (const w of prepared.warnings) this.write(this.view.note(w, 'warn'));
    const run = this.deps.manager.start(prepared, this.target.profileUri, {
      origin: 'task',
      ...(this.target.runId ? { runId: this.target.runId } : {}),
    });
    this.run = run;
    // Subscribed in the same tick as the start: the engine emits nothing before.
    run.events.onEvent((e) => this.write(this.view.onEvent(e)));
    this.write(this.view.note(`Run ${run.runId} · cancel with Terminate Task, Ctrl-C here, or "AI Quality: Cancel Run"`));
    if (this.terminated) run.cancel('the task was terminated (Terminate Task)');
    const finished = await run.finished;
    this.write(this.view.finish(finished.result, finished.files, finished.writeError, finished.records));
    this.exit(finished.result.run.status === 'passed' && !finished.writeError ? TASK_EXIT.passed : TASK_EXIT.failed);
  }

  private write(text: string): void {
    if (text) this.writeEmitter.fire(text);
  }

  private exit(code: number): void {
    this.closeEmitter.fire(code);
  }
}
