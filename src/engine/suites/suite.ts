import type { ResolvedProfile } from '../config/resolve';
import type { CaseResult, LogEntry, PlannedCase, SuiteSummary } from '../model/runTypes';
import type { SecretLookup, Target } from '../model/target';
import type { SuiteName } from '../model/suiteNames';
import type { DataKind } from '../model/dataKinds';
import type { DataRecords } from '../model/dataRecords';
import type { SheetRow } from '../model/reportSheets';

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
  plan(ctx: SuiteContext, state: S): Promise<PlannedCase<P>[]>;
  /** Evaluates one case. May throw: the runner turns that into an `error` case. */
  runCase(planned: PlannedCase<P>, ctx: SuiteContext, state: S): Promise<CaseResult>;
  /** Aggregates finished cases (possibly a partial set when cancelled). */
  summarize(cases: CaseResult[], ctx: SuiteContext, state: S): SuiteSummary;
  /** The rows of the suite's XLSX detail sheet (its manifest names the sheet and columns), from its cases; lazily for large runs. */
  detailRows?(cases: readonly CaseResult[]): Iterable<SheetRow>;
  /** Whether the runner should run this suite's cases one at a time (e.g. resilience, which manages its own load). */
  sequential?: boolean;
}

/** Builds a suite's per-run state: what its `prepare` returns, or undefined for a suite without one. */
export async function prepareSuite<P, S>(def: SuiteDefinition<P, S>, ctx: SuiteContext): Promise<S> {
  return def.prepare ? def.prepare(ctx) : (undefined as S);
}
