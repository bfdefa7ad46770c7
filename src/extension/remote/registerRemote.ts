import * as vscode from 'vscode';
import type { CommandManager } from '../core/commandManager';
import { COMMANDS, CONFIG_SECTION, SERVER_URL_SETTING } from '../core/constants';
import type { RunLog } from '../runs/runLog';
import type { RemoteRunResult } from './remoteCommands';
import { cancelServerRunCommand, openServerReportCommand, runOnServerCommand } from './remoteCommands';
import { RemoteRuns } from './remoteRuns';
import { RemoteRunsView } from './remoteTree';
import type { ServerRun } from './serverClient';
import { ServerProblems } from './serverProblems';
import { ServerTokens, setServerTokenCommand } from './serverSettings';

/** What the remote room needs from the extension. */
export interface RemoteRoomDeps {
  commands: CommandManager;
  /** The run log (the output channel) remote runs write to. */
  log: RunLog;
}

/** What the remote room offers the view above it and the integration tests. */
export interface RemoteApi {
  /** The "Team Server" group of the AI Quality view. */
  view: RemoteRunsView;
  /** The server's runs as last read. */
  runs(): ServerRun[];
  /** Reads the server's runs again. */
  refresh(): Promise<void>;
  /** Resolves once the run satisfies `until`. */
  whenRun(runId: string, until: (run: ServerRun) => boolean, timeoutMs?: number): Promise<ServerRun>;
  /** The team server's problems shown on a profile. */
  problemsOf(profileUri: vscode.Uri): readonly vscode.Diagnostic[];
}

/**
 * Registers remote runs on the team server: the token command, "Run on Server",
 * cancel and open report, and the runs the AI Quality view shows.
 */
export function registerRemote(context: vscode.ExtensionContext, { commands, log }: RemoteRoomDeps): RemoteApi {
  const tokens = new ServerTokens(context.secrets);
  const model = new RemoteRuns(() => tokens.connection());
  const problems = new ServerProblems();
  const deps = { tokens, model, problems, log, origins: context.workspaceState };
  context.subscriptions.push(
    model,
    problems,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${SERVER_URL_SETTING}`)) void model.refresh();
    }),
    context.secrets.onDidChange(() => void model.refresh()),
  );
  commands.registerAll([
    { id: COMMANDS.setServerToken, execute: (token?: unknown) => setServerTokenCommand(tokens, token) },
    { id: COMMANDS.runOnServer, execute: (arg?: unknown): Promise<RemoteRunResult> => runOnServerCommand(deps, arg) },
    { id: COMMANDS.cancelServerRun, execute: (arg?: unknown) => cancelServerRunCommand(deps, arg) },
    { id: COMMANDS.openServerReport, execute: (arg?: unknown) => openServerReportCommand(deps, arg) },
    { id: COMMANDS.refreshServerRuns, execute: () => model.refresh() },
  ]);
  return {
    view: new RemoteRunsView(model),
    runs: () => model.runs(),
    refresh: () => model.refresh(),
    whenRun: (runId, until, timeoutMs) => model.whenRun(runId, until, timeoutMs),
    problemsOf: (uri) => problems.of(uri),
  };
}
