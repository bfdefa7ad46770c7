import { open, readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isReportFileName } from '../../engine/report/reportFiles';
import type { RunStatus } from '../../engine/model/runTypes';

// Report history without reading whole reports: a JSON report starts with its
// `run` block and the overall summary (see jsonReportChunks), so the first few
// kilobytes say what a history list shows. Kept free of `vscode` for unit tests.

/** A JSON report on disk, as the history shows it. */
export interface ReportEntry {
  file: string;
  runId: string;
  status?: RunStatus;
  /** Absolute path of the profile that ran. */
  profile?: string;
  startedAt?: string;
  total?: number;
  passed?: number;
}

const HEAD_BYTES = 16 * 1024;
const STATUSES: readonly RunStatus[] = ['passed', 'failed', 'inconclusive', 'cancelled', 'error'];

/** What the head of a report says; fields it cannot find stay undefined. */
export function parseReportHead(text: string): Omit<ReportEntry, 'file' | 'runId'> {
  const out: Omit<ReportEntry, 'file' | 'runId'> = {};
  const status = /"status"\s*:\s*"([a-z]+)"/.exec(text)?.[1];
  if (status && (STATUSES as readonly string[]).includes(status)) out.status = status as RunStatus;
  const profile = /"profile"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
  if (profile) out.profile = JSON.parse(profile) as string;
  const started = /"started_at"\s*:\s*"([^"]+)"/.exec(text)?.[1];
  if (started) out.startedAt = started;
  const overall = /"overall"\s*:\s*\{([^}]*)\}/.exec(text)?.[1];
  if (overall) {
    const total = /"total"\s*:\s*(\d+)/.exec(overall)?.[1];
    const passed = /"passed"\s*:\s*(\d+)/.exec(overall)?.[1];
    if (total !== undefined) out.total = Number(total);
    if (passed !== undefined) out.passed = Number(passed);
  }
  return out;
}

/** Reads the head of one report file. */
export async function readReportEntry(file: string): Promise<ReportEntry> {
  const runId = path.basename(file, '.json');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return { file, runId, ...parseReportHead(buffer.subarray(0, bytesRead).toString('utf8')) };
  } finally {
    await handle.close();
  }
}

export { isReportFileName };

/**
 * The JSON reports in the given folders, newest first (run ids sort by start
 * time), at most `limit`. Folders that do not exist are skipped; a report
 * that cannot be read is listed with what its name says.
 */
export async function listReports(dirs: readonly string[], limit = 100): Promise<ReportEntry[]> {
  const files = new Set<string>();
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) if (isReportFileName(name)) files.add(path.join(dir, name));
  }
  const newest = [...files].sort((a, b) => path.basename(b).localeCompare(path.basename(a))).slice(0, limit);
  return Promise.all(newest.map((f) => readReportEntry(f).catch((): ReportEntry => ({ file: f, runId: path.basename(f, '.json') }))));
}

/** The newest report of a profile among entries (newest first), matched by the profile path recorded in the report. */
export function latestReportOf(entries: readonly ReportEntry[], profileFile: string): ReportEntry | undefined {
  const wanted = path.resolve(profileFile);
  return entries.find((e) => e.profile !== undefined && path.resolve(e.profile) === wanted);
}

/** Whether a file exists and is a regular file. */
export async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
