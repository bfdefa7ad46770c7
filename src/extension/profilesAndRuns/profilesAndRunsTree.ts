import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, PROFILE_GLOB } from '../core/constants';
import { onDidAddProfile } from '../core/profileEvents';
import { runStatusIcon } from '../core/runStatusIcons';
import { describeReport, workspaceReports } from '../report/openReport';
import { findProfileUris } from '../profiles/profilePick';
import type { ReportEntry } from '../report/reportHistory';
import { latestReportOf } from '../report/reportHistory';
import type { ActiveRun, RunManager } from '../runs/runManager';
import type { RemoteNode, RemoteRunsView } from '../remote/remoteTree';

/** A node of the "AI Quality" view. */
export type ProfilesAndRunsNode =
  | { kind: 'group'; group: 'profiles' | 'running' | 'reports' | 'server' }
  | { kind: 'profile'; profileUri: vscode.Uri; last?: ReportEntry }
  | { kind: 'run'; runId: string; run: ActiveRun }
  | { kind: 'report'; reportFile: string; entry: ReportEntry }
  | { kind: 'empty'; text: string }
  | { kind: 'remote'; node: RemoteNode };

const HISTORY_LIMIT = 30;
// The same objects every time: VS Code refreshes a node fired by identity, so progress redraws the running group alone.
const GROUPS = {
  profiles: { kind: 'group', group: 'profiles' },
  running: { kind: 'group', group: 'running' },
  reports: { kind: 'group', group: 'reports' },
  server: { kind: 'group', group: 'server' },
} as const satisfies Record<string, ProfilesAndRunsNode>;

/**
 * The "AI Quality" view in the activity bar: the workspace's profiles with
 * their last result, the running runs (cancel inline) and the report history.
 */
export class ProfilesAndRunsTree implements vscode.TreeDataProvider<ProfilesAndRunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProfilesAndRunsNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private history: Promise<ReportEntry[]> | undefined;
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly manager: RunManager,
    /** The team server's runs (the "Team Server" group, shown when a server is set). */
    private readonly remote?: RemoteRunsView,
  ) {
    const profiles = vscode.workspace.createFileSystemWatcher(PROFILE_GLOB);
    const reports = vscode.workspace.createFileSystemWatcher('**/run_*.json');
    this.disposables.push(
      profiles,
      reports,
      profiles.onDidCreate(() => this.refresh()),
      onDidAddProfile(() => this.refresh()),
      profiles.onDidDelete(() => this.refresh()),
      profiles.onDidChange(() => this.refresh()),
      reports.onDidCreate(() => this.refresh()),
      reports.onDidDelete(() => this.refresh()),
      // Progress arrives several times a second: redraw the running runs, not the profiles (a workspace search) or the history.
      manager.onDidChange(() => this.changed.fire(GROUPS.running)),
      manager.onDidFinish(() => this.refresh()),
      // The server's runs redraw their own group; the whole view only when the group comes or goes.
      ...(remote ? [remote.onDidChange(() => this.serverChanged())] : []),
    );
  }

  private serverShown = false;

  private serverChanged(): void {
    const shown = this.remote?.shown() ?? false;
    if (shown !== this.serverShown) this.refresh();
    else if (shown) this.changed.fire(GROUPS.server);
  }

  /** Re-reads profiles and report history. */
  refresh(): void {
    this.history = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: ProfilesAndRunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const labels = { profiles: 'Run Profiles', running: 'Running', reports: 'Reports', server: 'Team Server' } as const;
        const item = new vscode.TreeItem(labels[node.group], vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.group}`;
        item.contextValue = `aiqk.group.${node.group}`;
        if (node.group === 'running') item.description = String(this.manager.active().length);
        if (node.group === 'server' && this.remote) this.remote.groupItem(item);
        return item;
      }
      case 'profile': {
        const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.profileUri), vscode.TreeItemCollapsibleState.None);
        item.id = `profile:${node.profileUri.toString()}`;
        item.resourceUri = node.profileUri;
        item.contextValue = 'aiqk.profile';
        item.description = node.last ? describeReport(node.last) : 'not run yet';
        item.iconPath = runStatusIcon(node.last?.status) ?? new vscode.ThemeIcon('circle-large-outline');
        item.tooltip = node.last ? `${node.last.runId}: ${describeReport(node.last)}` : 'No report of this profile yet';
        item.command = { title: 'Open Profile', command: 'vscode.open', arguments: [node.profileUri] };
        return item;
      }
      case 'run': {
        const p = node.run.progress;
        const item = new vscode.TreeItem(node.runId, vscode.TreeItemCollapsibleState.None);
        item.id = `run:${node.runId}`;
        item.contextValue = 'aiqk.run';
        item.iconPath = new vscode.ThemeIcon('sync~spin');
        item.description = `${path.basename(node.run.profileUri.fsPath)} · ${p.total > 0 ? `${p.done}/${p.total}` : 'starting'}${p.suite ? ` · ${p.suite}` : ''}${node.run.cancelling ? ' · cancelling' : ''}`;
        item.tooltip = `${vscode.workspace.asRelativePath(node.run.profileUri)}: ${node.run.suites.join(', ')}`;
        return item;
      }
      case 'report': {
        const item = new vscode.TreeItem(node.entry.runId, vscode.TreeItemCollapsibleState.None);
        item.id = `report:${node.reportFile}`;
        item.contextValue = 'aiqk.report';
        item.description = describeReport(node.entry);
        item.tooltip = `${node.reportFile}${node.entry.profile ? `\nprofile: ${vscode.workspace.asRelativePath(node.entry.profile)}` : ''}`;
        item.iconPath = runStatusIcon(node.entry.status) ?? new vscode.ThemeIcon('file');
        item.command = { title: 'Open Report', command: COMMANDS.openReport, arguments: [vscode.Uri.file(node.reportFile)] };
        return item;
      }
      case 'empty':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      case 'remote':
        return this.remote ? this.remote.treeItem(node.node) : new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
    }
  }

  async getChildren(node?: ProfilesAndRunsNode): Promise<ProfilesAndRunsNode[]> {
    if (!node) {
      this.serverShown = this.remote?.shown() ?? false;
      const server = this.serverShown ? [GROUPS.server] : [];
      // Nothing at all to show: an empty tree lets the view's welcome (package.json viewsWelcome) offer the ways in.
      if (this.manager.active().length === 0 && server.length === 0) {
        const [uris, history] = await Promise.all([findProfileUris(), this.reports()]);
        if (uris.length === 0 && history.length === 0) return [];
      }
      return [GROUPS.profiles, GROUPS.running, ...server, GROUPS.reports];
    }
    if (node.kind !== 'group') return [];
    switch (node.group) {
      case 'profiles': {
        const [uris, history] = await Promise.all([findProfileUris(), this.reports()]);
        if (uris.length === 0) return [{ kind: 'empty', text: 'No run profile (aiqk.yaml) in this workspace' }];
        return uris.map((u) => {
          const last = latestReportOf(history, u.fsPath);
          return { kind: 'profile', profileUri: u, ...(last ? { last } : {}) };
        });
      }
      case 'running': {
        const runs = this.manager.active();
        return runs.length ? runs.map((r) => ({ kind: 'run', runId: r.runId, run: r })) : [{ kind: 'empty', text: 'Nothing running' }];
      }
      case 'reports': {
        const history = (await this.reports()).slice(0, HISTORY_LIMIT);
        return history.length
          ? history.map((e) => ({ kind: 'report', reportFile: e.file, entry: e }))
          : [{ kind: 'empty', text: 'No report yet' }];
      }
      case 'server':
        return this.remote ? (await this.remote.children()).map((n) => ({ kind: 'remote', node: n })) : [];
    }
  }

  // One history read per refresh, shared by the profile and report groups.
  private reports(): Promise<ReportEntry[]> {
    this.history ??= workspaceReports(200).catch(() => []);
    return this.history;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
