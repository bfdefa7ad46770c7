import type { SuiteName } from '../model/suiteNames';
import type { SuiteContext, SuiteDefinition } from '../suites/suite';
import { prepareSuite } from '../suites/suite';
import type { PlannedCase, PlannedCases } from '../model/runTypes';
import { PlanQueue } from './planQueue';
import { suiteDefinition } from '../suites/registry';
import { createTarget } from '../targets/createTarget';
import type { Target } from '../model/target';
import type { Baseline } from './baseline';
import { findBaseline } from './baseline';
import { addCounts, errorMessage, errorSummary, inconclusiveReason, noCases, notRunSummary, runStatus } from '../model/caseOutcome';
import { CasePool } from '../resilience/pool';
import type { RunOutcome } from './runResult';
import { buildRunResult } from './runResult';
import type { RunState } from './runState';
import { logTo } from './runState';
import { runSuite } from './runSuite';
import { describeShard, inShard } from '../prepare/shard';
import { createSuiteData } from './suiteData';
import type { RunResult, SuiteSummary } from '../model/runTypes';

interface SuitePlan {
  def: SuiteDefinition;
  ctx: SuiteContext;
  /** What the suite's prepare() built for this run; handed to its every step. */
  prepared?: unknown;
  /** The cases to run (the shard's, the chosen ones); handed to runSuite, which takes them one at a time. */
  cases: PlanQueue;
  /** Set when planning failed: the suite is reported as errored. */
  error?: string;
}

/**
 * Runs a whole prepared run: data, target, plans, suites in order, summaries.
 * The run gate was asked while preparing; a refusal it gave ends the run here.
 * Never rejects: whatever goes wrong becomes the result's status and logs.
 */
export async function executeRun(state: RunState): Promise<RunResult> {
  const startedAt = state.now();
  const gate = state.gate;
  const suites = gate.suites;
  if (!gate.ok) {
    for (const r of gate.reasons) logTo(state, 'error', r);
    return buildRunResult(state, startedAt, {
      suites,
      cases: [],
      counts: noCases(),
      summaries: {},
      status: 'error',
      error: `the run cannot start: ${gate.reasons.join('; ')}`,
    });
  }
  const fail = (error: string): RunResult => {
    logTo(state, 'error', error);
    return buildRunResult(state, startedAt, { suites, cases: [], counts: noCases(), summaries: {}, status: 'error', error });
  };
  const log = (level: 'info' | 'warn' | 'error', message: string): void => logTo(state, level, message);
  const data = createSuiteData(state.profile, log, state.signal, state.inline);
  let baseline: Baseline | undefined;
  try {
    if (suites.includes('regression'))
      baseline = await findBaseline(state.profile, { excludeRunId: state.runId, file: state.baselineFile, log });
  } catch (err) {
    return fail(`the baseline report cannot be used: ${errorMessage(err)}`);
  }
  let target: Target;
  try {
    target = await createTarget(state.profile, { secrets: state.secrets, passages: () => data.get('passages') });
  } catch (err) {
    return fail(`the target cannot be set up: ${errorMessage(err)}`);
  }
  try {
    logTo(
      state,
      'info',
      `run ${state.runId}: ${suites.join(', ')} against ${target.description}${state.shard ? ` (shard ${describeShard(state.shard)})` : ''}`,
    );
    const outcome = await runSuites(state, suites, target, data, baseline);
    return buildRunResult(state, startedAt, outcome);
  } catch (err) {
    return fail(`the run stopped on an internal error: ${errorMessage(err)}`);
  } finally {
    try {
      await target.close();
    } catch (err) {
      logTo(state, 'warn', `the target did not close cleanly: ${errorMessage(err)}`);
    }
  }
}

async function runSuites(
  state: RunState,
  suites: SuiteName[],
  target: Target,
  data: SuiteContext['data'],
  baseline: Baseline | undefined,
): Promise<RunOutcome> {
  const plans: SuitePlan[] = [];
  for (const name of suites) {
    if (state.signal.aborted) break;
    plans.push(await planSuite(state, name, target, data, baseline));
  }
  state.progress.total = plans.reduce((n, p) => n + p.cases.length, 0);
  state.hub.emit({ type: 'run-started', runId: state.runId, suites, total: state.progress.total });

  const pool = new CasePool(state.profile.volumes.concurrency);
  const counts = noCases();
  const summaries: Partial<Record<SuiteName, SuiteSummary>> = {};
  for (const name of suites) {
    const plan = plans.find((p) => p.def.name === name);
    let summary: SuiteSummary;
    if (!plan || (state.signal.aborted && !plan.error)) {
      summary = notRunSummary(name, plan?.cases.length ?? 0);
    } else if (plan.error !== undefined) {
      summary = errorSummary(name, [], plan.error);
    } else {
      state.progress.currentSuite = name;
      state.hub.emit({ type: 'suite-started', runId: state.runId, suite: name, total: plan.cases.length });
      const run = await runSuite(state, plan.def, plan.ctx, plan.cases, pool, plan.prepared);
      addCounts(counts, run.counts);
      summary = run.summary;
    }
    if (summary.status === 'inconclusive')
      logTo(state, 'warn', `${name}: inconclusive, the run cannot pass (${inconclusiveReason(summary)})`);
    summaries[name] = summary;
    state.hub.emit({ type: 'suite-finished', runId: state.runId, summary });
  }
  state.progress.currentSuite = undefined;
  const list = suites.map((s) => summaries[s]).filter((s): s is SuiteSummary => s !== undefined);
  const status = runStatus(list);
  if (status === 'cancelled')
    logTo(state, 'warn', `run cancelled${state.cancelReason ? `: ${state.cancelReason}` : ''}; ${counts.total} finished cases kept`);
  const errored = list.filter((s) => s.status === 'error');
  const error = status === 'error' ? errored.map((s) => `${s.suite}: ${s.notes[0] ?? 'every case errored'}`).join('; ') : undefined;
  if (state.window.omitted > 0)
    logTo(
      state,
      'info',
      `${counts.total} cases: the reports hold every one; ${state.window.cases.length} are kept in memory for this session (the first ones and those that did not pass)`,
    );
  return {
    suites,
    cases: state.window.cases,
    counts,
    summaries,
    status,
    ...(error !== undefined ? { error } : {}),
    ...(baseline ? { baseline: { runId: baseline.runId, file: baseline.file } } : {}),
  };
}

async function planSuite(
  state: RunState,
  name: SuiteName,
  target: Target,
  data: SuiteContext['data'],
  baseline: Baseline | undefined,
): Promise<SuitePlan> {
  const def = (state.definitions?.[name] ?? suiteDefinition(name)) as SuiteDefinition;
  const ctx: SuiteContext = {
    runId: state.runId,
    profile: state.profile,
    target,
    data,
    signal: state.signal,
    secrets: state.secrets,
    log: (level, message) => logTo(state, level, `${name}: ${message}`),
    ...(baseline
      ? { baseline: { runId: baseline.runId, file: baseline.file, cases: baseline.cases.filter((c) => c.suite === name) } }
      : {}),
  };
  let all: PlannedCases;
  let prepared: unknown;
  try {
    prepared = await prepareSuite(def, ctx);
    all = await def.plan(ctx, prepared);
  } catch (err) {
    if (state.signal.aborted) return { def, ctx, cases: new PlanQueue([]) };
    const error = `the suite could not plan its cases: ${errorMessage(err)}`;
    logTo(state, 'error', `${name}: ${error}`);
    return { def, ctx, cases: new PlanQueue([]), error };
  }
  const { shard, caseIds: chosen } = state;
  // One pass over the plan: duplicate ids (of a list: a plan made by position
  // derives its ids from data its suite checked), and the positions a shard or a choice keeps.
  const ids = Array.isArray(all) ? new Set<string>() : undefined;
  let duplicates = 0;
  let inShardCount = 0;
  const kept: number[] | undefined = shard || chosen ? [] : undefined;
  // A plan made by position, run whole, is not walked at all.
  const walked = ids || kept ? all.length : 0;
  for (let i = 0; i < walked; i++) {
    const id = (all.at(i) as PlannedCase).id;
    if (ids?.has(id)) duplicates++;
    ids?.add(id);
    if (!kept || (shard && !inShard(id, shard))) continue;
    inShardCount++;
    if (!chosen || chosen.has(id)) kept.push(i);
  }
  ids?.clear();
  if (duplicates > 0) logTo(state, 'warn', `${name}: ${duplicates} planned case ids are duplicates; shards and merges may mix them up`);
  if (shard) logTo(state, 'info', `${name}: ${inShardCount} of ${all.length} cases in shard ${shard.index}/${shard.total}`);
  if (chosen) logTo(state, 'info', `${name}: ${kept?.length ?? 0} of ${shard ? inShardCount : all.length} cases chosen`);
  if (all.length === 0) logTo(state, 'warn', `${name}: no case planned (is its data empty?)`);
  const cases = new PlanQueue(all, kept);
  return { def, ctx, prepared, cases };
}
