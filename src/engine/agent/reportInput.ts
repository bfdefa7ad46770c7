// Which report a tool reads: a report file given, or the newest report of a profile.
import * as path from 'node:path';
import { loadProfile } from '../config/loadProfile';
import { resolveProfile } from '../config/resolve';
import { readReport } from '../report/jsonReport';
import type { RunResult } from '../model/runTypes';
import { ToolInputError } from './agentTool';
import { reportsOfProfile } from '../report/profileReports';
import { resolveInWorkspace, shownPath } from './workspacePath';

/** The JSON Schema properties naming a report. */
export const REPORT_PROPERTIES = {
  report: { type: 'string', description: 'A JSON report (.aiqk/reports/run_….json), relative to the workspace folder.' },
  profile: { type: 'string', description: 'A run profile: its newest report is used when `report` is not given.' },
} as const;

/** A report read, with its file. */
export interface ChosenReport {
  file: string;
  result: RunResult;
}

/** The report folder of a profile, as its runs write it. */
export async function reportDirOf(profileFile: string): Promise<string> {
  const parsed = await loadProfile(profileFile);
  if (!parsed.profile)
    throw new ToolInputError(`${path.basename(profileFile)} has errors, so its report folder is unknown: validate_profile shows them`);
  return resolveProfile(parsed.profile, profileFile).report.dir;
}

/** Reads the report named by `report`, else the newest report of `profile`; throws ToolInputError when neither leads to one. */
export async function chooseReport(root: string, input: { report?: string; profile?: string }): Promise<ChosenReport> {
  if (input.report !== undefined) {
    const file = await resolveInWorkspace(root, input.report, 'report');
    return { file, result: await readReport(file) };
  }
  if (input.profile === undefined) throw new ToolInputError('give `report` (a JSON report) or `profile` (its newest report is read)');
  const profile = await resolveInWorkspace(root, input.profile, 'profile');
  const dir = await reportDirOf(profile);
  const [newest] = await reportsOfProfile(dir, profile, 1);
  if (!newest)
    throw new ToolInputError(`${shownPath(root, profile)} has no report in ${shownPath(root, dir)} yet: run it first (run_profile)`);
  await resolveInWorkspace(root, newest.file, 'report');
  return { file: newest.file, result: await readReport(newest.file) };
}

/** The profile a report ran, as the tools show it. */
export function reportProfileShown(root: string, result: RunResult): string {
  const rel = path.relative(root, result.run.profile);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.basename(result.run.profile) : shownPath(root, result.run.profile);
}
