// Finds the run a report is compared with: the newest earlier report in the same
// folder of a finished run (passed or failed) of the same profile, as the agent
// tools find it (src/engine/report/profileReports.ts). Free of `vscode` for unit tests.
import * as path from 'node:path';
import { previousFinishedReport } from '../../engine/report/profileReports';

export { parseHead, sameProfile } from '../../engine/report/profileReports';
export type { ReportHead } from '../../engine/report/profileReports';

/**
 * The report to compare `file` with, or undefined. `runId` and `profile` are the
 * current report's. Candidates are run ids that sort before it (ids sort by start
 * time), newest first; unreadable ones are skipped.
 */
export async function findPreviousReport(file: string, runId: string, profile: string): Promise<string | undefined> {
  return (await previousFinishedReport(path.dirname(file), profile, runId))?.file;
}
