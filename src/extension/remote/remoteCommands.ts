// "Run on Server", "Cancel Server Run" and "Open Server Report": a profile sent to the
// team server (data files uploaded, no local path, no secret value), its run cancelled,
// its JSON report downloaded into the profile's report folder and shown in the report view.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { newRunId } from '../../engine/model/runId';
import type { RunRefusal } from '../../engine/prepare/preparedRun';
import { writeFileAtomic } from '../../engine/report/atomicWrite';
import { CONFIG_SECTION } from '../core/constants';
import { findProfileUris, profileText, reportDirOf, resolveProfileArg } from '../profiles/profilePick';
import { openReportFile } from '../report/openReport';
import { showRefusal, UNTRUSTED_REFUSAL } from '../runs/runGuard';
import type { RunLog } from '../runs/runLog';
import type { RemoteRuns } from './remoteRuns';
import { ACTIVE_STATUSES } from './remoteRuns';
import { remoteProfile } from './remoteProfile';
import type { ServerProblem, ServerRun } from './serverClient';
import { TeamServerError } from './serverClient';
import type { ServerProblems } from './serverProblems';
import { problemsMessage, showServerError } from './serverProblems';
import type { ServerTokens } from './serverSettings';
import { showNoConnection } from './serverSettings';

/** What "Run on Server" returns (for tests and other callers). */
export type RemoteRunResult =
  { started: false; refusal?: RunRefusal; error?: string; problems?: readonly ServerProblem[] } | { started: true; runId: string };

/** What the remote commands work with. */
export interface RemoteDeps {
  tokens: ServerTokens;
  model: RemoteRuns;
  problems: ServerProblems;
  log: RunLog;
  /** The profile each run started from this window came from (for its report folder). */
  origins: vscode.Memento;
}

const ORIGINS_KEY = 'aiQualityKit.serverRunProfiles';

/** The name a profile's runs carry on the server: its workspace-relative path, made safe. */
export function serverProfileName(profileUri: vscode.Uri): string {
  return (
    vscode.workspace
      .asRelativePath(profileUri, false)
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(-100) || 'profile'
  );
}

/** "Run on Server": sends the profile to the team server and follows its run in the AI Quality view. */
export async function runOnServerCommand(deps: RemoteDeps, arg?: unknown): Promise<RemoteRunResult> {
  // Restricted Mode refuses remote runs as it refuses local ones, before asking anything.
  if (!vscode.workspace.isTrusted) {
    deps.log.write('error', `run on the team server refused: ${UNTRUSTED_REFUSAL.message}`);
    showRefusal(UNTRUSTED_REFUSAL);
    return { started: false, refusal: UNTRUSTED_REFUSAL };
  }
  const connection = await deps.tokens.connection();
  if (!connection.ok) {
    showNoConnection(connection);
    return { started: false, error: connection.message };
  }
  const profileUri = await resolveProfileArg(arg, 'Run profile to run on the team server');
  if (!profileUri) return { started: false };
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === profileUri.toString());
  if (open?.isDirty) await open.save();
  const text = await profileText(profileUri);
  if (text === undefined) {
    void vscode.window.showErrorMessage(`AI Quality Kit: cannot read ${profileUri.fsPath}`);
    return { started: false, error: 'unreadable profile' };
  }
  const client = connection.client;
  const shown = vscode.workspace.asRelativePath(profileUri);
  deps.problems.clear(profileUri);
  const folder = vscode.workspace.getWorkspaceFolder(profileUri);
  const allowOutside = vscode.workspace.getConfiguration(CONFIG_SECTION, profileUri).get<boolean>('data.allowOutsideWorkspace', false);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Sending ${shown} to the team server` },
      async (): Promise<RemoteRunResult> => {
        const prepared = await remoteProfile(
          text,
          profileUri.fsPath,
          async (kind, bytes, name) => (await client.upload(kind, bytes, name)).ref,
          {
            ...(folder ? { workspaceRoot: folder.uri.fsPath } : {}),
            allowOutside,
          },
        );
        if (!prepared.ok) return refused(deps, profileUri, `${shown} was not sent to the team server`, prepared.problems);
        for (const u of prepared.uploads) deps.log.write('info', `${shown}: data.${u.kind} uploaded to the team server as ${u.ref}`);
        const runId = newRunId();
        const started = await client.start(prepared.text, { runId, profileName: serverProfileName(profileUri) });
        await remember(deps.origins, started.runId, profileUri);
        deps.log.write('info', `${shown}: run ${started.runId} started on the team server ${client.baseUrl}`);
        if (started.run) deps.model.upsert(started.run);
        void deps.model.refresh();
        vscode.window.setStatusBarMessage(`$(cloud-upload) ${started.runId} started on the team server`, 5000);
        return { started: true, runId: started.runId };
      },
    );
  } catch (err) {
    if (err instanceof TeamServerError && err.kind === 'invalid' && err.problems.length > 0)
      return refused(deps, profileUri, `the team server refused ${shown}`, err.problems);
    deps.log.write('error', `${shown}: run on the team server failed: ${(err as Error).message}`);
    showServerError(err, `run ${shown} on the team server`);
    return { started: false, error: (err as Error).message };
  }
}

function refused(deps: RemoteDeps, profileUri: vscode.Uri, what: string, problems: readonly ServerProblem[]): RemoteRunResult {
  deps.problems.show(profileUri, problems);
  const message = problemsMessage(what, problems);
  deps.log.write('error', message);
  void vscode.window.showErrorMessage(message, 'Show Problems').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return { started: false, error: message, problems };
}

async function remember(origins: vscode.Memento, runId: string, profileUri: vscode.Uri): Promise<void> {
  const known = origins.get<Record<string, string>>(ORIGINS_KEY, {});
  // The newest 200 are enough to find report folders again.
  const kept = Object.entries(known).slice(-199);
  await origins.update(ORIGINS_KEY, Object.fromEntries([...kept, [runId, profileUri.toString()]]));
}

/** The run id a command argument names: a tree node, a run, or the id itself. */
export function serverRunIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { runId?: unknown; run_id?: unknown };
    if (typeof o.runId === 'string') return o.runId;
    if (typeof o.run_id === 'string') return o.run_id;
  }
  return undefined;
}

async function pickServerRun(deps: RemoteDeps, placeHolder: string, which: (r: ServerRun) => boolean): Promise<string | undefined> {
  await deps.model.refresh();
  const runs = deps.model.runs().filter(which);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`AI Quality Kit: no such run on the team server (${placeHolder.toLowerCase()}).`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    runs.map((r) => ({ label: r.run_id, description: `${r.profile_name} · ${r.status}` })),
    { placeHolder },
  );
  return pick?.label;
}

/** "Cancel Server Run": resolves with the status the server answered. */
export async function cancelServerRunCommand(deps: RemoteDeps, arg?: unknown): Promise<string | undefined> {
  const connection = await deps.tokens.connection();
  if (!connection.ok) return void showNoConnection(connection);
  const runId =
    serverRunIdOf(arg) ?? (await pickServerRun(deps, 'Run to cancel on the team server', (r) => ACTIVE_STATUSES.includes(r.status)));
  if (!runId) return undefined;
  try {
    const answer = await connection.client.cancel(runId);
    deps.log.write('info', `team server: cancel ${runId}: ${answer.status}${answer.message ? ` (${answer.message})` : ''}`);
    void deps.model.refresh();
    return answer.status;
  } catch (err) {
    deps.log.write('error', `team server: cancel ${runId} failed: ${(err as Error).message}`);
    showServerError(err, `cancel ${runId} on the team server`);
    return undefined;
  }
}

/** "Open Server Report": downloads the run's JSON report into the report folder and shows it. Resolves with the file. */
export async function openServerReportCommand(deps: RemoteDeps, arg?: unknown): Promise<string | undefined> {
  const connection = await deps.tokens.connection();
  if (!connection.ok) return void showNoConnection(connection);
  const runId = serverRunIdOf(arg) ?? (await pickServerRun(deps, 'Report to open from the team server', (r) => r.reports.includes('json')));
  if (!runId) return undefined;
  try {
    const bytes = await connection.client.report(runId);
    const run = deps.model.runs().find((r) => r.run_id === runId);
    const profile = await localProfileOf(deps.origins, runId, run?.profile_name);
    const dir = profile ? await reportDirOf(profile) : defaultReportFolder();
    if (!dir) {
      void vscode.window.showErrorMessage('AI Quality Kit: open a folder to download team server reports into.');
      return undefined;
    }
    const file = path.join(dir, `${runId}.json`);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(file, profile ? linkedToLocalProfile(bytes, profile.fsPath) : bytes);
    deps.log.write('info', `team server: report of ${runId} downloaded to ${vscode.workspace.asRelativePath(file)}`);
    await openReportFile(file);
    return file;
  } catch (err) {
    deps.log.write('error', `team server: the report of ${runId} was not downloaded: ${(err as Error).message}`);
    showServerError(err, `download the report of ${runId}`);
    return undefined;
  }
}

/** The local profile a server run came from: this window's record, else the profile of the same name, else the first profile. */
async function localProfileOf(origins: vscode.Memento, runId: string, profileName?: string): Promise<vscode.Uri | undefined> {
  const origin = origins.get<Record<string, string>>(ORIGINS_KEY, {})[runId];
  if (origin) return vscode.Uri.parse(origin);
  const profiles = await findProfileUris();
  return profiles.find((u) => serverProfileName(u) === profileName) ?? profiles[0];
}

function defaultReportFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, '.aiqk', 'reports') : undefined;
}

/**
 * The downloaded report with `run.profile` naming the local profile instead of the
 * server's copy of it, so the report joins that profile's history (its last result,
 * the report view's comparison) as a local run's does. Anything unreadable is kept as sent.
 */
export function linkedToLocalProfile(bytes: Uint8Array, profileFile: string): Uint8Array {
  try {
    const report = JSON.parse(Buffer.from(bytes).toString('utf8')) as { run?: { profile?: unknown } };
    if (typeof report.run?.profile !== 'string') return bytes;
    report.run.profile = profileFile;
    return Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
  } catch {
    return bytes;
  }
}
