import type { RequirementRow } from '../engine/model/requirementTypes';
import type { SuiteName } from '../engine/model/suiteNames';
import { prepareRun } from '../engine/prepare/prepareRun';
import { parseJudgingArgs, refusalLines } from './judging';

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

/**
 * The rows worth reading: the data kinds each suite uses (required or optional),
 * unless every row is asked for; and the suites that use no data at all.
 */
export function usedRows(rows: readonly RequirementRow[], all: boolean): { rows: RequirementRow[]; noData: SuiteName[] } {
  if (all) return { rows: [...rows], noData: [] };
  const used = rows.filter((r) => r.level !== 'not_used');
  const suites = [...new Set(rows.map((r) => r.suite))];
  return { rows: used, noData: suites.filter((s) => !used.some((r) => r.suite === s)) };
}

const USAGE = `Usage: aiqk requirements <profile> [--suites a,b] [--all]

Prints the requirements matrix: for each chosen suite and data kind it uses,
whether it is required, and whether it is provided, taken from the built-in
defaults or missing (--all: every data kind, the unused ones too). A data file that does not exist or has no usable record is
not provided. Then says whether the run may start, with the same reasons as
aiqk run.

Options:
  --suites a,b   judge these suites instead of the profile's (as aiqk run --suites)
  --all          the full matrix, with the data kinds a suite does not use
  -h, --help     this text

Exit codes: 0 the run may start, 1 it may not (blocked, or the profile or a
dataset it names has errors), 2 usage error.
`;

/** Exit codes of `aiqk requirements`. */
export const REQUIREMENTS_EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** `aiqk requirements <profile>`: which data each chosen suite needs, where it comes from, and whether the run may start. */
export async function requirementsCommand(argv: string[]): Promise<number> {
  let file: string;
  let suites: SuiteName[] | undefined;
  let all: boolean;
  try {
    const args = parseJudgingArgs(argv, ['all']);
    if (args.help) {
      process.stdout.write(USAGE);
      return REQUIREMENTS_EXIT.ok;
    }
    const [first, ...more] = args.positionals;
    if (first === undefined || more.length > 0) throw new Error(first === undefined ? 'which run profile?' : 'one run profile at a time');
    file = first;
    suites = args.suites;
    all = args.switches.has('all');
  } catch (err) {
    process.stderr.write(`aiqk requirements: ${(err as Error).message}\n\n${USAGE}`);
    return REQUIREMENTS_EXIT.usage;
  }
  // The run's own preparation, so this answer is always the one aiqk run gives.
  const outcome = await prepareRun(file, suites ? { suites } : {});
  const matrix = outcome.ok ? outcome.run.gate.matrix : outcome.refusal.matrix;
  const shown = usedRows(matrix, all);
  if (shown.rows.length > 0) process.stdout.write(`${formatMatrix(shown.rows)}\n`);
  if (shown.noData.length > 0)
    process.stdout.write(`${shown.noData.join(', ')} ${shown.noData.length === 1 ? 'uses' : 'use'} no data.\n\n`);
  if (!outcome.ok) {
    process.stdout.write(`${refusalLines('requirements', file, outcome.refusal).join('\n')}\n`);
    return REQUIREMENTS_EXIT.refused;
  }
  process.stdout.write('Nothing blocks the run.\n');
  return REQUIREMENTS_EXIT.ok;
}
