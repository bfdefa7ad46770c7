// The requirements matrix's vocabulary: how a suite uses a data kind, and where the data comes from.
import type { DataKind } from './dataKinds';
import type { SuiteName } from './suiteNames';

/** How a suite uses a data kind. */
export type RequirementLevel = 'required' | 'optional' | 'not_used';

/** Where a suite's data comes from for this run. */
export type RequirementStatus = 'provided' | 'using_defaults' | 'missing' | 'not_used';

/** One cell of the requirements matrix: a suite's need for a data kind and its status. */
export interface RequirementRow {
  suite: SuiteName;
  kind: DataKind;
  level: RequirementLevel;
  status: RequirementStatus;
  /** True when this row stops the run (required, missing, defaults off). */
  blocking: boolean;
  /** One sentence a person reads: what is used, or what to do. */
  detail: string;
}
