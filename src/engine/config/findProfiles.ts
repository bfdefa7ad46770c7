import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isProfileFileName } from './loadProfile';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', '.aiqk', '.cache', '.vscode-test', 'test-output']);

/**
 * Finds run profiles under the given files and folders (a file is taken as it
 * is; a folder is searched, skipping dependency and build folders). Sorted, unique.
 */
export async function findProfiles(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (!isDir) found.add(abs);
    else await walk(abs, found, 0);
  }
  return { files: [...found].sort(), missing };
}

async function walk(dir: string, found: Set<string>, depth: number): Promise<void> {
  if (depth > 20) return;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(e.name)) await walk(full, found, depth + 1);
    } else if (e.isFile() && isProfileFileName(e.name)) {
      found.add(full);
    }
  }
}
