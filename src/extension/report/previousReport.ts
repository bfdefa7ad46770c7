// Finds the run a report is compared with: the newest earlier report in the same
// folder of a finished run (passed or failed) of the same profile. A JSON report
// begins with its `run` block, so a few kilobytes of each candidate say whether
// it qualifies; only the chosen one is read whole. Free of `vscode` for unit tests.
import { existsSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { RUN_ID_PATTERN } from '../../engine/model/runId';

const HEAD_BYTES = 16 * 1024;
const MAX_CANDIDATES = 200;

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
      // A malformed string: the candidate simply does not qualify.
    }
  }
  const status = /"status"\s*:\s*"([a-z]+)"/.exec(text)?.[1];
  if (status) out.status = status;
  return out;
}

async function readHead(file: string): Promise<ReportHead> {
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
 * Whether a candidate ran the same profile: the same path, or, when the
 * candidate's recorded profile no longer exists (the workspace was moved or
 * copied), the same file name.
 */
export function sameProfile(current: string, candidate: string): boolean {
  if (path.resolve(current) === path.resolve(candidate)) return true;
  return path.basename(current) === path.basename(candidate) && !existsSync(candidate);
}

/**
 * The report to compare `file` with, or undefined. `runId` and `profile` are the
 * current report's. Candidates are run ids that sort before it (ids sort by start
 * time), newest first; unreadable ones are skipped.
 */
export async function findPreviousReport(file: string, runId: string, profile: string): Promise<string | undefined> {
  const dir = path.dirname(file);
  const names = await readdir(dir).catch(() => [] as string[]);
  const earlier = names
    .filter((n) => n.endsWith('.json') && RUN_ID_PATTERN.test(n.slice(0, -5)) && n.slice(0, -5) < runId)
    .sort()
    .reverse()
    .slice(0, MAX_CANDIDATES);
  for (const name of earlier) {
    const candidate = path.join(dir, name);
    const head = await readHead(candidate).catch((): ReportHead => ({}));
    if (head.profile === undefined || !sameProfile(profile, head.profile)) continue;
    if (head.status === 'passed' || head.status === 'failed') return candidate;
  }
  return undefined;
}
