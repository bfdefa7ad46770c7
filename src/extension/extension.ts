import type * as vscode from 'vscode';
import type { AgentToolsApi } from './agentTools/registerAgentTools';
import { registerAgentTools } from './agentTools/registerAgentTools';
import { CommandManager } from './core/commandManager';
import { registerDiagnostics } from './diagnostics/registerDiagnostics';
import type { ProfilesAndRunsTree } from './profilesAndRuns/profilesAndRunsTree';
import { registerProfilesAndRuns } from './profilesAndRuns/registerProfilesAndRuns';
import { registerProfiles } from './profiles/registerProfiles';
import type { RemoteApi } from './remote/registerRemote';
import { registerRemote } from './remote/registerRemote';
import type { ReportViewApi } from './report/registerReportView';
import { registerReportView } from './report/registerReportView';
import type { RequirementsTree } from './requirements/requirementsTree';
import { registerRequirements } from './requirements/requirementsView';
import type { RunsApi } from './runs/registerRuns';
import { registerRuns } from './runs/registerRuns';
import { registerSecrets } from './secrets/registerSecrets';
import type { TestingApi } from './testing/registerTesting';
import { registerTesting } from './testing/registerTesting';
import type { WizardApi } from './wizard/registerWizard';
import { registerWizard } from './wizard/registerWizard';
import { endRunProcesses } from './runs/runProcesses';

/** What the extension offers other extensions and its integration tests. */
export interface AiQualityKitApi {
  /** Resolves when every pending validation has finished. */
  whenIdle(): Promise<void>;
  /** The ids of the commands registered (every one through the command manager). */
  commandIds(): string[];
  /** The report view: open panels, what they were sent and rendered (for integration tests). */
  reportView: ReportViewApi;
  /** Runs: the running list, status bar and run log (for integration tests). */
  runs: RunsApi;
  /** The Test Explorer: controller, run profile, reported states (for integration tests). */
  testing: TestingApi;
  /** The "AI Quality" view's data: profiles, running runs, report history (for integration tests). */
  profilesAndRuns: ProfilesAndRunsTree;
  /** The setup wizard: open it, send it messages as its webview does, read its view (for integration tests). */
  wizard: WizardApi;
  /** The Requirements view's data: the profile shown and its rows (for integration tests). */
  requirements: RequirementsTree;
  /** Runs on the team server: their list and the problems the server found (for integration tests). */
  remote: RemoteApi;
  /** The language-model tools for VS Code's agent mode (for integration tests). */
  agentTools: AgentToolsApi;
}

/**
 * Activates the extension. Only wiring: each room registers itself and is
 * handed what it needs from the rooms below it.
 */
export function activate(context: vscode.ExtensionContext): AiQualityKitApi {
  const commands = new CommandManager();
  context.subscriptions.push(commands);
  const secrets = registerSecrets(context, { commands });
  registerProfiles(context, { commands });
  const diagnostics = registerDiagnostics(context, { commands });
  const requirements = registerRequirements(context, { commands });
  // The report view (above runs) tells the run notices whether it already shows a result.
  const above: { reportView?: ReportViewApi } = {};
  const runs = registerRuns(context, {
    commands,
    secrets,
    resultShown: (profile) => above.reportView?.showsProfile(profile.fsPath) ?? false,
  });
  const manager = runs.deps.manager;
  const reportView = registerReportView(context, {
    commands,
    lastReport: (profile) => manager.lastFinished(profile)?.files.json,
    runFinished: (listener, thisArg, disposables) =>
      manager.onDidFinish(
        (f) => {
          if (f.files.json) listener.call(thisArg, { profile: f.profileUri.fsPath, json: f.files.json });
        },
        undefined,
        disposables,
      ),
  });
  above.reportView = reportView;
  const testing = registerTesting(context, { commands, runs: runs.deps });
  const remote = registerRemote(context, { commands, log: runs.deps.log });
  const profilesAndRuns = registerProfilesAndRuns(context, { commands, manager: runs.deps.manager, remote: remote.view });
  const wizard = registerWizard(context, { commands, secrets, runs: runs.api });
  const agentTools = registerAgentTools(context, { secrets });
  void diagnostics.refreshAll();
  return {
    whenIdle: () => diagnostics.whenIdle(),
    commandIds: () => commands.ids(),
    reportView,
    runs: runs.api,
    testing,
    profilesAndRuns,
    wizard,
    requirements,
    remote,
    agentTools,
  };
}

/** Ends the MCP servers runs started (the context's subscriptions release the rest). */
export function deactivate(): Promise<void> {
  return endRunProcesses();
}
