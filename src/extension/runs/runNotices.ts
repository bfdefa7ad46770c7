import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../core/constants';
import { openReportFile } from '../report/openReport';
import { inconclusiveLine } from '../../engine/report/runStory';
import type { ActiveRun, FinishedRun, RunManager } from './runManager';

/** When to open the report after a run (setting aiQualityKit.reports.openAfterRun). */
export type OpenAfterRun = 'never' | 'onFailure' | 'always';

/** How much runs notify (setting aiQualityKit.notifications). */
export type NotificationLevel = 'quiet' | 'all';

/** The notification level the user chose ('quiet' unless set). */
export function notificationLevel(): NotificationLevel {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<NotificationLevel>('notifications', 'quiet') === 'all' ? 'all' : 'quiet';
}

/** Whether something other than a notification already shows a run's result. */
export type ResultShown = (profile: vscode.Uri) => boolean;

/**
 * Notifications around runs started from commands and tasks (the Test Explorer
 * shows its own). Quiet by default: one message at the end with "Open Report",
 * and none when the caller (the setup wizard) or an open report view already
 * shows the result. `aiQualityKit.notifications: all` brings back a message for
 * every run's end. An optional cancellable progress notification
 * (runs.showProgressNotification) always ends with the run.
 */
export class RunNotices implements vscode.Disposable {
  private readonly shownByCaller = new Set<string>();
  /** Every message shown, in order (the integration tests read them). */
  readonly shown: string[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    manager: RunManager,
    private readonly resultShown: ResultShown = () => false,
  ) {
    this.subscriptions = [
      manager.onDidStart((run) => {
        if (run.origin === 'testExplorer') return;
        if (vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('runs.showProgressNotification', false))
          showProgress(run, manager);
      }),
      manager.onDidFinish((f) => {
        if (f.origin === 'testExplorer') return;
        const byCaller = this.shownByCaller.delete(f.runId);
        void this.afterRun(f, byCaller);
      }),
    ];
  }

  /** The caller of this run shows its result itself (the wizard's chat): no message at its end. */
  shownElsewhere(runId: string): void {
    this.shownByCaller.add(runId);
  }

  /** Shows a message (and records it). */
  show(severity: 'info' | 'warning' | 'error', text: string, ...actions: string[]): Thenable<string | undefined> {
    this.shown.push(text);
    const show =
      severity === 'error'
        ? vscode.window.showErrorMessage
        : severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return show(text, ...actions);
  }

  private async afterRun(f: FinishedRun, byCaller: boolean): Promise<void> {
    const json = f.files.json;
    const o = f.result.summary.overall;
    const status = f.result.run.status;
    const setting = vscode.workspace.getConfiguration(CONFIG_SECTION).get<OpenAfterRun>('reports.openAfterRun', 'never');
    const opened = !!json && (setting === 'always' || (setting === 'onFailure' && status !== 'passed'));
    if (opened) await openReportFile(json);
    const inconclusive = inconclusiveLine(f.result);
    const text = `AI Quality run ${f.runId} ${status}: ${o.passed}/${o.total} cases passed${status === 'cancelled' ? ' (partial report written)' : ''}.${inconclusive ? ` ${inconclusive}` : ''}`;
    // A failure to write the report is shown whatever the level: nothing else says it.
    if (f.writeError) {
      void this.show('error', `${text} ${f.writeError}`);
      return;
    }
    if (notificationLevel() === 'quiet' && (byCaller || opened || this.resultShown(f.profileUri))) return;
    const actions = json ? ['Open Report'] : [];
    void this.show(status === 'passed' || status === 'cancelled' ? 'info' : 'warning', text, ...actions).then((pick) => {
      if (pick && json) void openReportFile(json);
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function showProgress(run: ActiveRun, manager: RunManager): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `AI Quality ${run.runId}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => run.cancel('cancelled from the progress notification'));
      let reported = 0;
      const sub = manager.onDidChange(() => {
        const p = run.progress;
        if (p.total === 0) return;
        const pct = Math.floor((p.done / p.total) * 100);
        progress.report({
          increment: pct - reported,
          message: `${p.done}/${p.total} cases${p.suite ? ` · ${p.suite}` : ''}${run.cancelling ? ' · cancelling' : ''}`,
        });
        reported = pct;
      });
      // `finished` never rejects, so the notification never hangs.
      await run.finished.finally(() => sub.dispose());
    },
  );
}
