// Every path an agent gives is taken relative to the workspace folder and must stay
// inside it, symbolic links resolved: a tool never reads or names a file elsewhere.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isOutsideWorkspace } from '../config/dataPlace';
import { ToolInputError } from './agentTool';

/**
 * The absolute path of `given` (relative to `root`, or absolute) when it lies inside
 * the workspace and exists; throws ToolInputError saying why not.
 */
export async function resolveInWorkspace(root: string, given: string, what: string): Promise<string> {
  if (typeof given !== 'string' || given.trim() === '') throw new ToolInputError(`${what}: give a path relative to the workspace folder`);
  const abs = path.resolve(root, given);
  const rel = path.relative(path.resolve(root), abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))
    throw new ToolInputError(`${what} '${given}' is outside the workspace folder; only files inside it can be used`);
  if (!existsSync(abs)) throw new ToolInputError(`${what} '${given}' does not exist in the workspace folder`);
  if (await isOutsideWorkspace(abs, root))
    throw new ToolInputError(
      `${what} '${given}' leads outside the workspace folder (through a symbolic link); only files inside it can be used`,
    );
  return abs;
}

/** A path as the tools show it: relative to the workspace folder, with forward slashes. */
export function shownPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}
