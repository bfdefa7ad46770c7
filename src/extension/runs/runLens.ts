import * as vscode from 'vscode';
import { parseProfile } from '../../engine/config/loadProfile';
import { isSuiteName } from '../../engine/model/suiteNames';
import { COMMANDS, CONFIG_SECTION, SERVER_URL_SETTING } from '../core/constants';
import type { RunManager } from './runManager';

function toRange(r: { start: { line: number; column: number } }): vscode.Range {
  const p = new vscode.Position(r.start.line - 1, r.start.column - 1);
  return new vscode.Range(p, p);
}

/**
 * "Run" above a profile and "Run suite" above each suite entry; "Cancel run"
 * while a run of the profile is going; in an untrusted workspace a single
 * "Trust workspace to run" hint instead.
 */
export class RunCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly manager: RunManager) {
    this.subscriptions = [
      manager.onDidStart(() => this.changed.fire()),
      manager.onDidFinish(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG_SECTION}.${SERVER_URL_SETTING}`)) this.changed.fire();
      }),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    if (!vscode.workspace.isTrusted) {
      return [
        new vscode.CodeLens(top, {
          title: '$(workspace-untrusted) Trust workspace to run',
          command: 'workbench.trust.manage',
          tooltip: 'Runs are disabled in Restricted Mode; checks still work',
        }),
      ];
    }
    const parsed = parseProfile(document.getText(), document.uri.fsPath);
    const value = parsed.value as { suites?: unknown } | undefined;
    if (!value || typeof value !== 'object') return [];
    const running = this.manager.active().filter((r) => r.profileUri.toString() === document.uri.toString());
    const lenses: vscode.CodeLens[] = [];
    if (running.length > 0) {
      for (const r of running)
        lenses.push(
          new vscode.CodeLens(top, {
            title: `$(debug-stop) Cancel run ${r.runId}`,
            command: COMMANDS.cancelRun,
            arguments: [r.runId],
            tooltip: 'Cancel this run (the partial report is written)',
          }),
        );
    } else {
      lenses.push(
        new vscode.CodeLens(top, {
          title: '$(play) Run',
          command: COMMANDS.runTests,
          arguments: [document.uri],
          tooltip: 'Run every suite of this profile as a task',
        }),
      );
    }
    // With a team server set, the profile can run there too (see src/extension/remote/).
    if (vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>(SERVER_URL_SETTING, '').trim())
      lenses.push(
        new vscode.CodeLens(top, {
          title: '$(cloud-upload) Run on Server',
          command: COMMANDS.runOnServer,
          arguments: [document.uri],
          tooltip: 'Run this profile on the team server (aiQualityKit.server.url); its data files are uploaded, secrets stay names',
        }),
      );
    const suites = Array.isArray(value.suites) ? value.suites : [];
    const lines = new Map<number, string[]>();
    suites.forEach((s, i) => {
      if (typeof s !== 'string' || !isSuiteName(s)) return;
      const line = toRange(parsed.rangeOf(['suites', i])).start.line;
      lines.set(line, [...(lines.get(line) ?? []), s]);
    });
    for (const [line, names] of lines) {
      const range = new vscode.Range(line, 0, line, 0);
      for (const s of names) {
        // Several suites on one line (a flow list) get named lenses.
        const title = names.length === 1 ? '$(play) Run suite' : `$(play) Run ${s}`;
        lenses.push(
          new vscode.CodeLens(range, { title, command: COMMANDS.runTests, arguments: [document.uri, [s]], tooltip: `Run only ${s}` }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
