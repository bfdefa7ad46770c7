// Which reports belong to a profile (the agent tools and the report view): its
// report folder holds `<run id>.json` files, and run ids sort by start time. A
// report begins with its `run` block, so a few kilobytes of each say which profile
// it ran and how it ended; only the chosen one is read whole.
import { existsSync } from 'node:fs';
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

/** What the head of a report says about its run. */
export interface ReportHead {
  profile?: string;
  status?: string;
}

/** The run's profile and status from the beginning of a JSON report (its first `profile` and `status` keys). */
export function parseHead(text: string): ReportHead {
  const out: ReportHead = {};
  const profile = /"profile"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
  if (profile) {
    try {
      out.profile = JSON.parse(profile) as string;
    } catch {
      // A malformed string: the report simply belongs to no profile.
    }
  }
  const status = /"status"\s*:\s*"([a-z]+)"/.exec(text)?.[1];
  if (status) out.status = status;
  return out;
}

async function headOf(file: string): Promise<ReportHead> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return parseHead(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/**
 * Whether a report of `candidate` (the profile it recorded) is one of `current`'s runs:
 * the same path, or, when the recorded profile no longer exists (the workspace was
 * moved or copied), the same file name.
 */
export function sameProfile(current: string, candidate: string): boolean {
  if (path.resolve(current) === path.resolve(candidate)) return true;
  return path.basename(current) === path.basename(candidate) && !existsSync(candidate);
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
    const head = await headOf(file).catch((): ReportHead => ({}));
    if (head.profile === undefined || !sameProfile(profile, head.profile)) continue;
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
