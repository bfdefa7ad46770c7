import * as path from 'node:path';
import type { ProfileCheck } from '../config/checkProfile';
import { isInlineBiasGroups, providedKinds } from '../config/resolve';
import type { DataKind } from '../model/dataKinds';
import { DATA_KINDS } from '../model/dataKinds';
import type { RunProfile } from '../model/profileTypes';
import type { RequirementRow } from '../model/requirementTypes';
import type { SuiteName } from '../model/suiteNames';
import { computeRequirementMatrix } from '../requirements/requirements';

/** Which data kinds a profile really supplies, as its check found them. */
export interface DataAvailability {
  /** Kinds named in the profile whose file exists and has at least one usable record (or inline values). */
  provided: ReadonlySet<DataKind>;
  /** Kinds named in the profile that cannot be used, each with why (a missing file, a folder, no usable record). */
  unusable: ReadonlyMap<DataKind, string>;
}

/** What the profile names, taken at its word: every data entry counts as provided (no check was made). */
export function namedData(raw: RunProfile): DataAvailability {
  return { provided: providedKinds(raw), unusable: new Map() };
}

/**
 * The data a checked profile supplies: a path that does not exist, is a folder,
 * or holds no usable record is not provided, whatever the profile says.
 */
export function checkedData(raw: RunProfile, profileFile: string, check: ProfileCheck): DataAvailability {
  const provided = new Set<DataKind>();
  const unusable = new Map<DataKind, string>();
  const dir = path.dirname(profileFile);
  for (const kind of DATA_KINDS) {
    const value = raw.data?.[kind];
    if (value === undefined) continue;
    if (kind === 'bias_groups' && isInlineBiasGroups(value)) {
      provided.add(kind);
      continue;
    }
    const file = path.resolve(dir, value);
    const found = check.datasets.find((d) => d.kind === kind && d.file === file);
    if (!found) unusable.set(kind, `data.${kind} (${value}) cannot be read`);
    else if (found.records === 0) unusable.set(kind, `data.${kind} (${value}) has no usable records`);
    else provided.add(kind);
  }
  return { provided, unusable };
}

/**
 * The requirements matrix for the suites run, from what is really there: a data
 * kind the profile names but cannot use is missing and blocks (the run refuses
 * a broken data entry rather than falling back to a built-in dataset).
 */
export function requirementMatrix(suites: readonly SuiteName[], data: DataAvailability, useDefaults: boolean): RequirementRow[] {
  return computeRequirementMatrix(suites, data.provided, useDefaults).map((row) => {
    const why = data.unusable.get(row.kind);
    if (why === undefined || row.level === 'not_used') return row;
    return {
      ...row,
      status: 'missing',
      blocking: true,
      detail: `${row.suite} ${row.level === 'required' ? 'needs' : 'uses'} ${row.kind}: ${why}`,
    };
  });
}
