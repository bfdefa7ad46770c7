import * as path from 'node:path';
import { formatProblem } from '../engine/model/problem';
import type { SuiteName } from '../engine/model/suiteNames';
import { validatePaths } from '../engine/prepare/validatePaths';
import { parseJudgingArgs } from './judging';

const HELP = `Usage: aiqk validate [paths...] [--suites a,b] [--quiet]

Checks run profiles (aiqk.yaml, *.aiqk.yaml) and every dataset they reference.
A folder is searched for run profiles; no path means the current folder.
Prints one problem a line as file:line:col: severity: message [code].
Missing data is judged for the profile's suites, or for --suites as aiqk run --suites does.
Exit code: 0 when there is no error, 1 when there is one, 2 when nothing could be checked.
`;

/** `aiqk validate`: the editor's checks, for CI and pre-commit hooks. */
export async function validateCommand(argv: string[]): Promise<number> {
  let paths: string[];
  let quiet: boolean;
  let suites: SuiteName[] | undefined;
  try {
    const args = parseJudgingArgs(argv, ['quiet']);
    if (args.help) {
      process.stdout.write(HELP);
      return 0;
    }
    paths = args.positionals;
    quiet = args.switches.has('quiet');
    suites = args.suites;
  } catch (err) {
    process.stderr.write(`aiqk validate: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const result = await validatePaths(paths.length ? paths : ['.'], suites ? { suites } : {});
  for (const m of result.missing) process.stderr.write(`aiqk validate: no such file or folder: ${m}\n`);
  if (result.profiles.length === 0) {
    process.stderr.write('aiqk validate: no run profile (aiqk.yaml or *.aiqk.yaml) found\n');
    return 2;
  }
  const shown = quiet ? result.problems.filter((p) => p.severity === 'error') : result.problems;
  for (const p of shown) process.stdout.write(formatProblem(p, path.relative(process.cwd(), p.file) || p.file) + '\n');
  const count = (s: string) => result.problems.filter((p) => p.severity === s).length;
  const errors = count('error');
  process.stdout.write(
    `${result.profiles.length} run profile(s) checked: ${errors} error(s), ${count('warning')} warning(s), ${count('information')} note(s)\n`,
  );
  if (result.missing.length) return 2;
  return errors > 0 ? 1 : 0;
}
