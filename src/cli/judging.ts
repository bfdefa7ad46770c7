// Arguments and output shared by the commands that judge whether a run may start (validate, requirements, run).
import { parseOptions } from './parseOptions';
import type { SuiteName } from '../engine/model/suiteNames';
import { isSuiteName, SUITE_NAMES } from '../engine/model/suiteNames';
import { formatProblem } from '../engine/model/problem';
import type { RunRefusal } from '../engine/prepare/preparedRun';
import { displayPath } from './reportOutput';

/** Parses `--suites a,b`; throws a readable error on an unknown suite or an empty list. */
export function parseSuites(text: string): SuiteName[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = items.filter((s) => !isSuiteName(s));
  if (bad.length > 0 || items.length === 0)
    throw new Error(
      `--suites: unknown suite ${bad.map((b) => `'${b}'`).join(', ') || '(none given)'}; the suites are ${SUITE_NAMES.join(', ')}`,
    );
  return items as SuiteName[];
}

/** The arguments of a command that judges a run: paths, `--suites`, `--help` and its own switches. */
export interface JudgingArgs {
  positionals: string[];
  suites?: SuiteName[];
  help: boolean;
  /** The command's own boolean switches, by name. */
  switches: Set<string>;
  /** The command's own options with a value, by name (those given). */
  values: Map<string, string>;
}

/** Parses the arguments of `validate` or `requirements`; throws a readable error on a bad one. */
export function parseJudgingArgs(argv: string[], switches: readonly string[] = [], strings: readonly string[] = []): JudgingArgs {
  const { values, positionals } = parseOptions({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      suites: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      ...Object.fromEntries(switches.map((name) => [name, { type: 'boolean' as const, default: false }])),
      ...Object.fromEntries(strings.map((name) => [name, { type: 'string' as const }])),
    },
  });
  const given = values as Record<string, unknown>;
  return {
    positionals,
    ...(typeof values.suites === 'string' ? { suites: parseSuites(values.suites) } : {}),
    help: values.help === true,
    switches: new Set(switches.filter((name) => given[name] === true)),
    values: new Map(strings.flatMap((name) => (typeof given[name] === 'string' ? [[name, given[name]] as const] : []))),
  };
}

/**
 * Why a run may not start, as `aiqk run` and `aiqk requirements` both print it:
 * the problems with their positions, then the verdict and the run gate's reasons.
 */
export function refusalLines(command: string, profileFile: string, refusal: RunRefusal): string[] {
  // A blocked run's errors are its missing data, which the gate's reasons below spell out.
  const shown = refusal.kind === 'blocked' ? refusal.problems.filter((p) => p.severity !== 'error') : refusal.problems;
  const lines = shown.map((p) => formatProblem(p, displayPath(p.file)));
  const head = `aiqk ${command}: ${displayPath(profileFile)} cannot run`;
  if (refusal.kind === 'blocked') return [...lines, `${head}:`, ...refusal.reasons.map((r) => `  - ${r}`)];
  const errors = refusal.problems.filter((p) => p.severity === 'error').length;
  return [...lines, errors > 0 ? `${head}: fix the ${errors === 1 ? 'error' : `${errors} errors`} above` : `${head}: ${refusal.message}`];
}
