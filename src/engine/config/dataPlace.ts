// Where a data path really leads. A profile is a file anyone can send you: its
// `data:` paths may climb out of the workspace (`../../../../etc/passwd`) or go
// through a symbolic link that does. The real path (links resolved) is compared
// with the workspace folder; what lies outside is flagged before it is read.

import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** What to do with a data file outside the workspace: flag it and read it, refuse it, or allow it silently. */
export type OutsideWorkspacePolicy = 'warning' | 'error' | 'allow';

/**
 * The workspace folder of a profile when the caller knows none (the CLI): the
 * nearest folder above it holding `.git`, else the profile's own folder.
 */
export function defaultWorkspaceRoot(profileFile: string): string {
  const start = path.dirname(path.resolve(profileFile));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/** Whether `file`, its links resolved, lies outside `root` (itself resolved). A file that cannot be resolved is not judged here. */
export async function isOutsideWorkspace(file: string, root: string): Promise<boolean> {
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(file), realpath(root).catch(() => path.resolve(root))]);
  } catch {
    return false;
  }
  const rel = path.relative(realRoot, real);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/** Why a data path cannot be opened, in words, from a file system error code. */
export function unreachableReason(code: string | undefined): string {
  switch (code) {
    case 'ELOOP':
      return 'is a symbolic link loop (a link that leads back to itself)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ENAMETOOLONG':
      return 'is too long a path';
    default:
      return 'is not found';
  }
}
