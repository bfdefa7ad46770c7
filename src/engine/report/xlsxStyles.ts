import type { Fill, Font, Style } from 'exceljs';

// Excel's own "Good" / "Bad" / "Neutral" cell-style colours, so the sheets look
// familiar and stay readable when printed. Shared objects: exceljs keys its style
// table on them, and one object per cell would cost memory on large runs.

function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

/**
 * Fill and font of a coloured cell, as one shared style object: exceljs caches
 * style ids by object identity, so a cell given this object costs a lookup
 * instead of serialising its style again (the difference is most of the
 * writer's time on 100,000 rows).
 */
export interface CellLook {
  readonly style: Partial<Style>;
}

function look(fill: Fill, font: Partial<Font>): CellLook {
  return { style: { fill, font } };
}

/** The style of every cell without colour: shared for the same reason. */
export const PLAIN_STYLE: Partial<Style> = {};

/** Green: passed. */
export const PASS_LOOK: CellLook = look(solid('FFC6EFCE'), { color: { argb: 'FF006100' } });
/** Red: failed. */
export const FAIL_LOOK: CellLook = look(solid('FFFFC7CE'), { color: { argb: 'FF9C0006' } });
/** Amber: the case or suite could not be evaluated. */
export const ERROR_LOOK: CellLook = look(solid('FFFFEB9C'), { color: { argb: 'FF9C5700' } });
/** Violet: inconclusive, neither passed nor failed (replies nobody could classify, or nothing measured). */
export const INCONCLUSIVE_LOOK: CellLook = look(solid('FFE4DFEC'), { color: { argb: 'FF5F497A' } });
/** Grey: unmeasured or cancelled. */
export const MUTED_LOOK: CellLook = look(solid('FFD9D9D9'), { color: { argb: 'FF595959' } });
/** Header rows. */
export const HEADER_LOOK: CellLook = look(solid('FFDDEBF7'), { bold: true });

/**
 * The look of a status or pass value: passed/true green, failed/false red, error
 * amber, inconclusive violet, cancelled/unmeasured/null grey.
 */
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
    case 'inconclusive':
      return INCONCLUSIVE_LOOK;
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
