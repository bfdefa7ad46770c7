import type { DatasetCache, ProfileCheck } from '../config/checkProfile';
import { checkProfile } from '../config/checkProfile';
import { findProfiles } from '../config/findProfiles';
import type { ParsedProfile } from '../config/loadProfile';
import { loadProfile } from '../config/loadProfile';
import type { Problem } from '../model/problem';
import type { SuiteName } from '../model/suiteNames';
import { datasetProblemsForRun, judgeRun, sortProblems } from './judgeRun';

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
  for (const file of files) profiles.push(await validateProfileFile(file, cache, options.signal));
  const problems: Problem[] = [];
  const datasetFiles = new Set<string>();
  for (const p of profiles) {
    problems.push(...judgeRun(p.parsed, p.check, options.suites ? { suites: options.suites } : {}).problems);
    for (const d of p.check.datasets) {
      if (datasetFiles.has(d.file)) continue;
      datasetFiles.add(d.file);
      problems.push(...datasetProblemsForRun(d));
    }
  }
  return { profiles, problems: sortProblems(problems), missing };
}
