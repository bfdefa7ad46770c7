import type { ProfileCheck } from '../config/checkProfile';
import { CHECK_CODES } from '../config/checkProfile';
import type { ParsedProfile } from '../config/loadProfile';
import type { ResolvedProfile } from '../config/resolve';
import { resolveProfile } from '../config/resolve';
import type { DataFileCheck } from '../model/dataTypes';
import type { Problem } from '../model/problem';
import type { DataAvailability } from './dataAvailability';
import { checkedData } from './dataAvailability';
import type { RunGate, RunGateOptions } from './gate';
import { checkRunGate } from './gate';
import type { ReportOverrides } from './reportOverrides';
import { withReportOverrides } from './reportOverrides';

/** What decides a run besides the profile: the suites, the shard and the report settings asked for. */
export interface JudgeOptions extends Omit<RunGateOptions, 'data'> {
  report?: ReportOverrides;
}

/** A checked profile judged for one run: the run gate's answer and every problem that counts for it. */
export interface JudgedRun {
  /** Absent when the profile itself is not valid (nothing can be resolved). */
  profile?: ResolvedProfile;
  gate?: RunGate;
  data?: DataAvailability;
  /** The profile's and the check's problems (every severity), with the missing-data ones for the suites run; sorted. */
  problems: Problem[];
}

// The check judges data needs for the profile's own suites; these codes are
// judged again below for the suites actually run.
const JUDGED_AGAIN = new Set<string>([CHECK_CODES.missingData, CHECK_CODES.usingDefaults]);

/**
 * The one rule for which problems stop a run: everything the profile and its
 * datasets show, except that missing data counts only for the suites run (the
 * requirements matrix of the run gate, built from the data the check found usable).
 */
export function judgeRun(parsed: ParsedProfile, check: ProfileCheck, options: JudgeOptions = {}): JudgedRun {
  // Nothing resolves from an invalid profile, but what its check found still counts.
  if (!parsed.profile) return { problems: sortProblems([...parsed.problems, ...check.problems]) };
  const raw = parsed.profile;
  const profile = withReportOverrides(resolveProfile(raw, parsed.file), options.report ?? {});
  const data = checkedData(raw, parsed.file, check);
  const { report: _report, ...gateOptions } = options;
  const gate = checkRunGate(profile, { ...gateOptions, data });
  const problems = [...parsed.problems, ...check.problems].filter((p) => !JUDGED_AGAIN.has(p.code));
  for (const row of gate.matrix) {
    // A named but unusable file has its own problem at its data entry.
    if (data.unusable.has(row.kind)) continue;
    const index = raw.suites.indexOf(row.suite);
    const range = index >= 0 ? parsed.rangeOf(['suites', index]) : parsed.rangeOf(['suites'], 'key');
    const at = { file: parsed.file, range, message: row.detail };
    if (row.blocking) {
      problems.push({ ...at, severity: 'error', code: CHECK_CODES.missingData, fix: { kind: 'setUseDefaults', dataKind: row.kind } });
    } else if (row.level === 'required' && row.status === 'using_defaults') {
      problems.push({ ...at, severity: 'information', code: CHECK_CODES.usingDefaults, fix: { kind: 'addDataEntry', dataKind: row.kind } });
    }
  }
  return { profile, gate, data, problems: sortProblems(problems) };
}

/**
 * A dataset file's own problems as a run counts them: when the file still has
 * usable records its broken lines are skipped and the run goes ahead, so their
 * errors count as warnings; when it has none, they stay errors (the run refuses).
 * `aiqk validate` lists them this way, so it fails exactly when `aiqk run` refuses.
 */
export function datasetProblemsForRun(check: DataFileCheck): Problem[] {
  if (check.records === 0) return check.problems;
  return check.problems.map((p) => (p.severity === 'error' ? { ...p, severity: 'warning' } : p));
}

/** Sorts problems by file, then position. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
  );
}
