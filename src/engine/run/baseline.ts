import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { ResolvedProfile } from '../config/resolve';
import { readReport } from '../report/jsonReport';
import { errorMessage } from '../model/caseOutcome';
import type { CaseResult } from '../model/runTypes';

/** The earlier run the regression suite compares with. */
export interface Baseline {
  runId: string;
  /** Absolute path of the baseline report. */
  file: string;
  cases: CaseResult[];
}

/** Where to look for a baseline and how to report what was found. */
export interface FindBaselineOptions {
  /** The current run, never its own baseline. */
  excludeRunId: string;
  /** A report chosen by the caller; wins over the profile's setting. */
  file?: string;
  log(level: 'info' | 'warn', message: string): void;
}

/**
 * The baseline of a run: the caller's file, else `suite_options.regression.baseline`
 * (relative to the profile), else the newest report in the profile's report
 * folder of a run of this same profile that passed. Failed, inconclusive,
 * cancelled and errored runs are skipped: a regression must not become the next
 * run's baseline and so disappear. A chosen file that cannot be read is an error
 * (thrown); reports found by looking that cannot be read are skipped. Undefined
 * when no earlier run passed.
 */
export async function findBaseline(profile: ResolvedProfile, opts: FindBaselineOptions): Promise<Baseline | undefined> {
  const fromProfile = profile.raw.suite_options?.regression?.baseline;
  if (opts.file !== undefined || fromProfile !== undefined) {
    const file = opts.file !== undefined ? path.resolve(opts.file) : path.resolve(profile.dir, fromProfile as string);
    const report = await readReport(file);
    opts.log('info', `regression baseline: ${report.run.id} (${file})`);
    return { runId: report.run.id, file, cases: report.cases };
  }
  const found = await newestReportOf(profile, opts);
  if (found) opts.log('info', `regression baseline: ${found.runId}, the newest passed run of this profile`);
  else
    opts.log(
      'info',
      'regression: no earlier passed run of this profile in the report folder; this run records the baseline (suite_options.regression.baseline chooses one)',
    );
  return found;
}

async function newestReportOf(profile: ResolvedProfile, opts: FindBaselineOptions): Promise<Baseline | undefined> {
  let names: string[];
  try {
    names = (await readdir(profile.report.dir)).filter((n) => n.endsWith('.json'));
  } catch {
    return undefined;
  }
  // Newest first by modification time; reading stops at the first match, so a
  // folder full of old reports costs one stat each, not one parse each.
  const dated: { file: string; mtime: number }[] = [];
  for (const name of names) {
    if (name === `${opts.excludeRunId}.json`) continue;
    const file = path.join(profile.report.dir, name);
    try {
      const st = await stat(file);
      if (st.isFile()) dated.push({ file, mtime: st.mtimeMs });
    } catch {
      // Vanished between readdir and stat: not a candidate.
    }
  }
  dated.sort((a, b) => b.mtime - a.mtime || (a.file < b.file ? 1 : -1));
  let skipped = 0;
  for (const { file } of dated) {
    try {
      const report = await readReport(file);
      if (report.run.id === opts.excludeRunId || path.resolve(report.run.profile) !== profile.file) continue;
      if (report.run.status !== 'passed') continue;
      if (skipped > 0)
        opts.log('warn', `regression: skipped ${skipped} unreadable report${skipped === 1 ? '' : 's'} while looking for the baseline`);
      return { runId: report.run.id, file, cases: report.cases };
    } catch (err) {
      skipped++;
      if (skipped === 1) opts.log('warn', `regression: ${errorMessage(err).split('\n')[0]}`);
    }
  }
  if (skipped > 0)
    opts.log('warn', `regression: skipped ${skipped} unreadable report${skipped === 1 ? '' : 's'} while looking for the baseline`);
  return undefined;
}
