// Wires the report view: the command that opens it (one panel per run profile,
// showing the report asked for and refreshed when a run of the profile ends),
// the serializer that restores panels after a
// reload, and accessors for the integration tests.
import * as fs from 'node:fs/promises';
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
  /** Whether a panel shows a report of this profile (it is refreshed when the profile's run ends). */
  showsProfile(profile: string): boolean;
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

/** The run profile a JSON report names (run.profile), without reading the rest; undefined when unreadable. */
async function reportProfile(file: string): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as { run?: { profile?: unknown } };
    return typeof parsed.run?.profile === 'string' && parsed.run.profile ? parsed.run.profile : undefined;
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
  /** A run ended with this JSON report: the panel of its profile, if open, shows it. */
  runFinished?: vscode.Event<{ profile: string; json: string }>;
  /** Where the panels log what they refuse (nowhere by default). */
  log?: (message: string) => void;
}

/**
 * Registers the report view (its command and serializer) and the commands that
 * open reports from the history; returns the test accessors.
 */
export function registerReportView(context: vscode.ExtensionContext, deps: ReportDeps): ReportViewApi {
  const log = deps.log ?? ((): void => {});
  const panels = new Set<ReportPanel>();
  const byFile = (file: string): ReportPanel | undefined => [...panels].find((p) => p.file === path.resolve(file));
  const byProfile = (profile: string): ReportPanel | undefined => [...panels].find((p) => p.profileFile === path.resolve(profile));

  const host = {
    extensionUri: context.extensionUri,
    openReport: (file: string) => open(file),
    onDisposed: (p: ReportPanel) => panels.delete(p),
    log,
  };

  function adopt(panel: vscode.WebviewPanel, file: string): ReportPanel {
    const p = new ReportPanel(panel, file, host);
    panels.add(p);
    return p;
  }

  async function open(file: string): Promise<ReportPanel | undefined> {
    const existing = byFile(file);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    if (!(await isFile(file))) {
      void vscode.window.showErrorMessage(`The report ${file} does not exist.`);
      return undefined;
    }
    // One panel per profile: a report of a profile already shown replaces what its panel shows.
    const profile = await reportProfile(file);
    const same = profile ? byProfile(profile) : undefined;
    if (same) {
      await same.retarget(file);
      same.panel.reveal();
      return same;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Report', vscode.ViewColumn.Active);
    const p = adopt(panel, file);
    await p.load();
    return p;
  }

  async function restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = uriOfState(state);
    const profile = uri ? await reportProfile(uri.fsPath) : undefined;
    if (!uri || byFile(uri.fsPath) || (profile && byProfile(profile)) || !(await isFile(uri.fsPath))) {
      // Nothing to restore (the report was deleted, is already shown, or the state is not ours): close quietly.
      panel.dispose();
      return;
    }
    await adopt(panel, uri.fsPath).load();
  }

  const info = (p: ReportPanel): ReportPanelInfo => ({ file: p.file, title: p.panel.title, runId: p.runId, visible: p.panel.visible });
  const get = (file: string): ReportPanel => {
    const p = byFile(file);
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
  if (deps.runFinished)
    context.subscriptions.push(
      deps.runFinished(({ profile, json }) => {
        const p = byProfile(profile);
        if (p && p.file !== path.resolve(json)) void p.retarget(json);
      }),
    );
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
    lastSent: (file) => byFile(file)?.lastSent,
    data: (file) => byFile(file)?.data,
    showsProfile: (profile) => byProfile(profile) !== undefined,
    whenRendered: (file, timeoutMs, orLast) => get(file).whenRendered(timeoutMs, orLast),
    receive: (file, message) => get(file).receive(message),
    handled: (file) => ({ handled: [...get(file).handled], rejected: [...get(file).rejected] }),
    restore,
  };
}
