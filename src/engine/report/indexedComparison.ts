// The comparison of two runs from their case indexes: suite, case id and status
// come from the indexes; a case's error is read from its line only for the cases
// the comparison lists. Same result as compareRuns on the two whole reports.
import { closeSync, openSync, readSync } from 'node:fs';
import type { CaseResult } from '../model/runTypes';
import type { RunComparison } from '../model/runComparison';
import type { CaseIndex } from './caseIndex';
import type { CaseOutcome, CompareOptions } from './compareRuns';
import { compareRuns } from './compareRuns';

function errorAt(index: CaseIndex, row: number): string | null {
  if (index.whole) return (index.whole[row] as CaseResult).error;
  const fd = openSync(index.file, 'r');
  try {
    const buf = Buffer.allocUnsafe(index.rows.length[row] as number);
    const n = readSync(fd, buf, 0, buf.length, index.rows.offset[row] as number);
    return (JSON.parse(buf.toString('utf8', 0, n)) as CaseResult).error;
  } finally {
    closeSync(fd);
  }
}

/** The index's cases as the comparison reads them (error read on demand). */
function* outcomes(index: CaseIndex): Generator<CaseOutcome> {
  const r = index.rows;
  for (let i = 0; i < r.count; i++) {
    const row = i;
    yield {
      suite: r.suite[i] as CaseOutcome['suite'],
      case_id: r.caseId[i] as string,
      status: r.status[i] as CaseOutcome['status'],
      get error() {
        return errorAt(index, row);
      },
    };
  }
}

/** Compares two indexed reports as compareRuns compares the whole reports. */
export function compareIndexes(previous: CaseIndex, current: CaseIndex, opts: CompareOptions = {}): RunComparison {
  return compareRuns({ ...previous.report, cases: outcomes(previous) }, { ...current.report, cases: outcomes(current) }, opts);
}
