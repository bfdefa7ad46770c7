import * as path from 'node:path';
import type { CheckProfileOptions, DatasetCache } from '../config/checkProfile';
import { CHECK_CODES, checkProfile } from '../config/checkProfile';
import type { ParsedProfile } from '../config/loadProfile';
import { loadProfile, parseProfile } from '../config/loadProfile';
import { errorMessage } from '../model/caseOutcome';
import type { Problem } from '../model/problem';
import { formatProblem } from '../model/problem';
import type { ResolvedProfile } from '../config/resolve';
import { defaultDatasetPath } from '../data/defaults';
import { loadDataset } from '../data/validateDataFile';
import type { DataKind } from '../model/dataKinds';
import type { SuiteName } from '../model/suiteNames';
import type { JudgeOptions } from './judgeRun';
import { judgeRun } from './judgeRun';
import type { PrepareOutcome, RunRefusal } from './preparedRun';
import { inlineDataOf } from './preparedRun';

/** What prepareRun needs besides the profile's path. */
export interface PrepareRunOptions
  extends Omit<JudgeOptions, 'definitions'>, Pick<CheckProfileOptions, 'workspaceRoot' | 'outsideWorkspace'> {
  /** The profile's text as an editor holds it (unsaved edits), used instead of the file on disk. */
  text?: string;
  /** The unsaved text of a dataset file, if an editor holds one. */
  contentsOf?: (file: string) => string | undefined;
  /** Reuses dataset checks across calls (same file, same kind). */
  cache?: DatasetCache;
  signal?: AbortSignal;
}

/**
 * The one run preparation: loads the profile, checks it as `aiqk validate` does
 * (schema, data paths, datasets), resolves it and asks the run gate about the
 * suites to run. The CLI, the extension and `aiqk requirements` all call this.
 * Never throws: whatever is wrong becomes a refusal.
 */
export async function prepareRun(file: string, options: PrepareRunOptions = {}): Promise<PrepareOutcome> {
  const name = path.basename(file);
  try {
    const parsed = options.text !== undefined ? parseProfile(options.text, path.resolve(file)) : await loadProfile(file);
    return await prepareParsed(parsed, name, options);
  } catch (err) {
    const reason = `${name} could not be prepared: ${errorMessage(err)}`;
    return { ok: false, refusal: { kind: 'invalid', message: reason, reasons: [reason], problems: [], missingData: [], matrix: [] } };
  }
}

// Suites whose cases are questions of the qaset, sampled by volumes.qa_sample_size.
const QA_SUITES: readonly SuiteName[] = ['rag_quality', 'regression', 'performance'];

async function prepareParsed(parsed: ParsedProfile, name: string, options: PrepareRunOptions): Promise<PrepareOutcome> {
  const { text: _t, contentsOf, cache, signal, workspaceRoot, outsideWorkspace, ...judge } = options;
  const check = await checkProfile(parsed, {
    ...(cache ? { cache } : {}),
    ...(signal ? { signal } : {}),
    ...(contentsOf ? { contentsOf } : {}),
    ...(workspaceRoot ? { workspaceRoot } : {}),
    ...(outsideWorkspace ? { outsideWorkspace } : {}),
  });
  const judged = judgeRun(parsed, check, judge);
  const shown = judged.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
  const errors = shown.filter((p) => p.severity === 'error');
  const matrix = judged.gate?.matrix ?? [];
  const missingData = [...new Set(matrix.filter((r) => r.blocking && !judged.data?.unusable.has(r.kind)).map((r) => r.kind))];
  const refuse = (kind: RunRefusal['kind'], message: string, reasons: string[]): PrepareOutcome => ({
    ok: false,
    refusal: { kind, message, reasons, problems: shown, missingData, matrix },
  });
  if (!judged.profile || !judged.gate || errors.some((p) => p.code !== CHECK_CODES.missingData)) {
    const count = Math.max(1, errors.length);
    return refuse(
      'invalid',
      `${name} has ${count} ${count === 1 ? 'error' : 'errors'}; fix ${count === 1 ? 'it' : 'them'} before running (see the Problems panel).`,
      errors.map(oneLine),
    );
  }
  const gate = judged.gate;
  if (!gate.ok) {
    const what =
      missingData.length > 0
        ? `required data is missing (${missingData.join(', ')}) and use_defaults is off`
        : (gate.reasons[0] ?? 'the run gate refused it');
    return refuse('blocked', `${name} cannot run: ${what}.`, gate.reasons);
  }
  const warnings = shown.filter((p) => p.severity === 'warning');
  const profile = judged.profile;
  const shard = gate.shard;
  return {
    ok: true,
    run: {
      profile,
      suites: gate.suites,
      ...(shard ? { shard } : {}),
      gate,
      inline: inlineDataOf(profile),
      warnings: warnings.map(oneLine),
      problems: warnings,
      records: await recordCounts(profile, check.datasets, gate.suites, signal),
    },
  };
}

/**
 * How many usable records each data file of the run holds: the profile's files as
 * checked, plus the built-in qaset when the run asks its questions, so the console
 * can say how many of them a preset sampled whichever qaset is used.
 */
async function recordCounts(
  profile: ResolvedProfile,
  datasets: readonly { kind: DataKind; records: number }[],
  suites: readonly SuiteName[],
  signal: AbortSignal | undefined,
): Promise<Partial<Record<DataKind, number>>> {
  const records: Partial<Record<DataKind, number>> = Object.fromEntries(datasets.map((d) => [d.kind, d.records]));
  const asksQuestions = suites.some((s) => QA_SUITES.includes(s));
  if (asksQuestions && records.qaset === undefined && profile.data.qaset.kind === 'default') {
    const loaded = await loadDataset('qaset', defaultDatasetPath('qaset'), signal ? { signal } : {});
    records.qaset = loaded.records.length;
  }
  return records;
}

function oneLine(p: Problem): string {
  return formatProblem(p, path.basename(p.file));
}
