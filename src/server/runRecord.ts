import { access, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunResult } from '../engine/model/runTypes';
import type { ServerRun, ServerRunStatus } from '../engine/model/serverRun';
import type { Journal } from './journal';

export type { ServerRunStatus };

/** The statuses a run never leaves. */
export const FINAL_STATUSES: readonly ServerRunStatus[] = ['passed', 'failed', 'cancelled', 'error', 'inconclusive', 'interrupted'];

/** What the server tells about one run. */
export type RunRecord = ServerRun;

/** The summary block of a finished run. */
export function summaryOf(result: RunResult): NonNullable<RunRecord['summary']> {
  const { total, passed, failed, errors, pass_rate } = result.summary.overall;
  return { total, passed, failed, errors, pass_rate };
}

const FORMATS: Record<string, string> = { json: '.json', xlsx: '.xlsx', junit: '.junit.xml' };

/** The file of a run's report in a format, inside the report folder. */
export function reportFile(reportsDir: string, runId: string, format: string): string {
  return path.join(reportsDir, `${runId}${FORMATS[format] ?? '.json'}`);
}

/**
 * Every run the audit log says was accepted, with its final state. A run accepted
 * but never ended (the process was killed) takes the state of its JSON report when
 * one was written, and is otherwise marked interrupted (and that is recorded).
 */
export async function restoreRuns(journal: Journal, reportsDir: string): Promise<RunRecord[]> {
  const runs = new Map<string, RunRecord>();
  for (const r of await journal.readAll()) {
    if (!r.run_id) continue;
    const run = runs.get(r.run_id);
    if (r.event === 'run_accepted' && !run) {
      runs.set(r.run_id, {
        run_id: r.run_id,
        owner: r.who ?? 'unknown',
        profile_name: r.profile_name ?? 'profile',
        status: 'queued',
        accepted_at: r.time,
        progress: { done: 0, total: 0 },
        reports: [],
      });
    } else if (run && r.event === 'run_started') {
      run.started_at = r.time;
    } else if (run && (r.event === 'run_ended' || r.event === 'run_interrupted')) {
      run.status = (r.status as ServerRunStatus | undefined) ?? 'interrupted';
      run.finished_at = r.time;
      if (r.summary) run.summary = { ...r.summary, pass_rate: r.summary.total > 0 ? r.summary.passed / r.summary.total : null };
      if (r.reason) run.reason = r.reason;
    }
  }
  const out = [...runs.values()];
  for (const run of out) {
    if (!FINAL_STATUSES.includes(run.status)) await settleUnfinished(run, journal, reportsDir);
    run.reports = await presentFormats(reportsDir, run.run_id);
    if (run.summary) run.progress = { done: run.summary.total, total: run.summary.total };
  }
  return out;
}

async function settleUnfinished(run: RunRecord, journal: Journal, reportsDir: string): Promise<void> {
  const report = await readReport(reportFile(reportsDir, run.run_id, 'json'));
  if (report) {
    run.status = report.run.status;
    run.summary = summaryOf(report);
    run.finished_at = report.run.finished_at;
  } else {
    run.status = 'interrupted';
    run.finished_at = new Date().toISOString();
    run.reason = 'the server stopped before the run ended';
  }
  await journal.write({
    event: 'run_interrupted',
    run_id: run.run_id,
    who: run.owner,
    status: run.status,
    ...(run.summary ? { summary: run.summary } : {}),
    ...(run.reason ? { reason: run.reason } : {}),
  });
}

async function readReport(file: string): Promise<RunResult | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as RunResult;
  } catch {
    return undefined;
  }
}

/** The report formats on disk for a run. */
export async function presentFormats(reportsDir: string, runId: string): Promise<string[]> {
  const out: string[] = [];
  for (const format of Object.keys(FORMATS)) {
    try {
      await access(reportFile(reportsDir, runId, format));
      out.push(format);
    } catch {
      // not written
    }
  }
  return out;
}
