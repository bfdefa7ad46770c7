import * as path from 'node:path';
import type { DataKind } from '../engine/model/dataKinds';
import { DATA_KINDS, isDataKind } from '../engine/model/dataKinds';
import { formatProblem } from '../engine/model/problem';
import type { SuiteName } from '../engine/model/suiteNames';
import type { ValidationResult } from '../engine/prepare/validatePaths';
import { validatePaths } from '../engine/prepare/validatePaths';
import { parseJudgingArgs } from './judging';

const HELP = `Usage: aiqk validate [paths...] [--suites a,b] [--kind k] [--quiet]

Checks run profiles (aiqk.yaml, *.aiqk.yaml) and every dataset they reference.
A folder is searched for run profiles; no path means the current folder.
A dataset file can be checked on its own: its kind comes from a run profile that
references it (next to it or in a folder above), else from --kind, else from its
name and shape. Kinds: ${DATA_KINDS.join(', ')}.
Prints one problem a line as file:line:col: severity: message [code].
Missing data is judged for the profile's suites, or for --suites as aiqk run --suites does.
Exit code: 0 when there is no error, 1 when there is one, 2 when nothing could be checked.
`;

const rel = (file: string) => path.relative(process.cwd(), file) || file;

/** `aiqk validate`: the editor's checks, for CI and pre-commit hooks. */
export async function validateCommand(argv: string[]): Promise<number> {
  let paths: string[];
  let quiet: boolean;
  let suites: SuiteName[] | undefined;
  let kind: DataKind | undefined;
  try {
    const args = parseJudgingArgs(argv, ['quiet'], ['kind']);
    if (args.help) {
      process.stdout.write(HELP);
      return 0;
    }
    paths = args.positionals;
    quiet = args.switches.has('quiet');
    suites = args.suites;
    const k = args.values.get('kind');
    if (k !== undefined && !isDataKind(k)) throw new Error(`--kind: '${k}' is not a data kind; the kinds are ${DATA_KINDS.join(', ')}`);
    kind = k;
  } catch (err) {
    process.stderr.write(`aiqk validate: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const result = await validatePaths(paths.length ? paths : ['.'], { ...(suites ? { suites } : {}), ...(kind ? { kind } : {}) });
  for (const m of result.missing) process.stderr.write(`aiqk validate: no such file or folder: ${m}\n`);
  for (const u of result.unrecognised) {
    process.stderr.write(
      `aiqk validate: ${rel(u)} is neither a run profile nor a dataset; to check it as a dataset, add --kind (${DATA_KINDS.join(', ')})\n`,
    );
  }
  for (const d of result.datasets) process.stderr.write(`aiqk validate: ${rel(d.file)}: checked as ${d.kind} ${kindSource(d)}\n`);
  if (result.profiles.length === 0 && result.datasets.length === 0) {
    if (result.unrecognised.length === 0) process.stderr.write('aiqk validate: no run profile (aiqk.yaml or *.aiqk.yaml) found\n');
    return 2;
  }
  const shown = quiet ? result.problems.filter((p) => p.severity === 'error') : result.problems;
  for (const p of shown) process.stdout.write(formatProblem(p, rel(p.file)) + '\n');
  const count = (s: string) => result.problems.filter((p) => p.severity === s).length;
  const errors = count('error');
  process.stdout.write(`${checked(result)}: ${errors} error(s), ${count('warning')} warning(s), ${count('information')} note(s)\n`);
  if (result.missing.length || result.unrecognised.length) return 2;
  return errors > 0 ? 1 : 0;
}

function checked(result: ValidationResult): string {
  const profiles = `${result.profiles.length} run profile(s)`;
  return result.datasets.length ? `${profiles} and ${result.datasets.length} dataset(s) checked` : `${profiles} checked`;
}

function kindSource(d: ValidationResult['datasets'][number]): string {
  if (d.source.from === 'profile') return `(named by ${rel(d.source.profile)})`;
  return d.source.from === 'option' ? '(--kind)' : '(from its name and contents; --kind to choose)';
}
