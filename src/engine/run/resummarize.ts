import * as path from 'node:path';
import { resolveProfile } from '../config/resolve';
import type { ResolvedProfile } from '../config/resolve';
import type { MergeSummarize } from '../report/merge';
import { mergeRuleFold } from '../report/merge';
import { readReport } from '../report/jsonReport';
import { suiteDefinition } from '../suites/registry';
import type { SuiteName } from '../model/suiteNames';
import type { SuiteContext, SuiteDefinition } from '../suites/suite';
import { guardedFold, prepareSuite } from '../suites/suite';
import { describeTarget } from '../targets/describeTarget';
import type { Target } from '../model/target';
import { errorMessage } from '../model/caseOutcome';
import type { LogEntry, SuiteSummary } from '../model/runTypes';
import type { ReportWithoutCases } from '../report/reportScan';

// Summaries read only the target's description and whether it has HTTP routes;
// merging never calls the target, and a call would be a bug worth seeing.
function inertTarget(profile: ResolvedProfile): Target {
  const refuse = (): never => {
    throw new Error('the target is not reachable while merging reports');
  };
  return {
    description: describeTarget(profile.raw.target),
    conversational: false,
    ask: async () => refuse(),
    ...(profile.raw.target.mode === 'api' ? { http: { baseUrl: profile.raw.target.base_url ?? '', request: async () => refuse() } } : {}),
    close: async () => undefined,
  };
}

/**
 * The merge's summaries: every suite's metrics recomputed by the suite's own
 * fold of the merged cases, in a context rebuilt from the reports' run profile
 * (and the regression baseline they name, when it can be read). A suite this
 * build lacks, or whose fold throws, falls back to the merge's own rule and
 * says so in the logs.
 */
export async function mergeSummarizer(results: readonly ReportWithoutCases[], logs: LogEntry[] = []): Promise<MergeSummarize> {
  const first = results[0];
  if (!first) throw new Error('no reports to merge');
  const profile = resolveProfile(first.inputs, first.run.profile);
  const log = (level: LogEntry['level'], message: string): void => {
    logs.push({ time: new Date().toISOString(), level, message });
  };
  let baseline: SuiteContext['baseline'];
  const recorded = first.run.options.baseline as { run_id?: unknown; file?: unknown } | undefined;
  if (recorded && typeof recorded.file === 'string') {
    const file = path.resolve(profile.dir, recorded.file);
    try {
      const report = await readReport(file);
      baseline = { runId: report.run.id, file, cases: report.cases };
    } catch (err) {
      log(
        'warn',
        `regression baseline ${recorded.file} cannot be read while merging (${errorMessage(err).split('\n')[0]}); lost answers are not counted`,
      );
    }
  }
  const ctx = (suite: SuiteName): SuiteContext => ({
    runId: first.run.id,
    profile,
    target: inertTarget(profile),
    data: {
      get: async () => {
        throw new Error('datasets are not loaded while merging reports');
      },
      isProvided: (kind) => profile.data[kind].kind === 'file' || profile.data[kind].kind === 'inline',
    },
    signal: new AbortController().signal,
    log: (level, message) => log(level, `${suite}: ${message}`),
    ...(baseline ? { baseline: { ...baseline, cases: baseline.cases.filter((c) => c.suite === suite) } } : {}),
  });
  // Each suite's prepare() runs up front, once, since the merge asks for summaries synchronously.
  const prepared = new Map<SuiteName, { def: SuiteDefinition; ctx: SuiteContext; state: unknown }>();
  for (const suite of new Set(results.flatMap((r) => [...r.run.suites, ...(Object.keys(r.summary.suites) as SuiteName[])]))) {
    const def: SuiteDefinition | undefined = suiteDefinition(suite);
    if (!def) continue;
    const suiteCtx = ctx(suite);
    try {
      prepared.set(suite, { def, ctx: suiteCtx, state: await prepareSuite(def, suiteCtx) });
    } catch (err) {
      log('warn', `${suite}: could not be prepared (${errorMessage(err)}); merged by rule instead`);
    }
  }
  return (suite) => {
    const parts = results.map((r) => r.summary.suites[suite]).filter((s): s is SuiteSummary => s !== undefined);
    const rule = mergeRuleFold(suite, parts);
    const p = prepared.get(suite);
    if (!p) {
      if (!suiteDefinition(suite)) log('warn', `${suite}: not available in this build; its metrics are merged by rule, not recomputed`);
      return rule;
    }
    // The merge's rule is folded alongside the suite's own, in case that one throws.
    const own = guardedFold(
      () => p.def.summarizer(p.ctx, p.state),
      (why) => {
        log('warn', `${suite}: summary could not be recomputed (${why}); merged by rule instead`);
        return rule.finish();
      },
    );
    return {
      add: (c) => {
        rule.add(c);
        own.add(c);
      },
      finish: () => own.finish(),
    };
  };
}
