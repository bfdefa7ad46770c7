// The shape of a suite's manifest: what a suite says about itself as data (its
// label, the words people use for it, the data it needs, its thresholds and its
// XLSX detail sheet). Every table about suites is derived from the manifests.
import type { DataKind } from './dataKinds';
import type { SheetColumn } from './reportSheets';
import type { SuiteName } from './suiteNames';

/** What a threshold's values measure: a share 0–1, milliseconds, or a count of findings. */
export type ThresholdUnit = 'ratio' | 'ms' | 'count';

/** A threshold key of the run profile (`thresholds:`) that a suite judges a metric with. */
export interface ThresholdDeclaration {
  key: string;
  /** The metric it applies to (as named in reports). */
  metric: string;
  /** `min`: the metric passes at or above the threshold; `max`: at or below. */
  direction: 'min' | 'max';
  default: number;
  unit: ThresholdUnit;
  /** One line for the README, the schema and editor hovers. */
  doc: string;
}

/** The XLSX detail sheet a suite adds after the suite sheets: its name, columns and status column. */
export interface DetailSheetDeclaration {
  name: string;
  columns: readonly SheetColumn[];
  /** The column whose passed/failed/error values get the pass/fail fill. */
  statusKey?: string;
}

/** Everything a suite says about itself as data; its behaviour lives next to it in its folder. */
export interface SuiteManifest {
  name: SuiteName;
  /** Its name for people ("RAG quality"). */
  label: string;
  /** One line saying what it checks. */
  description: string;
  /** Words people use for it (the wizard matches them). */
  aliases: readonly string[];
  /** The data kinds it needs, and those it uses when given; every other kind is not used. */
  data: { required: readonly DataKind[]; optional: readonly DataKind[] };
  /** The thresholds it owns, with their defaults (a suite may also read another suite's, e.g. schema_valid_min). */
  thresholds: readonly ThresholdDeclaration[];
  detailSheet?: DetailSheetDeclaration;
}
