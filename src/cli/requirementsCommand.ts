import { loadProfile } from '../engine/config/loadProfile';
import { providedKinds, resolveProfile } from '../engine/config/resolve';
import { formatProblem } from '../engine/model/problem';
import type { RequirementRow } from '../engine/model/requirementTypes';
import { blockingReasons, computeRequirementMatrix } from '../engine/requirements/requirements';

const SYMBOLS: Record<RequirementRow['status'], string> = {
  provided: '✓ provided',
  using_defaults: '○ using defaults',
  missing: '✗ missing',
  not_used: '— not used',
};

/** Renders the requirements matrix as a plain-text table. */
export function formatMatrix(rows: readonly RequirementRow[]): string {
  const header = ['suite', 'data', 'level', 'status', 'details'];
  const body = rows.map((r) => [r.suite, r.kind, r.level.replace('_', ' '), SYMBOLS[r.status] + (r.blocking ? ' (blocks)' : ''), r.detail]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}

/** `aiqk requirements <profile>`: which data each chosen suite needs and where it comes from. */
export async function requirementsCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file || args.includes('--help')) {
    process.stdout.write(
      'Usage: aiqk requirements <profile>\n\nPrints the requirements matrix: for each chosen suite and data kind, whether it is required, and whether it is provided, taken from the built-in defaults, missing or not used.\n',
    );
    return file ? 0 : 2;
  }
  const parsed = await loadProfile(file);
  if (!parsed.profile) {
    for (const p of parsed.problems) process.stderr.write(formatProblem(p) + '\n');
    return 2;
  }
  // The matrix depends on the profile alone: no dataset needs reading for it.
  const profile = resolveProfile(parsed.profile, parsed.file);
  const matrix = computeRequirementMatrix(profile.suites, providedKinds(profile.raw), profile.useDefaults);
  process.stdout.write(formatMatrix(matrix));
  const reasons = blockingReasons(matrix);
  if (reasons.length) {
    process.stdout.write(`\nThe run is blocked:\n${reasons.map((r) => `  - ${r}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('\nNothing blocks the run.\n');
  return 0;
}
