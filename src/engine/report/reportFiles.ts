import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { RUN_ID_PATTERN } from '../model/runId';

/** Whether a file name is a JSON report's (`<run id>.json`). */
export function isReportFileName(name: string): boolean {
  return name.endsWith('.json') && RUN_ID_PATTERN.test(name.slice(0, -'.json'.length));
}

async function reportsUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...(await reportsUnder(file)));
    else if (e.isFile() && isReportFileName(e.name)) found.push(file);
  }
  return found;
}

/**
 * The JSON reports named by files and folders: a file is taken as it is; a
 * folder gives every `<run id>.json` in it and its subfolders (as CI artifacts
 * are downloaded: one subfolder per shard, or all in one), in name order.
 * Throws naming a path that does not exist or a folder without a report.
 */
export async function reportFilesIn(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      throw new Error(`${p} does not exist: give shard reports (<run id>.json) or folders holding them`);
    }
    if (!isDir) {
      files.push(p);
      continue;
    }
    const found = await reportsUnder(p);
    if (found.length === 0) throw new Error(`${p} holds no report (no run_<yyyymmdd-hhmmss>_<8 hex>.json in it or its subfolders)`);
    files.push(...found);
  }
  // A file named twice (as itself and inside a folder given too) counts once.
  return [...new Map(files.map((f) => [path.resolve(f), f])).values()];
}
