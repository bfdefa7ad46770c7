import * as path from 'node:path';
import type { RunProfile } from '../model/profileTypes';
import type { ResolvedProfile } from '../config/resolve';
import { DATA_KINDS } from '../model/dataKinds';
import type { SuiteName } from '../model/suiteNames';
import { sanitizeTarget } from '../targets/createTarget';
import type { CaseCounts } from '../model/caseOutcome';
import { overallSummary } from '../model/caseOutcome';
import type { RunState } from './runState';
import type { CaseResult, RunResult, RunStatus, SuiteSummary } from '../model/runTypes';

/** What the executor learnt, turned into a RunResult by buildRunResult. */
export interface RunOutcome {
  suites: SuiteName[];
  /** The cases kept in memory (see CaseWindow). */
  cases: CaseResult[];
  /** Counts of every finished case, kept or not. */
  counts: CaseCounts;
  summaries: Partial<Record<SuiteName, SuiteSummary>>;
  status: RunStatus;
  /** Why the run ended in error. */
  error?: string;
  baseline?: { runId: string; file: string };
}

/** The profile as run: the suites and shard actually used. */
export function profileAsRun(profile: ResolvedProfile, suites: readonly SuiteName[], shard: RunState['shard']): RunProfile {
  const raw: RunProfile = { ...profile.raw };
  if (suites.length > 0) raw.suites = suites as RunProfile['suites'];
  // The profile's own keys only: where `auto` found the shard is in run.shard.source.
  if (shard) raw.shard = { index: shard.index, total: shard.total };
  else delete raw.shard;
  return raw;
}

// Options as recorded in the report: what shaped the run, paths relative to the profile.
function runOptions(profile: ResolvedProfile, baseline: RunOutcome['baseline']): Record<string, unknown> {
  const data: Record<string, string> = {};
  for (const kind of DATA_KINDS) {
    const src = profile.data[kind];
    data[kind] = src.kind === 'file' ? path.relative(profile.dir, src.path).split(path.sep).join('/') : src.kind;
  }
  return {
    profile_preset: profile.raw.profile ?? 'smoke',
    use_defaults: profile.useDefaults,
    volumes: { ...profile.volumes },
    thresholds: { ...profile.thresholds },
    timeout_ms: profile.timeoutMs,
    retries: profile.retries,
    data,
    suite_options: profile.raw.suite_options ?? {},
    ...(baseline
      ? { baseline: { run_id: baseline.runId, file: path.relative(profile.dir, baseline.file).split(path.sep).join('/') } }
      : {}),
  };
}

/** Assembles the run result (the JSON report) from the outcome. */
export function buildRunResult(state: RunState, startedAt: number, outcome: RunOutcome): RunResult {
  const finishedAt = state.now();
  const { profile } = state;
  return {
    version: 1,
    run: {
      id: state.runId,
      profile: profile.file,
      started_at: new Date(startedAt).toISOString(),
      finished_at: new Date(finishedAt).toISOString(),
      duration_ms: Math.max(0, finishedAt - startedAt),
      status: outcome.status,
      target: sanitizeTarget(profile.raw.target),
      suites: outcome.suites,
      options: runOptions(profile, outcome.baseline),
      ...(state.shard ? { shard: { ...state.shard } } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    },
    summary: { overall: overallSummary(outcome.counts, outcome.status), suites: outcome.summaries },
    cases: outcome.cases,
    inputs: profileAsRun(profile, outcome.suites, state.shard),
    // A copy: a case abandoned after cancel may still log, and must not change a delivered result.
    logs: [...state.logs],
  };
}
