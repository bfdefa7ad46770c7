import * as vscode from 'vscode';
import { prepareRun } from '../../engine/prepare/prepareRun';
import type { RequirementRow, RequirementStatus } from '../../engine/model/requirementTypes';
import type { SuiteName } from '../../engine/model/suiteNames';
import { COMMANDS } from '../core/constants';
import { dataPlaceOptions } from '../core/dataPlace';

/** A node of the Requirements view: a suite of the profile, or one data kind of it. */
export type RequirementNode = { kind: 'suite'; suite: SuiteName; rows: RequirementRow[] } | { kind: 'row'; row: RequirementRow };

/** The badge of a status, as words (shown and read by screen readers). */
export const STATUS_LABEL: Record<RequirementStatus, string> = {
  provided: 'provided',
  using_defaults: 'using defaults',
  missing: 'missing',
  not_used: 'not used',
};

function statusIcon(row: RequirementRow): vscode.ThemeIcon {
  switch (row.status) {
    case 'provided':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'using_defaults':
      return new vscode.ThemeIcon('package');
    case 'missing':
      return row.blocking
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
        : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'not_used':
      return new vscode.ThemeIcon('dash', new vscode.ThemeColor('disabledForeground'));
  }
}

/** A suite's line: how many of its data kinds are missing or use defaults. */
export function suiteSummary(rows: readonly RequirementRow[]): string {
  const used = rows.filter((r) => r.status !== 'not_used');
  const missing = used.filter((r) => r.status === 'missing').length;
  const defaults = used.filter((r) => r.status === 'using_defaults').length;
  if (used.length === 0) return 'needs no data';
  const parts = [missing ? `${missing} missing` : '', defaults ? `${defaults} using defaults` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all provided';
}

/**
 * The Requirements view: the matrix of one run profile, compact (a suite per
 * line, its data kinds below with status badges), "not used" hidden unless
 * asked for; a missing or default dataset is added with a click.
 */
export class RequirementsTree implements vscode.TreeDataProvider<RequirementNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The profile shown (none until "Show Requirements"). */
  profile: vscode.Uri | undefined;
  /** Whether rows of data a suite does not use are listed. */
  showNotUsed = false;
  private rows: RequirementRow[] | undefined;
  private error: string | undefined;

  /** Shows the matrix of a profile (read again, unsaved edits included). */
  async show(profile: vscode.Uri): Promise<void> {
    this.profile = profile;
    await this.reload();
  }

  /** Reads the shown profile again. */
  async reload(): Promise<void> {
    if (!this.profile) return;
    const doc = await vscode.workspace.openTextDocument(this.profile);
    // The run's own preparation, so the view says what a run would do (a data file that does not exist is not provided).
    const outcome = await prepareRun(this.profile.fsPath, { text: doc.getText(), ...dataPlaceOptions(this.profile) });
    const matrix = outcome.ok ? outcome.run.gate.matrix : outcome.refusal.matrix;
    this.error = matrix.length > 0 ? undefined : 'The run profile has errors; fix them first (see the Problems panel).';
    this.rows = matrix;
    this.changed.fire();
  }

  /** The rows shown now, suite by suite (the integration tests read them). */
  visibleRows(): RequirementRow[] {
    return (this.rows ?? []).filter((r) => this.showNotUsed || r.status !== 'not_used');
  }

  /** Why nothing can be shown, if so. */
  get message(): string | undefined {
    return this.error;
  }

  getTreeItem(node: RequirementNode): vscode.TreeItem {
    if (node.kind === 'suite') {
      const item = new vscode.TreeItem(node.suite, vscode.TreeItemCollapsibleState.Expanded);
      item.description = suiteSummary(node.rows);
      item.id = `suite:${node.suite}`;
      const worst = node.rows.find((r) => r.blocking) ?? node.rows.find((r) => r.status === 'missing');
      item.iconPath = worst ? statusIcon(worst) : new vscode.ThemeIcon('beaker');
      return item;
    }
    const r = node.row;
    const item = new vscode.TreeItem(r.kind, vscode.TreeItemCollapsibleState.None);
    item.id = `row:${r.suite}:${r.kind}`;
    item.description = `${STATUS_LABEL[r.status]}${r.blocking ? ' · blocks the run' : ''} · ${r.level.replace('_', ' ')}`;
    item.tooltip = r.detail;
    item.iconPath = statusIcon(r);
    item.accessibilityInformation = {
      label: `${r.suite} ${r.kind}: ${STATUS_LABEL[r.status]}${r.blocking ? ', blocks the run' : ''}. ${r.detail}`,
    };
    item.contextValue = `aiqk.requirement.${r.status}`;
    // Data that is missing or comes from the built-in set: a click adds a file, as the wizard's "Upload now" does.
    if (this.profile && (r.status === 'missing' || r.status === 'using_defaults'))
      item.command = { title: 'Add Dataset…', command: COMMANDS.addDataset, arguments: [this.profile, r.kind] };
    return item;
  }

  getChildren(node?: RequirementNode): RequirementNode[] {
    if (node?.kind === 'row') return [];
    if (node) return node.rows.filter((r) => this.showNotUsed || r.status !== 'not_used').map((row) => ({ kind: 'row', row }));
    const bySuite = new Map<SuiteName, RequirementRow[]>();
    for (const r of this.rows ?? []) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
    return [...bySuite].map(([suite, rows]) => ({ kind: 'suite', suite, rows }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
