import * as vscode from 'vscode';
import { COMMANDS } from '../core/constants';
import type { RunManager } from './runManager';

/** The context key menus use to show cancel actions only while something runs. */
export const HAS_RUNNING_CONTEXT = 'aiQualityKit.hasRunningRuns';

/**
 * A status bar item while runs are going: a spinner and cases done / total
 * (summed over runs); clicking it lists the running runs. Hidden otherwise.
 */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiQualityKit.runs', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private hasRunning: boolean | undefined;

  constructor(private readonly manager: RunManager) {
    this.item.name = 'AI Quality Runs';
    this.item.command = COMMANDS.showRunningTests;
    this.subscription = manager.onDidChange(() => this.update());
    this.update();
  }

  /** What a screen reader says of the item now (undefined when hidden). */
  get accessibilityLabel(): string | undefined {
    return this.manager.active().length > 0 ? this.item.accessibilityInformation?.label : undefined;
  }

  /** What the item shows now (undefined when hidden). */
  get text(): string | undefined {
    return this.manager.active().length > 0 ? this.item.text : undefined;
  }

  private update(): void {
    const runs = this.manager.active();
    // Progress updates come several times a second; the context key changes only when runs start or all end.
    if (this.hasRunning !== runs.length > 0) {
      this.hasRunning = runs.length > 0;
      void vscode.commands.executeCommand('setContext', HAS_RUNNING_CONTEXT, this.hasRunning);
    }
    if (runs.length === 0) {
      this.item.hide();
      return;
    }
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
    this.subscription.dispose();
    this.item.dispose();
  }
}
