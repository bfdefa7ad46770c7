import type { ResolvedProfile } from '../config/resolve';
import type { CaseResult, LogEntry, PlannedCase, PlannedCases, SuiteSummary } from '../model/runTypes';
import type { SecretLookup, Target } from '../model/target';
import type { SuiteName } from '../model/suiteNames';
import type { DataKind } from '../model/dataKinds';
import type { DataRecords } from '../model/dataRecords';
import type { SheetRow } from '../model/reportSheets';
import { errorMessage } from '../model/caseOutcome';

/** Data a suite reads, loaded once per run (from the profile's files, or the built-in defaults). */
export interface SuiteData {
  /** Records of a kind; the built-in set when the profile has none and defaults are allowed; [] otherwise. */
  get<K extends DataKind>(kind: K): Promise<DataRecords[K]>;
  /** Whether the records of a kind come from the profile (not the defaults). */
  isProvided(kind: DataKind): boolean;
}

/** Everything a suite may use while it runs. */
export interface SuiteContext {
  runId: string;
  profile: ResolvedProfile;
  target: Target;
  data: SuiteData;
  signal: AbortSignal;
  log(level: LogEntry['level'], message: string): void;
  /** Cases of the same suite from the baseline report (regression), when one exists. */
  baseline?: { runId: string; file: string; cases: CaseResult[] };
  /** Looks up secrets by name (the judge's API key); environment variables when absent. */
  secrets?: SecretLookup;
}

/**
 * A quality suite's behaviour (what it is, needs and is judged by is its manifest):
 * builds its per-run state, plans its cases, evaluates one case, and summarises
 * the cases into metrics compared with thresholds and a verdict. `S` is the state
 * its `prepare` builds once per run (a judge client, a baseline index…); the runner
 * hands it to every other step, so no state outlives the run.
 */
export interface SuiteDefinition<P = unknown, S = unknown> {
  name: SuiteName;
  /** One line for people (CLI help, report view). */
  title: string;
  /** Builds the per-run state; cheap, and lazy about anything the steps may not need. Without it the state is undefined. */
  prepare?(ctx: SuiteContext): S | Promise<S>;
  plan(ctx: SuiteContext, state: S): Promise<PlannedCases<P>>;
  /** Evaluates one case. May throw: the runner turns that into an `error` case. */
  runCase(planned: PlannedCase<P>, ctx: SuiteContext, state: S): Promise<CaseResult>;
  /**
   * Starts folding the run's finished cases (possibly a partial set when cancelled)
   * into the suite's summary: the runner adds them one at a time in plan order as
   * they finish and holds none of them, so a run's memory does not grow with its cases.
   */
  summarizer(ctx: SuiteContext, state: S): SummaryFold;
  /**
   * The rows of the suite's XLSX detail sheet (its manifest names the sheet and columns), from its cases
   * streamed in plan order: rows are made as the cases arrive, holding none of them.
   */
  detailRows?(cases: AsyncIterable<CaseResult>): AsyncIterable<SheetRow>;
  /** Whether the runner should run this suite's cases one at a time (e.g. resilience, which manages its own load). */
  sequential?: boolean;
}

/**
 * A suite's summary made case by case: `add` takes each finished case in plan
 * order, `finish` makes the summary once all are in (and is called once).
 */
export interface SummaryFold {
  add(c: CaseResult): void;
  finish(): SuiteSummary;
}

/**
 * A fold that keeps its cases and summarises them at the end: for the suites whose
 * number of cases is bounded by design (resilience scenarios, compliance probes,
 * bias pairs), never for one that grows with a dataset.
 */
export function collectingFold(summarize: (cases: CaseResult[]) => SuiteSummary): SummaryFold {
  const cases: CaseResult[] = [];
  return { add: (c) => void cases.push(c), finish: () => summarize(cases) };
}

/**
 * A fold that survives the suite's own: when starting it, adding a case or
 * finishing throws, the cases stop going to it and `fallback` makes the summary
 * from why it failed. The runner falls back to an errored suite, a merge to its rule.
 */
export function guardedFold(start: () => SummaryFold, fallback: (why: string) => SuiteSummary): SummaryFold {
  let own: SummaryFold | undefined;
  let failure = 'no summary';
  const fail = (err: unknown): void => {
    failure = errorMessage(err);
    own = undefined;
  };
  try {
    own = start();
  } catch (err) {
    fail(err);
  }
  return {
    add: (c) => {
      try {
        own?.add(c);
      } catch (err) {
        fail(err);
      }
    },
    finish: () => {
      try {
        if (own) return own.finish();
      } catch (err) {
        fail(err);
      }
      return fallback(failure);
    },
  };
}

/** A suite's summary of a list of cases (a merge, a test): its fold over them in order. */
export function summarizeCases<P, S>(def: SuiteDefinition<P, S>, cases: Iterable<CaseResult>, ctx: SuiteContext, state: S): SuiteSummary {
  const fold = def.summarizer(ctx, state);
  for (const c of cases) fold.add(c);
  return fold.finish();
}

/** Every planned case of a plan, as a list (tests, estimates of small plans). */
export function listPlanned<P>(plan: PlannedCases<P>): PlannedCase<P>[] {
  return Array.from({ length: plan.length }, (_, i) => plan.at(i) as PlannedCase<P>);
}

/** Builds a suite's per-run state: what its `prepare` returns, or undefined for a suite without one. */
export async function prepareSuite<P, S>(def: SuiteDefinition<P, S>, ctx: SuiteContext): Promise<S> {
  return def.prepare ? def.prepare(ctx) : (undefined as S);
}
