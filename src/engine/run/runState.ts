import type { ResolvedProfile } from '../config/resolve';
import type { SuiteName } from '../model/suiteNames';
import type { SuiteDefinition } from '../suites/suite';
import type { SecretLookup } from '../model/target';
import type { RunEventHub } from './events';
import type { Shard } from '../prepare/shard';
import type { RunGate } from '../prepare/gate';
import type { InlineData } from '../prepare/preparedRun';
import type { LogEntry } from '../model/runTypes';
import type { CaseSpill } from './caseSpill';
import type { CaseWindow } from './caseWindow';

/** Everything one run carries from start to result; owned by startRun, read by the executor. */
export interface RunState {
  runId: string;
  profile: ResolvedProfile;
  /** The suites the run executes, in execution order (the gate's). */
  suites: readonly SuiteName[];
  shard?: Shard;
  /** The run gate's answer, taken while preparing the run; the executor does not ask again. */
  gate: RunGate;
  /** Inline data parsed while preparing the run. */
  inline: InlineData;
  /** Only these planned case ids run (the Test Explorer's selection); every case when absent. */
  caseIds?: ReadonlySet<string>;
  definitions?: Partial<Record<SuiteName, SuiteDefinition>>;
  secrets: SecretLookup;
  /** A baseline report chosen by the caller, overriding discovery. */
  baselineFile?: string;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Aborted when the run is cancelled. */
  signal: AbortSignal;
  /** Why the run was cancelled, once it is. */
  cancelReason?: string;
  hub: RunEventHub;
  logs: LogEntry[];
  progress: { done: number; total: number; currentSuite?: SuiteName };
  /** How long cases may take to stop after cancel before their results are dropped. */
  cancelGraceMs: number;
  /** Where finished cases are written in plan order as they finish, when the caller gave one: the reports are then written from it. */
  spill?: CaseSpill;
  /** The finished cases kept in memory for the result: all of them, or a window when they are spilled. */
  window: CaseWindow;
}

/** Adds a line to the run's log and tells listeners. */
export function logTo(state: RunState, level: LogEntry['level'], message: string): void {
  const entry: LogEntry = { time: new Date(state.now()).toISOString(), level, message };
  state.logs.push(entry);
  if (state.hub.active) state.hub.emit({ type: 'log', runId: state.runId, entry });
}
