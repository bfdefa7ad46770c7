import * as path from 'node:path';
import { CHECK_CODES, checkProfile } from '../../engine/config/checkProfile';
import { loadProfile } from '../../engine/config/loadProfile';
import type { ResolvedProfile } from '../../engine/config/resolve';
import { resolveProfile } from '../../engine/config/resolve';
import type { DataKind } from '../../engine/model/dataKinds';
import { formatProblem } from '../../engine/model/problem';
import { checkRunGate } from '../../engine/prepare/gate';
import type { SuiteName } from '../../engine/model/suiteNames';

// Kept free of `vscode` so the same decision is unit-tested and shared by the
// commands, the task terminal and the Test Explorer.

/** A profile that may run: resolved, with the suites the run executes. */
export interface PreparedRun {
  profile: ResolvedProfile;
  /** The suites in execution order. */
  suites: SuiteName[];
  /** Warnings worth showing before the run (broken dataset lines, ignored settings). */
  warnings: string[];
}

/** Why a profile may not run. `invalid`: the file has errors; `blocked`: the run gate said no; `untrusted`: the workspace is not trusted. */
export interface RunRefusal {
  kind: 'invalid' | 'blocked' | 'untrusted';
  /** One line for a notification. */
  message: string;
  /** One sentence per reason (problems as `file:line:col: …`, or the gate's reasons). */
  reasons: string[];
  /** Required data kinds that are missing with defaults off: `use_defaults: true` fixes them. */
  missingData: DataKind[];
}

/** The answer of prepareRun. */
export type PrepareOutcome = { ok: true; run: PreparedRun } | { ok: false; refusal: RunRefusal };

/**
 * Loads and checks a run profile the way `aiqk run` does (schema, data paths,
 * datasets), then asks the run gate about the suites to run. Never throws.
 */
export async function prepareRun(file: string, suites?: readonly SuiteName[]): Promise<PrepareOutcome> {
  const name = path.basename(file);
  const parsed = await loadProfile(file);
  const checked = parsed.profile ? await checkProfile(parsed) : undefined;
  // Missing data is the gate's call, for the suites actually run.
  const problems = [...parsed.problems, ...(checked?.problems ?? [])].filter((p) => p.code !== CHECK_CODES.missingData);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!parsed.profile || errors.length > 0) {
    const reasons = errors.map((p) => formatProblem(p, path.basename(p.file)));
    const count = Math.max(1, errors.length);
    return {
      ok: false,
      refusal: {
        kind: 'invalid',
        message: `${name} has ${count} ${count === 1 ? 'error' : 'errors'}; fix ${count === 1 ? 'it' : 'them'} before running (see the Problems panel).`,
        reasons,
        missingData: [],
      },
    };
  }
  const profile = resolveProfile(parsed.profile, parsed.file);
  const gate = checkRunGate(profile, suites ? { suites } : {});
  if (!gate.ok) {
    const missingData = [...new Set(gate.matrix.filter((r) => r.blocking).map((r) => r.kind))];
    const what =
      missingData.length > 0
        ? `required data is missing (${missingData.join(', ')}) and use_defaults is off`
        : (gate.reasons[0] ?? 'the run gate refused it');
    return { ok: false, refusal: { kind: 'blocked', message: `${name} cannot run: ${what}.`, reasons: gate.reasons, missingData } };
  }
  const warnings = problems.filter((p) => p.severity === 'warning').map((p) => formatProblem(p, path.basename(p.file)));
  return { ok: true, run: { profile, suites: gate.suites, warnings } };
}
