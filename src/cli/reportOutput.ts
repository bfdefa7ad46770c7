import * as path from 'node:path';
import type { ReportFormat, WrittenReports } from '../engine/report/writeReports';

const FORMATS: readonly ReportFormat[] = ['json', 'xlsx', 'junit'];

/** Parses `--format json,xlsx,junit`; throws a readable error on an unknown format. */
export function parseFormats(text: string): ReportFormat[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new Error(`--format needs at least one of ${FORMATS.join(', ')}`);
  const bad = items.filter((s) => !(FORMATS as readonly string[]).includes(s));
  if (bad.length > 0) throw new Error(`unknown report format ${bad.map((b) => `'${b}'`).join(', ')}: use ${FORMATS.join(', ')}`);
  return [...new Set(items as ReportFormat[])];
}

/** A path as a person at this prompt would type it (relative when under the current folder). */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The lines that list written reports, one per format. */
export function reportPathLines(files: WrittenReports): string[] {
  return FORMATS.filter((f) => files[f]).map((f) => `  ${f.padEnd(5)} ${displayPath(files[f] as string)}`);
}

/** Whether output to a stream should be coloured (respects --no-color, NO_COLOR and FORCE_COLOR). */
export function useColor(stream: NodeJS.WriteStream, noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
