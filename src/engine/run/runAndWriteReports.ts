import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { ResolvedProfile } from '../config/resolve';
import { scratchFileFor } from '../report/atomicWrite';
import { CaseSpill, readCaseSpill } from './caseSpill';
import type { WrittenReports } from '../report/writeReports';
import { ReportWriteError, writeReports } from '../report/writeReports';
import { defaultAuditFile } from './audit';
import { errorMessage } from '../model/caseOutcome';
import type { RunHandle, StartRunOptions } from './startRun';
import { startRun } from './startRun';
import type { RunResult } from '../model/runTypes';
import type { PreparedRun } from '../prepare/preparedRun';
import { asPreparedRun, isPreparedRun } from '../prepare/preparedRun';
import type { ReportOverrides } from '../prepare/reportOverrides';
import { withReportOverrides } from '../prepare/reportOverrides';

/** Options of a prepared run whose reports and audit are written, as the CLI and the extension do. */
export interface RunAndWriteOptions extends Omit<StartRunOptions, 'auditFile' | 'suites' | 'shard' | 'spill'> {
  /** Audit log file; default `.aiqk/audit.jsonl` beside the profile; false for none. */
  auditFile?: string | false;
}

/** Options of such a run started from a resolved profile that was not prepared (tests): suites, shard and report overrides are applied here. */
export interface ProfileRunAndWriteOptions extends RunAndWriteOptions, ReportOverrides, Pick<StartRunOptions, 'suites' | 'shard'> {}

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

// The run's case spill, a scratch file in the report folder (where the reports go
// anyway); none when the folder cannot be made, and the run keeps its cases in memory.
function spillBeside(dir: string): ReturnType<typeof scratchFileFor> | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    return scratchFileFor(path.join(dir, 'cases.jsonl'));
  } catch {
    return undefined;
  }
}

// What a spill that could not be written cost the reports: the cases the run did not keep in memory.
function spillLoss(result: RunResult, spill: CaseSpill): string | undefined {
  const missing = result.summary.overall.total - result.cases.length;
  if (missing <= 0) return undefined;
  return `the case spill could not be written (${spill.failure?.message ?? 'unknown error'}): the reports hold the ${result.cases.length} cases kept in memory, not the other ${missing}`;
}

/**
 * Starts a run that, when it ends (passed, failed, cancelled or in error),
 * writes its reports to the report folder and its audit records, so the CLI
 * and the extension behave the same.
 */
export function runAndWriteReports(prepared: PreparedRun, options?: RunAndWriteOptions): ReportingRunHandle;
/** The same for a resolved profile that was not prepared; its files are not checked. */
export function runAndWriteReports(profile: ResolvedProfile, options?: ProfileRunAndWriteOptions): ReportingRunHandle;
export function runAndWriteReports(run: PreparedRun | ResolvedProfile, options: ProfileRunAndWriteOptions = {}): ReportingRunHandle {
  const { formats: _f, outDir: _o, auditFile, suites: _s, shard: _h, ...rest } = options;
  const prepared = asPreparedRun(isPreparedRun(run) ? run : withReportOverrides(run, options), options);
  const effective = prepared.profile;
  const audit = auditFile === false ? undefined : (auditFile ?? defaultAuditFile(effective.dir));
  const scratch = spillBeside(effective.report.dir);
  const spill = scratch && new CaseSpill(scratch.path);
  const handle = startRun(prepared, { ...rest, ...(audit ? { auditFile: audit } : {}), ...(spill ? { spill } : {}) });
  const written = handle.result.then(async (result): Promise<WrittenRun> => {
    try {
      const lost = spill?.failure ? spillLoss(result, spill) : undefined;
      const files = await writeReports(result, {
        dir: effective.report.dir,
        formats: effective.report.formats,
        anonymize: effective.report.anonymize,
        // Every case from the spill, unless it failed: then the ones the run kept.
        ...(spill && !spill.failure ? { cases: () => readCaseSpill(spill.file) } : {}),
      });
      return { result, files, ...(lost ? { writeError: lost } : {}) };
    } catch (err) {
      const files = err instanceof ReportWriteError ? err.written : {};
      return { result, files, writeError: `the reports could not be written to ${effective.report.dir}: ${errorMessage(err)}` };
    } finally {
      await scratch?.release();
    }
  });
  return { runId: handle.runId, events: handle.events, result: handle.result, cancel: handle.cancel, written };
}
