import type { Fill, Font } from 'exceljs';

// Excel's own "Good" / "Bad" / "Neutral" cell-style colours, so the sheets look
// familiar and stay readable when printed. Shared objects: exceljs keys its style
// table on them, and one object per cell would cost memory on large runs.

function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

/** Fill and font of a coloured cell. */
export interface CellLook {
  fill: Fill;
  font: Partial<Font>;
}

/** Green: passed. */
export const PASS_LOOK: CellLook = { fill: solid('FFC6EFCE'), font: { color: { argb: 'FF006100' } } };
/** Red: failed. */
export const FAIL_LOOK: CellLook = { fill: solid('FFFFC7CE'), font: { color: { argb: 'FF9C0006' } } };
/** Amber: the case or suite could not be evaluated. */
export const ERROR_LOOK: CellLook = { fill: solid('FFFFEB9C'), font: { color: { argb: 'FF9C5700' } } };
/** Grey: unmeasured or cancelled. */
export const MUTED_LOOK: CellLook = { fill: solid('FFD9D9D9'), font: { color: { argb: 'FF595959' } } };
/** Header rows. */
export const HEADER_LOOK: CellLook = { fill: solid('FFDDEBF7'), font: { bold: true } };

/** The look of a status or pass value: passed/true green, failed/false red, error amber, cancelled/unmeasured/null grey. */
export function lookOf(value: unknown): CellLook | undefined {
  switch (value) {
    case true:
    case 'passed':
    case 'pass':
      return PASS_LOOK;
    case false:
    case 'failed':
    case 'fail':
      return FAIL_LOOK;
    case 'error':
      return ERROR_LOOK;
    case null:
    case 'cancelled':
    case 'unmeasured':
      return MUTED_LOOK;
    default:
      return undefined;
  }
}

/** The look of a log level. */
export function levelLook(level: string): CellLook | undefined {
  return level === 'error' ? FAIL_LOOK : level === 'warn' ? ERROR_LOOK : undefined;
}
