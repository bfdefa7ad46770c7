// The shape of an XLSX sheet that a suite contributes: vocabulary shared by the suites
// (which describe their detail sheets) and the report writer (which streams them).
import type { CaseResult, RunResult } from './runTypes';
import type { SuiteName } from './suiteNames';

/** A value of one XLSX cell; null leaves the cell empty. */
export type SheetCell = string | number | boolean | null;

/** A column of a sheet: its header, the row key it reads, its width in characters. */
export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
}

/** One row of a detail sheet, by column key; a missing key leaves the cell empty. */
export type SheetRow = Record<string, SheetCell | undefined>;

/**
 * A suite-specific sheet (Adversarial_Details, Resilience_Details…): the writer
 * streams `rows` into it with a frozen header, an autofilter and the widths given.
 * `statusKey` names a column whose `passed`/`failed`/`error`/`cancelled` or
 * true/false values get the pass/fail fill.
 */
export interface DetailSheet {
  name: string;
  columns: SheetColumn[];
  rows: Iterable<SheetRow> | AsyncIterable<SheetRow>;
  statusKey?: string;
}

/**
 * What a detail sheet is made from: the run (its summary, inputs and logs; its
 * `cases` may be only a window of them and are not read) and its cases, streamed
 * one suite at a time so that no sheet holds more than one case.
 */
export interface DetailSheetInput {
  result: RunResult;
  /** The number of cases of each suite that has any. */
  caseCounts: ReadonlyMap<SuiteName, number>;
  /** The cases of one suite in plan order, read again from the start at each call. */
  casesOf(suite: SuiteName): AsyncIterable<CaseResult>;
}

/**
 * Builds a detail sheet from a run, or returns undefined when the run has
 * nothing for it (e.g. red_team did not run). Must be pure and cheap to call;
 * rows are produced lazily (a generator over `casesOf`), as the writer streams them.
 */
export type DetailSheetProvider = (input: DetailSheetInput) => DetailSheet | undefined;
