// Which reports belong to a profile (the agent tools; the report view may share it):
// its report folder holds `<run id>.json` files, and run ids sort by start time. A
// report begins with its `run` block, so a few kilobytes of each say which profile
// it ran and how it ended.
import { open, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { isReportFileName } from './reportFiles';

const HEAD_BYTES = 16 * 1024;
const MAX_CANDIDATES = 200;

/** A report of a profile's folder, from the head of its file. */
export interface ReportEntry {
  file: string;
  runId: string;
  status: string | undefined;
}

async function headOf(file: string): Promise<{ profile?: string; status?: string }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const profile = /"profile"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
    const status = /"status"\s*:\s*"([a-z]+)"/.exec(text)?.[1];
    return { ...(profile ? { profile: JSON.parse(profile) as string } : {}), ...(status ? { status } : {}) };
  } finally {
    await handle.close();
  }
}

/**
 * The reports in `dir` of runs of `profile` (absolute path), newest first, at most
 * `limit`; those that sort at or after `before` (a run id) are skipped. Unreadable files are skipped.
 */
export async function reportsOfProfile(dir: string, profile: string, limit: number, before?: string): Promise<ReportEntry[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const ids = names
    .filter(isReportFileName)
    .map((n) => n.slice(0, -'.json'.length))
    .filter((id) => before === undefined || id < before)
    .sort()
    .reverse()
    .slice(0, MAX_CANDIDATES);
  const found: ReportEntry[] = [];
  for (const runId of ids) {
    const file = path.join(dir, `${runId}.json`);
    const head = await headOf(file).catch(() => ({}) as { profile?: string; status?: string });
    if (head.profile === undefined || path.resolve(head.profile) !== path.resolve(profile)) continue;
    found.push({ file, runId, status: head.status });
    if (found.length >= limit) break;
  }
  return found;
}

/** The run a report is compared with: the newest earlier finished run (passed or failed) of the same profile. */
export async function previousFinishedReport(dir: string, profile: string, runId: string): Promise<ReportEntry | undefined> {
  const earlier = await reportsOfProfile(dir, profile, MAX_CANDIDATES, runId);
  return earlier.find((r) => r.status === 'passed' || r.status === 'failed');
}
