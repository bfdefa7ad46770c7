import * as path from 'node:path';
import * as vscode from 'vscode';
import { isProfileFileName, parseProfile } from '../../engine/config/loadProfile';
import { resolveProfile } from '../../engine/config/resolve';
import type { SuiteName } from '../../engine/model/suiteNames';
import { isSuiteName, SUITE_NAMES } from '../../engine/model/suiteNames';
import { COMMANDS, EXCLUDE_GLOB, PROFILE_GLOB } from '../core/constants';

/** Every run profile of the workspace, sorted by path. */
export async function findProfileUris(): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(PROFILE_GLOB, EXCLUDE_GLOB);
  return uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Reads a profile's text: the open editor's (unsaved edits included) or the file's. */
export async function profileText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The suites a profile lists (valid names only), in the file's order; empty when unreadable. */
export async function profileSuites(uri: vscode.Uri): Promise<SuiteName[]> {
  const text = await profileText(uri);
  if (text === undefined) return [];
  const value = parseProfile(text, uri.fsPath).value as { suites?: unknown } | undefined;
  const list = Array.isArray(value?.suites) ? value.suites : [];
  return [...new Set(list.filter((s): s is SuiteName => typeof s === 'string' && isSuiteName(s)))];
}

/** The report folder of a profile (its report.dir, or the default beside it). */
export async function reportDirOf(uri: vscode.Uri): Promise<string> {
  const text = await profileText(uri);
  const parsed = text === undefined ? undefined : parseProfile(text, uri.fsPath);
  if (parsed?.profile) return resolveProfile(parsed.profile, uri.fsPath).report.dir;
  return path.join(path.dirname(uri.fsPath), '.aiqk', 'reports');
}

/**
 * The profile a command acts on: from its argument (a Uri, a path, a tree or
 * Test Explorer node carrying `profileUri`), else the active editor's when it
 * is a profile and the only sensible choice, else the user's pick.
 */
export async function resolveProfileArg(arg: unknown, placeHolder: string): Promise<vscode.Uri | undefined> {
  const given = profileUriOf(arg);
  if (given) return given;
  const all = await findProfileUris();
  if (all.length === 0) {
    void vscode.window
      .showInformationMessage('There is no run profile (aiqk.yaml) in this workspace yet.', 'Create Run Profile')
      .then((pick) => {
        if (pick) void vscode.commands.executeCommand(COMMANDS.createProfile);
      });
    return undefined;
  }
  if (all.length === 1) return all[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const items = all.map((uri) => ({
    label: vscode.workspace.asRelativePath(uri),
    description: active?.toString() === uri.toString() ? 'active editor' : undefined,
    uri,
  }));
  items.sort((a, b) => Number(b.description !== undefined) - Number(a.description !== undefined));
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return pick?.uri;
}

/** A profile Uri carried by a command argument, if any. */
export function profileUriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && isProfileFileName(arg)) return path.isAbsolute(arg) ? vscode.Uri.file(arg) : undefined;
  if (arg && typeof arg === 'object' && 'profileUri' in arg) {
    const u = (arg as { profileUri: unknown }).profileUri;
    if (u instanceof vscode.Uri) return u;
  }
  return undefined;
}

/** Suite names from a command argument (an array of names); throws on an unknown name. */
export function suitesArg(arg: unknown): SuiteName[] | undefined {
  if (arg === undefined || arg === null) return undefined;
  const list = typeof arg === 'string' ? [arg] : Array.isArray(arg) ? arg : undefined;
  if (!list) return undefined;
  const bad = list.filter((s) => typeof s !== 'string' || !isSuiteName(s));
  if (bad.length > 0)
    throw new Error(`unknown suite ${bad.map((b) => `'${String(b)}'`).join(', ')}; the suites are ${SUITE_NAMES.join(', ')}`);
  return list as SuiteName[];
}

/** Lets the user choose which of the profile's suites to run (all checked); undefined when dismissed. */
export async function pickSuites(uri: vscode.Uri): Promise<SuiteName[] | undefined> {
  const suites = await profileSuites(uri);
  if (suites.length <= 1) return suites;
  const picks = await vscode.window.showQuickPick(
    suites.map((s) => ({ label: s, picked: true })),
    {
      canPickMany: true,
      placeHolder: `Suites of ${vscode.workspace.asRelativePath(uri)} to run`,
    },
  );
  if (!picks || picks.length === 0) return undefined;
  return picks.map((p) => p.label as SuiteName);
}
