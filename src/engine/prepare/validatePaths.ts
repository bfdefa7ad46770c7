import type { DatasetCache, ProfileCheck } from '../config/checkProfile';
import { checkProfile } from '../config/checkProfile';
import { findProfiles } from '../config/findProfiles';
import type { ParsedProfile } from '../config/loadProfile';
import { isProfileFileName, loadProfile, parseProfile } from '../config/loadProfile';
import { PROFILE_CODES } from '../config/schemaMessages';
import { validateDataFile } from '../data/validateDataFile';
import type { DataKind } from '../model/dataKinds';
import type { GivenFile } from './datasetFiles';
import { classifyGivenFile } from './datasetFiles';
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
  /** Dataset files given by name (not through a profile), each with its kind and where the kind came from. */
  datasets: Extract<GivenFile, { role: 'dataset' }>[];
  /** Files given by name that are neither a run profile nor a recognisable dataset. */
  unrecognised: string[];
}

/** How `aiqk validate` judges the profiles it finds. */
export interface ValidateOptions {
  /** Judge missing data for these suites instead of each profile's own (as `aiqk run --suites` does). */
  suites?: readonly SuiteName[];
  /** The kind of dataset files given by name that no profile references. */
  kind?: DataKind;
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
  // Files given by name may be datasets: they are told apart once the profiles are known.
  const others = files.filter((f) => !isProfileFileName(f));
  for (const file of files.filter(isProfileFileName)) profiles.push(await validateGuarded(file, cache, options.signal));
  const given: GivenFile[] = [];
  for (const file of others) {
    const g = await classifyGivenFile(
      file,
      profiles.map((p) => p.parsed),
      options.kind,
    );
    if (g.role === 'profile') profiles.push(await validateGuarded(file, cache, options.signal));
    else given.push(g);
  }
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
  const datasets = given.filter((g): g is Extract<GivenFile, { role: 'dataset' }> => g.role === 'dataset');
  for (const d of datasets) {
    if (datasetFiles.has(d.file)) continue;
    datasetFiles.add(d.file);
    problems.push(...(await validateDataFile(d.kind, d.file, options.signal ? { signal: options.signal } : {})).problems);
  }
  const unrecognised = given.filter((g) => g.role === 'unknown').map((g) => g.file);
  return { profiles, problems: sortProblems(problems), missing, datasets, unrecognised };
}

// One profile that crashes the check must not stop the others: its crash becomes its problem.
async function validateGuarded(file: string, cache: DatasetCache, signal: AbortSignal | undefined): Promise<ValidatedProfile> {
  try {
    return await validateProfileFile(file, cache, signal);
  } catch (err) {
    return crashedProfile(file, err);
  }
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
