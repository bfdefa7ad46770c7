import * as path from 'node:path';
import type { Problem } from '../engine/model/problem';

/**
 * A problem as the API reports it: where (the document — `profile` or
 * `testdata` — with line and column, and the key path when known), how bad, a
 * stable code and the message. Server paths never appear in it.
 */
export interface ApiProblem {
  /** `profile`, `testdata`, `testdata:<id>`, or a key path such as `data.qaset`. */
  path: string;
  line?: number;
  column?: number;
  /** The profile key the problem is about (`target.mode`, `suites[0]`), when it is in the profile. */
  key?: string;
  severity: string;
  code: string;
  message: string;
}

/** Turns an engine problem into an API one; `names` maps server files to what the client calls them. */
export function toApiProblem(p: Problem, names: Record<string, string>): ApiProblem {
  const where = names[p.file] ?? path.basename(p.file);
  return {
    path: where,
    line: p.range.start.line,
    column: p.range.start.column,
    severity: p.severity,
    code: p.code,
    message: hidePaths(p.message, names),
  };
}

/** Replaces server paths named in `names` (and their folders) by the client's names for them. */
export function hidePaths(text: string, names: Record<string, string>): string {
  let out = text;
  for (const [file, name] of Object.entries(names)) {
    out = out.split(file).join(name);
    out = out.split(path.dirname(file) + path.sep).join('');
  }
  return out;
}
