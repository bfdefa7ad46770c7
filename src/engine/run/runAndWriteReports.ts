import type { ResolvedProfile } from '../config/resolve';
import type { ReportFormat, WrittenReports } from '../report/writeReports';
import { ReportWriteError, writeReports } from '../report/writeReports';
import { defaultAuditFile } from './audit';
import { errorMessage } from '../model/caseOutcome';
import type { RunHandle, StartRunOptions } from './startRun';
import { startRun } from './startRun';
import type { RunResult } from '../model/runTypes';

/** Options of a run whose reports and audit are written, as the CLI and the extension do. */
export interface RunAndWriteOptions extends Omit<StartRunOptions, 'auditFile'> {
  /** Formats instead of the profile's report.formats. */
  formats?: ReportFormat[];
  /** Folder instead of the profile's report.dir (also where the regression baseline is looked for). */
  outDir?: string;
  /** Audit log file; default `.aiqk/audit.jsonl` beside the profile; false for none. */
  auditFile?: string | false;
}

/** A finished run with its reports on disk. */
export interface WrittenRun {
  result: RunResult;
  files: WrittenReports;
  /** Why the reports could not (all) be written; the result is still complete. */
  writeError?: string;
}

/** A run in progress whose reports are written when it ends (cancelled runs included). */
export interface ReportingRunHandle extends RunHandle {
  /** Resolves once the reports are written; never rejects. */
  readonly written: Promise<WrittenRun>;
}

/** The profile with the caller's report folder and formats applied. */
export function withReportOverrides(profile: ResolvedProfile, options: Pick<RunAndWriteOptions, 'formats' | 'outDir'>): ResolvedProfile {
  if (!options.formats && !options.outDir) return profile;
  return {
    ...profile,
    report: {
      ...profile.report,
      ...(options.formats ? { formats: [...options.formats] } : {}),
      ...(options.outDir ? { dir: options.outDir } : {}),
    },
  };
}

/**
 * Starts a run that, when it ends (passed, failed, cancelled or in error),
 * writes its reports to the report folder and its audit records, so the CLI
 * and the extension behave the same.
 */
export function runAndWriteReports(profile: ResolvedProfile, options: RunAndWriteOptions = {}): ReportingRunHandle {
  const effective = withReportOverrides(profile, options);
  const { formats: _f, outDir: _o, auditFile, ...rest } = options;
  const audit = auditFile === false ? undefined : (auditFile ?? defaultAuditFile(effective.dir));
  const handle = startRun(effective, { ...rest, ...(audit ? { auditFile: audit } : {}) });
  const written = handle.result.then(async (result): Promise<WrittenRun> => {
    try {
      const files = await writeReports(result, {
        dir: effective.report.dir,
        formats: effective.report.formats,
        anonymize: effective.report.anonymize,
      });
      return { result, files };
    } catch (err) {
      const files = err instanceof ReportWriteError ? err.written : {};
      return { result, files, writeError: `the reports could not be written to ${effective.report.dir}: ${errorMessage(err)}` };
    }
  });
  return { runId: handle.runId, events: handle.events, result: handle.result, cancel: handle.cancel, written };
}
