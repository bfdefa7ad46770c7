import * as vscode from 'vscode';
import { COMMANDS } from '../core/constants';
import type { FinishedRun, RunManager } from './runManager';
import type { RunStatus } from '../../engine/model/runTypes';
import { inconclusiveLine } from '../../engine/report/runStory';

/** The context key menus use to show cancel actions only while something runs. */
export const HAS_RUNNING_CONTEXT = 'aiQualityKit.hasRunningRuns';

/** How the status bar shows a finished run's verdict: an icon of its own per status, and a background for those that do not pass. */
const VERDICT_LOOK: Record<RunStatus, { icon: string; background?: string }> = {
  passed: { icon: 'pass' },
  failed: { icon: 'error', background: 'statusBarItem.errorBackground' },
  error: { icon: 'warning', background: 'statusBarItem.errorBackground' },
  inconclusive: { icon: 'question', background: 'statusBarItem.warningBackground' },
  cancelled: { icon: 'circle-slash' },
};

/**
 * A status bar item while runs are going: a spinner and cases done / total
 * (summed over runs); clicking it lists the running runs. Once none runs, the
 * last finished run's verdict (its own icon; failed and error on the error
 * background, inconclusive on the warning one); clicking it opens its report.
 */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiQualityKit.runs', vscode.StatusBarAlignment.Left, 50);
  private hasRunning: boolean | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private last: FinishedRun | undefined;

  constructor(private readonly manager: RunManager) {
    this.item.name = 'AI Quality Runs';
    this.subscriptions = [
      manager.onDidChange(() => this.update()),
      manager.onDidFinish((f) => {
        this.last = f;
        this.update();
      }),
    ];
    this.update();
  }

  /** What a screen reader says of the item now (undefined when hidden). */
  get accessibilityLabel(): string | undefined {
    return this.visible() ? this.item.accessibilityInformation?.label : undefined;
  }

  /** What the item shows now (undefined when hidden). */
  get text(): string | undefined {
    return this.visible() ? this.item.text : undefined;
  }

  /** The theme colour id of the item's background now (undefined: none). */
  get background(): string | undefined {
    return this.visible() ? (this.item.backgroundColor as { id?: string } | undefined)?.id : undefined;
  }

  private visible(): boolean {
    return this.manager.active().length > 0 || this.last !== undefined;
  }

  private showLast(f: FinishedRun): void {
    const status = f.result.run.status;
    const o = f.result.summary.overall;
    const look = VERDICT_LOOK[status];
    const why = inconclusiveLine(f.result);
    this.item.text = `$(${look.icon}) AI Quality ${status}`;
    this.item.backgroundColor = look.background ? new vscode.ThemeColor(look.background) : undefined;
    this.item.tooltip = `Last run ${f.runId}: ${status}, ${o.passed}/${o.total} cases passed.${why ? ` ${why}` : ''}${f.files.json ? ' Click to open its report.' : ''}`;
    this.item.command = f.files.json
      ? { title: 'Open Report', command: COMMANDS.openReport, arguments: [vscode.Uri.file(f.files.json)] }
      : COMMANDS.showRunningTests;
    this.item.accessibilityInformation = {
      label: `AI Quality last run ${status}: ${o.passed} of ${o.total} cases passed.${why ? ` ${why}` : ''}`,
      role: f.files.json ? 'button' : 'status',
    };
    this.item.show();
  }

  private update(): void {
    const runs = this.manager.active();
    // Progress updates come several times a second; the context key changes only when runs start or all end.
    if (this.hasRunning !== runs.length > 0) {
      this.hasRunning = runs.length > 0;
      void vscode.commands.executeCommand('setContext', HAS_RUNNING_CONTEXT, this.hasRunning);
    }
    if (runs.length === 0) {
      if (this.last) this.showLast(this.last);
      else this.item.hide();
      return;
    }
    this.item.command = COMMANDS.showRunningTests;
    this.item.backgroundColor = undefined;
    const done = runs.reduce((n, r) => n + r.progress.done, 0);
    const total = runs.reduce((n, r) => n + r.progress.total, 0);
    const cancelling = runs.every((r) => r.cancelling);
    const what = runs.length === 1 ? 'AI Quality' : `AI Quality (${runs.length} runs)`;
    this.item.text = `$(sync~spin) ${what} ${total > 0 ? `${done}/${total}` : 'starting'}${cancelling ? ' · cancelling' : ''}`;
    const tip = new vscode.MarkdownString(undefined, true);
    for (const r of runs) {
      const p = r.progress;
      tip.appendMarkdown(
        `**${r.runId}** · ${vscode.workspace.asRelativePath(r.profileUri)} · ${p.total > 0 ? `${p.done}/${p.total} cases` : 'starting'}${p.suite ? ` · ${p.suite}` : ''}${r.cancelling ? ' · cancelling' : ''}  \n`,
      );
    }
    tip.appendMarkdown('\nClick to see the running runs (and cancel one).');
    // A screen reader would read the icon id and the tooltip's Markdown: it gets plain words instead.
    const progress = total > 0 ? `${done} of ${total} cases done` : 'starting';
    const suite = runs.length === 1 && runs[0]?.progress.suite ? `, suite ${runs[0].progress.suite}` : '';
    this.item.accessibilityInformation = {
      label: `${what} running: ${progress}${suite}${cancelling ? ', cancelling' : ''}. Activate to see the running runs and cancel one.`,
      role: 'button',
    };
    this.item.tooltip = tip;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
