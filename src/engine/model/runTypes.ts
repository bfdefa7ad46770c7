import type { RunProfile } from './profileTypes';
import type { SuiteName } from './suiteNames';

/** Final state of a run. */
export type RunStatus = 'passed' | 'failed' | 'cancelled' | 'error' | 'inconclusive';

/** State of one case. `error` = the case could not be evaluated (target failure, exception). */
export type CaseStatus = 'passed' | 'failed' | 'error' | 'cancelled' | 'inconclusive';

/** Verdict of a suite. `unmeasured`: no metric could be computed. */
export type SuiteStatus = 'passed' | 'failed' | 'error' | 'cancelled' | 'unmeasured' | 'inconclusive';

/**
 * One metric compared with its threshold. `value: null` means unmeasured (and
 * `pass` is then null too, never silently true): `reason` says why.
 */
export interface MetricVerdict {
  name: string;
  value: number | null;
  /** The threshold this value is compared with; absent for informational metrics. */
  threshold?: number;
  /** `min`: value must be ≥ threshold; `max`: value must be ≤ threshold. */
  direction?: 'min' | 'max';
  pass: boolean | null;
  reason?: string;
}

/** One evaluated case: a row of the report. Field names are the JSON report's. */
export interface CaseResult {
  suite: SuiteName;
  case_id: string;
  input: string;
  expected: string | null;
  output: string | null;
  contexts: string[];
  /** Metric values for this case; null = unmeasured. */
  metrics: Record<string, number | null>;
  status: CaseStatus;
  pass: boolean;
  /** Why the case failed or errored, for a person. */
  error: string | null;
  latency_ms: number | null;
  /** Wall time of the case: every call it made and its scoring (absent in reports written before it was recorded). */
  duration_ms?: number;
  timestamp: string;
  /** Suite-specific detail: evidence spans, classification, category, mutation, baseline… */
  details?: Record<string, unknown>;
}

/** A suite's result: counts, every metric against its threshold, the verdict. */
export interface SuiteSummary {
  suite: SuiteName;
  status: SuiteStatus;
  total: number;
  passed: number;
  failed: number;
  errors: number;
  metrics: MetricVerdict[];
  /** Notes for a person ("first run: baseline recorded", "using built-in attacks"). */
  notes: string[];
  /** Wall time of the suite, from its first case started until its summary was made (absent in reports written before it was recorded). */
  duration_ms?: number;
  /** Suite-specific aggregates (per category rates, percentiles, breaker events…). */
  details?: Record<string, unknown>;
}

/** A log line of the run (also the XLSX Logs sheet). Never contains a secret. */
export interface LogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** The target as recorded in a report: the profile's target without secrets. */
export type SanitizedTarget = Record<string, unknown>;

/** Run metadata of a report. */
export interface RunInfo {
  id: string;
  profile: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  status: RunStatus;
  target: SanitizedTarget;
  suites: SuiteName[];
  options: Record<string, unknown>;
  /** The shard this report holds; `source` says where `shard: auto` found it (e.g. `GitLab CI (CI_NODE_INDEX=2, CI_NODE_TOTAL=4)`). */
  shard?: { index: number; total: number; source?: string };
  /** Why the run ended in error, when it did. */
  error?: string;
}

/** Overall counts. */
export interface OverallSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  pass_rate: number | null;
  status: RunStatus;
}

/**
 * The result of a run, which is also the JSON report (schemas/report.schema.json).
 * Reports are pure functions of this value.
 */
export interface RunResult {
  version: 1;
  run: RunInfo;
  summary: { overall: OverallSummary; suites: Partial<Record<SuiteName, SuiteSummary>> };
  cases: CaseResult[];
  /** The run profile as run (secrets are names only, so it is safe). */
  inputs: RunProfile;
  logs: LogEntry[];
}

/** Progress events of a run, for the CLI's progress bar and the extension's UI. */
export type RunEvent =
  | { type: 'run-started'; runId: string; suites: SuiteName[]; total: number }
  | { type: 'suite-started'; runId: string; suite: SuiteName; total: number }
  | { type: 'case-started'; runId: string; suite: SuiteName; caseId: string }
  | { type: 'case-finished'; runId: string; case: CaseResult; done: number; total: number }
  | { type: 'suite-finished'; runId: string; summary: SuiteSummary }
  | { type: 'log'; runId: string; entry: LogEntry }
  | { type: 'run-finished'; runId: string; result: RunResult };

/**
 * A case a suite plans before anything is sent: the unit of progress, sharding
 * (by `id`), concurrency and cancellation. `payload` is the suite's own data.
 */
export interface PlannedCase<P = unknown> {
  id: string;
  input: string;
  expected?: string | null;
  payload: P;
}

/**
 * A suite's planned cases: a list, or cases made by position when asked, so a
 * plan of many repeats over a few questions holds no list. An array is one.
 */
export interface PlannedCases<P = unknown> {
  readonly length: number;
  /** The case at `index` (0 ≤ index < length); undefined outside. */
  at(index: number): PlannedCase<P> | undefined;
}

/** A run in progress as a running list shows it (the extension's runs API). */
export interface RunningRunInfo {
  runId: string;
  /** Absolute path of the run profile. */
  profile: string;
  suites: SuiteName[];
  /** ISO time the run started. */
  startedAt: string;
  /** Cases finished so far. */
  done: number;
  /** Cases planned (0 until planning is over). */
  total: number;
  /** The suite running now, if any. */
  currentSuite?: SuiteName;
  /** True once cancel was asked for (the run is winding down). */
  cancelling: boolean;
}
