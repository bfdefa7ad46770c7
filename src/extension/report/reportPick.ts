// "Open Report View" without a file: a quick pick of the report history, read
// from every run profile's report folder (report.dir), newest first.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseProfile } from '../../engine/config/loadProfile';
import { resolveProfile } from '../../engine/config/resolve';
import { RUN_ID_PATTERN } from '../../engine/report/runId';
import { COMMANDS, EXCLUDE_GLOB, PROFILE_GLOB } from '../constants';

/** A report file found in a profile's report folder. */
export interface HistoryEntry {
  file: string;
  runId: string;
  profile: vscode.Uri;
}

async function reportDir(profile: vscode.Uri): Promise<string> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(profile));
    const parsed = parseProfile(text, profile.fsPath);
    if (parsed.profile) return resolveProfile(parsed.profile, profile.fsPath).report.dir;
  } catch {
    // Unreadable or broken profile: its reports are still in the default folder.
  }
  return path.join(path.dirname(profile.fsPath), '.aiqk', 'reports');
}

/** Every JSON report in the report folders of the workspace's profiles, newest first. */
export async function reportHistory(limit = 200): Promise<HistoryEntry[]> {
  const profiles = await vscode.workspace.findFiles(PROFILE_GLOB, EXCLUDE_GLOB);
  const seen = new Set<string>();
  const out: HistoryEntry[] = [];
  for (const profile of profiles) {
    const dir = await reportDir(profile);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const runId = name.slice(0, -'.json'.length);
      const file = path.join(dir, name);
      if (!name.endsWith('.json') || !RUN_ID_PATTERN.test(runId) || seen.has(file)) continue;
      seen.add(file);
      out.push({ file, runId, profile });
    }
  }
  // Run ids start with their UTC start time, so they sort by it.
  return out.sort((a, b) => b.runId.localeCompare(a.runId)).slice(0, limit);
}

function when(runId: string): string {
  const m = /^run_(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})_/.exec(runId);
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return d.toLocaleString();
}

/** Asks which report to open; undefined when there is none or the user dismissed the pick. */
export async function pickReportFile(): Promise<string | undefined> {
  const entries = await reportHistory();
  if (entries.length === 0) {
    const pick = await vscode.window.showInformationMessage('There is no AI Quality report in this workspace yet: run the tests first.', 'Run Tests');
    if (pick) void vscode.commands.executeCommand(COMMANDS.runTests);
    return undefined;
  }
  const items = entries.map((e) => ({ label: e.runId, description: when(e.runId), detail: vscode.workspace.asRelativePath(e.profile), file: e.file }));
  const chosen = await vscode.window.showQuickPick(items, { title: 'AI Quality: Open Report View', placeHolder: 'Report to open', matchOnDescription: true, matchOnDetail: true });
  return chosen?.file;
}
