import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../core/constants';
import { openReportFile } from '../report/openReport';
import type { ActiveRun, FinishedRun, RunManager } from './runManager';

/** When to open the report after a run (setting aiQualityKit.reports.openAfterRun). */
export type OpenAfterRun = 'never' | 'onFailure' | 'always';

/**
 * Notifications around runs started from commands and tasks (the Test
 * Explorer shows its own): an optional cancellable progress notification that
 * always ends with the run, and a result message with "Open Report".
 */
export function registerRunNotices(manager: RunManager): vscode.Disposable {
  return vscode.Disposable.from(
    manager.onDidStart((run) => {
      if (run.origin === 'testExplorer') return;
      if (vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('runs.showProgressNotification', false))
        showProgress(run, manager);
    }),
    manager.onDidFinish((f) => {
      if (f.origin === 'testExplorer') return;
      void afterRun(f);
    }),
  );
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

async function afterRun(f: FinishedRun): Promise<void> {
  const json = f.files.json;
  const o = f.result.summary.overall;
  const status = f.result.run.status;
  const setting = vscode.workspace.getConfiguration(CONFIG_SECTION).get<OpenAfterRun>('reports.openAfterRun', 'never');
  if (json && (setting === 'always' || (setting === 'onFailure' && status !== 'passed'))) await openReportFile(json);
  const text = `AI Quality run ${f.runId} ${status}: ${o.passed}/${o.total} cases passed${status === 'cancelled' ? ' (partial report written)' : ''}.`;
  const actions = json ? ['Open Report'] : [];
  if (f.writeError) {
    void vscode.window.showErrorMessage(`${text} ${f.writeError}`);
    return;
  }
  const show = status === 'passed' || status === 'cancelled' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(text, ...actions).then((pick) => {
    if (pick && json) void openReportFile(json);
  });
}
