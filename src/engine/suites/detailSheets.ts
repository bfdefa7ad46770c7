// The XLSX detail sheets, from the suites themselves: a suite's manifest names its
// sheet and columns, its behaviour (detailRows) makes the rows from its cases.
import type { DetailSheet, DetailSheetInput, DetailSheetProvider } from '../model/reportSheets';
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';
import { manifestOf } from './manifests';
import { SUITES } from './registry';
import type { SuiteDefinition } from './suite';

// Reports have always listed the detail sheets in the alphabetical order of their suites.
const WITH_SHEETS = SUITE_NAMES.filter((name) => manifestOf(name).detailSheet !== undefined).sort();

/**
 * A suite's detail sheet for a run: undefined when the suite has none, or has no
 * case in the run. Rows are produced lazily from the suite's streamed cases, one
 * case at a time, as the writer writes them.
 */
export function detailSheetOf(
  suite: SuiteName,
  input: DetailSheetInput,
  definitions: Partial<Record<SuiteName, SuiteDefinition>> = SUITES,
): DetailSheet | undefined {
  const sheet = manifestOf(suite).detailSheet;
  const def = definitions[suite];
  if (!sheet || !def?.detailRows) return undefined;
  if (!input.caseCounts.get(suite)) return undefined;
  return {
    name: sheet.name,
    columns: [...sheet.columns],
    rows: def.detailRows(input.casesOf(suite)),
    ...(sheet.statusKey ? { statusKey: sheet.statusKey } : {}),
  };
}

/** The detail sheet providers of every suite that has a sheet, in the order the XLSX report lists them. */
export function suiteDetailSheets(definitions: Partial<Record<SuiteName, SuiteDefinition>> = SUITES): DetailSheetProvider[] {
  return WITH_SHEETS.map((suite) => (input: DetailSheetInput) => detailSheetOf(suite, input, definitions));
}
