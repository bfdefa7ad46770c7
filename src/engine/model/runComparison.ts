// What two runs' comparison says (report view, CLI): the shapes shared by the engine and the webview.
import type { CaseStatus, RunStatus, SuiteStatus } from './runTypes';
import type { SuiteName } from './suiteNames';

/** How something moved between two runs. `changed`: moved, but no direction says which way is better. */
export type ChangeKind = 'better' | 'worse' | 'same' | 'changed' | 'new' | 'gone';

/**
 * The measurement noise of a metric: a move of at most max(`absolute`,
 * `relative` × |earlier value|) is no change. Throughput is compared as time per
 * call (1000 / rps), so its `absolute` is in ms per call.
 */
export interface MetricNoise {
  relative: number;
  absolute: number;
  /** Unit of `absolute` for people: 'ms', 'ms per call', or '' for plain values and rates. */
  unit: string;
}

/** One suite metric in both runs. */
export interface MetricDelta {
  metric: string;
  /** null: unmeasured (or absent, see `change`). */
  before: number | null;
  after: number | null;
  /** after − before when both were measured. */
  delta: number | null;
  /** Which way is better: `min` = higher is better, `max` = lower is better. */
  direction?: 'min' | 'max';
  /** The current run's threshold, when the metric has one. */
  threshold?: number;
  passBefore: boolean | null;
  passAfter: boolean | null;
  /** `same` also when the value moved, but within `noise`. */
  change: ChangeKind;
  /** The noise this metric's move was judged against. */
  noise: MetricNoise;
}

/** One suite in both runs. */
export interface SuiteComparison {
  suite: SuiteName;
  /** null: the suite was not in that run. */
  statusBefore: SuiteStatus | null;
  statusAfter: SuiteStatus | null;
  passRateBefore: number | null;
  passRateAfter: number | null;
  change: ChangeKind;
  metrics: MetricDelta[];
  newlyFailing: number;
  newlyPassing: number;
}

/** A case whose outcome flipped. */
export interface CaseChange {
  suite: SuiteName;
  case_id: string;
  before: CaseStatus;
  after: CaseStatus;
  /** Why it fails now (newly failing) or why it failed before (newly passing). */
  error: string | null;
}

/** The comparison of a run with an earlier one. */
export interface RunComparison {
  previous: { id: string; started_at: string; status: RunStatus };
  passRateBefore: number | null;
  passRateAfter: number | null;
  suites: SuiteComparison[];
  /** Passed before, failed or errored now (at most `maxCases`; `totals` has the full count). */
  newlyFailing: CaseChange[];
  /** Failed or errored before, passed now (at most `maxCases`). */
  newlyPassing: CaseChange[];
  totals: { compared: number; newlyFailing: number; newlyPassing: number; added: number; removed: number };
}
