import type { DatasetCache, ProfileCheck } from '../config/checkProfile';
import { checkProfile } from '../config/checkProfile';
import { findProfiles } from '../config/findProfiles';
import type { ParsedProfile } from '../config/loadProfile';
import { loadProfile, parseProfile } from '../config/loadProfile';
import { PROFILE_CODES } from '../config/schemaMessages';
import type { Problem } from '../model/problem';
import type { SuiteName } from '../model/suiteNames';
import { judgeRun, sortProblems } from './judgeRun';

/** One profile as validated. */
export interface ValidatedProfile {
  parsed: ParsedProfile;
  check: ProfileCheck;
}

/** Everything `aiqk validate` finds: profiles, and every problem of them and their datasets. */
export interface ValidationResult {
  profiles: ValidatedProfile[];
  /** Problems of the profiles and of the dataset files they reference (each file once). */
  problems: Problem[];
  /** Paths given that do not exist. */
  missing: string[];
}

/** How `aiqk validate` judges the profiles it finds. */
export interface ValidateOptions {
  /** Judge missing data for these suites instead of each profile's own (as `aiqk run --suites` does). */
  suites?: readonly SuiteName[];
  signal?: AbortSignal;
}

/** Validates a run profile and the datasets it references (the editor's and the CLI's one check). */
export async function validateProfileFile(file: string, cache: DatasetCache = new Map(), signal?: AbortSignal): Promise<ValidatedProfile> {
  const parsed = await loadProfile(file);
  const check = await checkProfile(parsed, { cache, signal });
  return { parsed, check };
}

/**
 * Validates every run profile found under the paths (files or folders). The
 * profiles' problems are those the run preparation counts, so `aiqk validate`
 * finds an error exactly when `aiqk run` would refuse.
 */
export async function validatePaths(paths: readonly string[], options: ValidateOptions = {}): Promise<ValidationResult> {
  const { files, missing } = await findProfiles(paths);
  const cache: DatasetCache = new Map();
  const profiles: ValidatedProfile[] = [];
  for (const file of files) {
    // One profile that crashes the check must not stop the others: its crash becomes its problem.
    try {
      profiles.push(await validateProfileFile(file, cache, options.signal));
    } catch (err) {
      profiles.push(crashedProfile(file, err));
    }
  }
  const problems: Problem[] = [];
  const datasetFiles = new Set<string>();
  for (const p of profiles) {
    problems.push(...judgeRun(p.parsed, p.check, options.suites ? { suites: options.suites } : {}).problems);
    for (const d of p.check.datasets) {
      if (datasetFiles.has(d.file)) continue;
      datasetFiles.add(d.file);
      problems.push(...d.problems);
    }
  }
  return { profiles, problems: sortProblems(problems), missing };
}

// A profile whose check threw: one located error at its start, saying what happened.
function crashedProfile(file: string, err: unknown): ValidatedProfile {
  const parsed = parseProfile('', file);
  delete parsed.profile;
  parsed.problems = [
    {
      file: parsed.file,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      severity: 'error',
      code: PROFILE_CODES.notAProfile,
      message: `the profile could not be checked: ${err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err)}`,
    },
  ];
  return { parsed, check: { problems: [], matrix: [], datasets: [] } };
}
