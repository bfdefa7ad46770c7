// The team server's runs as nodes of the "AI Quality" view: the view (profilesAndRuns)
// shows a "Team Server" group when a server is configured and asks this module for its
// children and their items.
import * as vscode from 'vscode';
import { COMMANDS, CONFIG_SECTION, SERVER_URL_SETTING } from '../core/constants';
import type { RemoteRuns } from './remoteRuns';
import { ACTIVE_STATUSES } from './remoteRuns';
import type { ServerRun } from './serverClient';
import { configuredServerUrl } from './serverSettings';
import { runStatusIcon } from '../core/runStatusIcons';

/** A node under the "Team Server" group. */
export type RemoteNode =
  | { kind: 'serverRun'; runId: string; run: ServerRun }
  | { kind: 'serverMessage'; text: string; tooltip?: string; command?: vscode.Command };

// The server's own states beside a run's.
const SERVER_STATUS_ICON: Record<string, vscode.ThemeIcon> = {
  interrupted: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('testing.iconSkipped')),
  queued: new vscode.ThemeIcon('clock'),
  running: new vscode.ThemeIcon('sync~spin'),
};
const HISTORY_SHOWN = 30;

/** The "Team Server" group's data, for the view of profilesAndRuns. */
export class RemoteRunsView {
  constructor(private readonly model: RemoteRuns) {}

  /** Fired when the group's children changed. */
  get onDidChange(): vscode.Event<void> {
    return this.model.onDidChange;
  }

  /** Whether the view shows the group: a server address is set. */
  shown(): boolean {
    return configuredServerUrl().trim() !== '';
  }

  /** The group's label and description. */
  groupItem(item: vscode.TreeItem): vscode.TreeItem {
    item.tooltip = `Runs on the team server ${configuredServerUrl()}`;
    const active = this.model.runs().filter((r) => ACTIVE_STATUSES.includes(r.status)).length;
    item.description = active > 0 ? `${active} running` : configuredServerUrl();
    return item;
  }

  /** The group's children: its runs, running first, or why there are none. */
  async children(): Promise<RemoteNode[]> {
    if (this.model.state.kind === 'loading') await this.model.refresh();
    const state = this.model.state;
    switch (state.kind) {
      case 'loading':
        return [{ kind: 'serverMessage', text: 'Reading the team server…' }];
      case 'off':
        return [
          {
            kind: 'serverMessage',
            text: state.missing === 'token' ? 'Set the team server token' : 'Set the team server address',
            tooltip: state.message,
            command:
              state.missing === 'token'
                ? { title: 'Set Team Server Token', command: COMMANDS.setServerToken }
                : {
                    title: 'Open Settings',
                    command: 'workbench.action.openSettings',
                    arguments: [`${CONFIG_SECTION}.${SERVER_URL_SETTING}`],
                  },
          },
        ];
      case 'failed':
        return [
          {
            kind: 'serverMessage',
            text: `Cannot read the team server: ${state.error.message}`,
            tooltip: state.error.message,
            command: { title: 'Retry', command: COMMANDS.refreshServerRuns },
          },
        ];
      case 'ready': {
        if (state.runs.length === 0) return [{ kind: 'serverMessage', text: 'No run on the team server yet' }];
        const active = state.runs.filter((r) => ACTIVE_STATUSES.includes(r.status));
        const ended = state.runs.filter((r) => !ACTIVE_STATUSES.includes(r.status)).slice(0, HISTORY_SHOWN);
        return [...active, ...ended].map((run) => ({ kind: 'serverRun', runId: run.run_id, run }));
      }
    }
  }

  treeItem(node: RemoteNode): vscode.TreeItem {
    if (node.kind === 'serverMessage') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.contextValue = 'aiqk.serverMessage';
      if (node.tooltip) item.tooltip = node.tooltip;
      if (node.command) item.command = node.command;
      return item;
    }
    const run = node.run;
    const item = new vscode.TreeItem(run.run_id, vscode.TreeItemCollapsibleState.None);
    item.id = `serverRun:${run.run_id}`;
    const active = ACTIVE_STATUSES.includes(run.status);
    const hasReport = run.reports.includes('json');
    item.contextValue = active ? 'aiqk.serverRun.active' : hasReport ? 'aiqk.serverRun.report' : 'aiqk.serverRun.ended';
    item.iconPath = runStatusIcon(run.status) ?? SERVER_STATUS_ICON[run.status] ?? new vscode.ThemeIcon('circle-outline');
    item.description = describeServerRun(run);
    item.tooltip = `${run.run_id} on the team server\nprofile: ${run.profile_name} · started by ${run.owner}\n${describeServerRun(run)}${run.reason ? `\n${run.reason}` : ''}`;
    if (hasReport && !active) item.command = { title: 'Open Server Report', command: COMMANDS.openServerReport, arguments: [node] };
    return item;
  }
}

/** A one-line description of a server run: profile, status, progress or result. */
export function describeServerRun(run: ServerRun): string {
  const p = run.progress;
  const what = ACTIVE_STATUSES.includes(run.status)
    ? `${run.status}${p.total > 0 ? ` · ${p.done}/${p.total}` : ''}`
    : `${run.status}${run.summary ? ` · ${run.summary.passed}/${run.summary.total} passed` : ''}`;
  return `${run.profile_name} · ${what}`;
}
