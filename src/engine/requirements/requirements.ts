import type { DataKind } from '../model/dataKinds';
import { DATA_KINDS } from '../model/dataKinds';
import type { SuiteName } from '../model/suiteNames';
import type { RequirementLevel, RequirementRow } from '../model/requirementTypes';
import type { SuiteManifest } from '../model/suiteManifest';
import { bySuite } from '../suites/manifests';

/** What each suite needs (DESIGN.md, Suite requirements), from the suites' manifests. */
export const SUITE_REQUIREMENTS: Readonly<Record<SuiteName, SuiteManifest['data']>> = bySuite((m) => m.data);

/** Data kinds with a built-in dataset. A JSON Schema is specific to the user's answers: there is none to fall back on. */
export const KINDS_WITH_DEFAULTS: ReadonlySet<DataKind> = new Set<DataKind>([
  'passages',
  'qaset',
  'attacks',
  'pii_patterns',
  'bias_groups',
]);

/** The level of a data kind for a suite. */
export function requirementLevel(suite: SuiteName, kind: DataKind): RequirementLevel {
  const req = SUITE_REQUIREMENTS[suite];
  if (req.required.includes(kind)) return 'required';
  if (req.optional.includes(kind)) return 'optional';
  return 'not_used';
}

/**
 * Computes the requirements matrix: one row per selected suite and data kind.
 * `provided` is the set of data kinds the profile supplies. The diagnostics,
 * the wizard, the CLI and the run gate all call this one function.
 */
export function computeRequirementMatrix(
  suites: readonly SuiteName[],
  provided: ReadonlySet<DataKind> | readonly DataKind[],
  useDefaults: boolean,
): RequirementRow[] {
  const have = provided instanceof Set ? provided : new Set(provided as readonly DataKind[]);
  const rows: RequirementRow[] = [];
  for (const suite of suites) {
    for (const kind of DATA_KINDS) {
      rows.push(rowFor(suite, kind, have.has(kind), useDefaults));
    }
  }
  return rows;
}

function rowFor(suite: SuiteName, kind: DataKind, isProvided: boolean, useDefaults: boolean): RequirementRow {
  const level = requirementLevel(suite, kind);
  if (level === 'not_used') {
    return { suite, kind, level, status: 'not_used', blocking: false, detail: `${suite} does not use ${kind}` };
  }
  if (isProvided) {
    return { suite, kind, level, status: 'provided', blocking: false, detail: `${suite} uses your ${kind}` };
  }
  if (level === 'optional') {
    return useDefaults && KINDS_WITH_DEFAULTS.has(kind)
      ? { suite, kind, level, status: 'using_defaults', blocking: false, detail: `${suite} uses the built-in ${kind} (optional)` }
      : { suite, kind, level, status: 'missing', blocking: false, detail: `${suite} runs without ${kind} (optional)` };
  }
  return useDefaults
    ? { suite, kind, level, status: 'using_defaults', blocking: false, detail: `${suite} needs ${kind}: the built-in ${kind} will be used` }
    : {
        suite,
        kind,
        level,
        status: 'missing',
        blocking: true,
        detail: `${suite} needs ${kind}: add data.${kind} or set use_defaults: true`,
      };
}

/** Whether any row stops the run. */
export function hasBlocking(rows: readonly RequirementRow[]): boolean {
  return rows.some((r) => r.blocking);
}

/** The rows that stop the run, each explained; empty when the run may start. */
export function blockingReasons(rows: readonly RequirementRow[]): string[] {
  return rows.filter((r) => r.blocking).map((r) => r.detail);
}
