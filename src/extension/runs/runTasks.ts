import * as path from 'node:path';
import * as vscode from 'vscode';
import { isSuiteName, SUITE_NAMES } from '../../engine/model/suiteNames';
import type { SuiteName } from '../../engine/model/suiteNames';
import type { PreparedRun } from '../../engine/prepare/preparedRun';
import { findProfileUris } from '../profiles/profilePick';
import type { RunDeps } from './runManager';
import { RunTerminal } from './runTerminal';

/** The task type of runs (package.json taskDefinitions). */
export const TASK_TYPE = 'aiqk';

/** An `aiqk` task as written in tasks.json. */
export interface AiqkTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  /** The run profile, relative to the workspace folder (or absolute). */
  profile: string;
  /** Suites to run instead of the profile's. */
  suites?: string[];
  /** A run id to use; normally left out (a new one per run). */
  runId?: string;
}

function folderOf(scope: vscode.Task['scope']): vscode.WorkspaceFolder | undefined {
  if (scope && typeof scope === 'object') return scope;
  return vscode.workspace.workspaceFolders?.[0];
}

/** How a task definition names a profile: relative to its workspace folder (forward slashes), else absolute. */
function taskProfilePath(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): string {
  return folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.fsPath;
}

/** The profile Uri a task definition names, resolved against the task's folder. */
export function taskProfileUri(definition: vscode.TaskDefinition, scope: vscode.Task['scope']): vscode.Uri | undefined {
  const profile: unknown = definition['profile'];
  if (typeof profile !== 'string' || profile.trim() === '') return undefined;
  if (path.isAbsolute(profile)) return vscode.Uri.file(profile);
  const folder = folderOf(scope);
  return folder ? vscode.Uri.joinPath(folder.uri, profile) : undefined;
}

/** What is wrong with a task definition, or undefined. */
export function definitionProblem(definition: vscode.TaskDefinition): string | undefined {
  if (typeof definition['profile'] !== 'string' || definition['profile'].trim() === '')
    return 'The aiqk task needs "profile": the path of a run profile (aiqk.yaml), relative to the workspace folder.';
  const suites: unknown = definition['suites'];
  if (suites !== undefined) {
    if (!Array.isArray(suites) || suites.length === 0) return 'The aiqk task\'s "suites" must be a non-empty list of suite names.';
    const bad = suites.filter((s) => typeof s !== 'string' || !isSuiteName(s));
    if (bad.length > 0)
      return `The aiqk task names unknown ${bad.length === 1 ? 'suite' : 'suites'} ${bad.map((b) => `'${String(b)}'`).join(', ')}; the suites are ${SUITE_NAMES.join(', ')}.`;
  }
  return undefined;
}

/** Builds the task that runs a profile through the pseudoterminal. */
export function createRunTask(
  deps: RunDeps,
  definition: AiqkTaskDefinition,
  scope: vscode.WorkspaceFolder | vscode.TaskScope,
  extra: { prepared?: PreparedRun; reveal?: vscode.TaskRevealKind } = {},
): vscode.Task {
  const profileLabel = definition.profile;
  const name = `Run ${profileLabel}${definition.suites ? ` (${definition.suites.join(', ')})` : ''}`;
  // "Rerun Last Task" executes the same task again: only the first execution
  // uses the pre-checked run and the chosen run id, later ones check again and get a new id.
  let first = true;
  const execution = new vscode.CustomExecution(async (resolved) => {
    const problem = definitionProblem(resolved);
    const profileUri = taskProfileUri(resolved, scope) ?? vscode.Uri.file(path.resolve(String(resolved['profile'] ?? '')));
    const runId = typeof resolved['runId'] === 'string' && (first || !extra.prepared) ? resolved['runId'] : undefined;
    const prepared = first ? extra.prepared : undefined;
    first = false;
    const suites = problem ? undefined : (resolved['suites'] as SuiteName[] | undefined);
    return new RunTerminal(deps, {
      profileUri,
      ...(suites ? { suites } : {}),
      ...(runId ? { runId } : {}),
      ...(prepared ? { prepared } : {}),
      ...(problem ? { definitionError: problem } : {}),
    });
  });
  const task = new vscode.Task(definition, scope, name, TASK_TYPE, execution, []);
  task.group = vscode.TaskGroup.Test;
  task.detail = 'AI Quality Kit: run the quality suites of a run profile';
  task.presentationOptions = { reveal: extra.reveal ?? vscode.TaskRevealKind.Always, echo: false, clear: true, focus: false };
  return task;
}

/** Offers one task per run profile, and makes tasks.json entries of type `aiqk` runnable. */
export class AiqkTaskProvider implements vscode.TaskProvider {
  constructor(private readonly deps: RunDeps) {}

  async provideTasks(): Promise<vscode.Task[]> {
    const uris = await findProfileUris();
    return uris.map((uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      return createRunTask(this.deps, { type: TASK_TYPE, profile: taskProfilePath(uri, folder) }, folder ?? vscode.TaskScope.Workspace);
    });
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (task.definition.type !== TASK_TYPE) return undefined;
    const scope = task.scope ?? vscode.TaskScope.Workspace;
    const resolved = createRunTask(this.deps, task.definition as AiqkTaskDefinition, scope);
    // Keep the user's label and presentation from tasks.json.
    const fromFile = new vscode.Task(task.definition, scope, task.name, TASK_TYPE, resolved.execution, []);
    fromFile.group = task.group ?? vscode.TaskGroup.Test;
    fromFile.presentationOptions = { ...resolved.presentationOptions, ...task.presentationOptions };
    return fromFile;
  }
}

/**
 * Starts a run as a task (terminal panel, Terminate Task cancels). The run id
 * goes into the definition: it makes each run a distinct task, so a second run
 * of the same profile never meets VS Code's "task is already active".
 */
export async function executeRunTask(
  deps: RunDeps,
  profileUri: vscode.Uri,
  runId: string,
  options: { suites?: SuiteName[]; prepared?: PreparedRun; reveal: vscode.TaskRevealKind },
): Promise<vscode.TaskExecution> {
  const folder = vscode.workspace.getWorkspaceFolder(profileUri);
  const definition: AiqkTaskDefinition = {
    type: TASK_TYPE,
    profile: taskProfilePath(profileUri, folder),
    runId,
    ...(options.suites ? { suites: options.suites } : {}),
  };
  const task = createRunTask(deps, definition, folder ?? vscode.TaskScope.Workspace, {
    ...(options.prepared ? { prepared: options.prepared } : {}),
    reveal: options.reveal,
  });
  return vscode.tasks.executeTask(task);
}
