// Wires the report view: the command that opens it (one panel per report,
// revealed when already open), the serializer that restores panels after a
// reload, and accessors for the integration tests.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportToWebview, ReportViewData } from '../../protocol';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS } from '../core/constants';
import { profileUriOf } from '../profiles/profilePick';
import { openLastReportCommand, openReportCommand, pickReport } from './openReport';
import { isFile } from './reportHistory';
import type { Rendered } from './reportPanel';
import { REPORT_VIEW_TYPE, ReportPanel } from './reportPanel';

/** A report view panel as the tests see it. */
export interface ReportPanelInfo {
  file: string;
  title: string;
  runId: string | undefined;
  visible: boolean;
}

/** The report view, for integration tests (through the extension's API). */
export interface ReportViewApi {
  /** Opens (or reveals) the view of a report file; resolves once its data is sent or queued. */
  open(file: string): Promise<ReportPanelInfo | undefined>;
  /** The open report panels. */
  panels(): ReportPanelInfo[];
  /** The last message the host posted to a report's webview. */
  lastSent(file: string): ReportToWebview | undefined;
  /** The data a report's view shows. */
  data(file: string): ReportViewData | undefined;
  /** The webview's next render acknowledgement (or its last, with `orLast`). */
  whenRendered(file: string, timeoutMs: number, orLast?: boolean): Promise<Rendered>;
  /** Hands a message to the host as if the webview posted it (to test validation and actions). */
  receive(file: string, message: unknown): Promise<void>;
  /** Actions the host carried out for a report, and the messages it refused. */
  handled(file: string): { handled: string[]; rejected: string[] };
  /** What VS Code calls to bring a report panel back after a reload, with the state its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

/** The state the webview keeps (getState/setState); only `uri` matters to the host. */
function uriOfState(state: unknown): vscode.Uri | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const uri = (state as { uri?: unknown }).uri;
  if (typeof uri !== 'string' || uri.length > 4096) return undefined;
  try {
    const parsed = vscode.Uri.parse(uri, true);
    return parsed.scheme === 'file' && parsed.fsPath.endsWith('.json') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function fileOfArg(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  if (typeof arg === 'string' && arg.endsWith('.json')) return path.resolve(arg);
  // Tree items and other callers may hand over an object carrying the report file.
  if (arg && typeof arg === 'object' && 'reportFile' in arg) {
    const f = (arg as { reportFile: unknown }).reportFile;
    return typeof f === 'string' ? path.resolve(f) : undefined;
  }
  return undefined;
}

/** What the report room needs from the extension. */
export interface ReportDeps {
  commands: CommandManager;
  /** The JSON report of the last run finished in this window (of a profile, when given), if any. */
  lastReport: (profile?: vscode.Uri) => string | undefined;
  /** Where the panels log what they refuse (nowhere by default). */
  log?: (message: string) => void;
}

/**
 * Registers the report view (its command and serializer) and the commands that
 * open reports from the history; returns the test accessors.
 */
export function registerReportView(context: vscode.ExtensionContext, deps: ReportDeps): ReportViewApi {
  const log = deps.log ?? ((): void => {});
  const panels = new Map<string, ReportPanel>();
  const key = (file: string): string => path.resolve(file);

  const host = {
    extensionUri: context.extensionUri,
    openReport: (file: string) => open(file),
    onDisposed: (p: ReportPanel) => {
      if (panels.get(p.file) === p) panels.delete(p.file);
    },
    log,
  };

  function adopt(panel: vscode.WebviewPanel, file: string): ReportPanel {
    const p = new ReportPanel(panel, file, host);
    panels.set(p.file, p);
    return p;
  }

  async function open(file: string): Promise<ReportPanel | undefined> {
    const existing = panels.get(key(file));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    if (!(await isFile(file))) {
      void vscode.window.showErrorMessage(`The report ${file} does not exist.`);
      return undefined;
    }
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      `AI Quality Report: ${path.basename(file, '.json')}`,
      vscode.ViewColumn.Active,
    );
    const p = adopt(panel, file);
    await p.load();
    return p;
  }

  async function restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = uriOfState(state);
    if (!uri || panels.has(key(uri.fsPath)) || !(await isFile(uri.fsPath))) {
      // Nothing to restore (the report was deleted, is already shown, or the state is not ours): close quietly.
      panel.dispose();
      return;
    }
    await adopt(panel, uri.fsPath).load();
  }

  const info = (p: ReportPanel): ReportPanelInfo => ({ file: p.file, title: p.panel.title, runId: p.runId, visible: p.panel.visible });
  const get = (file: string): ReportPanel => {
    const p = panels.get(key(file));
    if (!p) throw new Error(`no report view open for ${file}`);
    return p;
  };

  deps.commands.registerAll([
    {
      id: COMMANDS.openReportView,
      execute: async (arg?: unknown) => {
        const file = fileOfArg(arg) ?? (await pickReport('Report to open'))?.file;
        if (!file) return undefined;
        const p = await open(file);
        return p ? info(p) : undefined;
      },
    },
    { id: COMMANDS.openReport, execute: (arg?: unknown) => openReportCommand(arg) },
    { id: COMMANDS.openLastReport, execute: (arg?: unknown) => openLastReportCommand(deps.lastReport, profileUriOf(arg)) },
  ]);
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, { deserializeWebviewPanel: restore }), {
    dispose: () => {
      for (const p of [...panels.values()]) p.dispose();
    },
  });

  return {
    open: async (file) => {
      const p = await open(file);
      return p ? info(p) : undefined;
    },
    panels: () => [...panels.values()].map(info),
    lastSent: (file) => panels.get(key(file))?.lastSent,
    data: (file) => panels.get(key(file))?.data,
    whenRendered: (file, timeoutMs, orLast) => get(file).whenRendered(timeoutMs, orLast),
    receive: (file, message) => get(file).receive(message),
    handled: (file) => ({ handled: [...get(file).handled], rejected: [...get(file).rejected] }),
    restore,
  };
}
