import type { Worksheet } from 'exceljs';
import type * as ExcelJS from 'exceljs';
import type { SheetCell } from '../model/reportSheets';
import type { CellLook } from './xlsxStyles';
import { HEADER_LOOK, PLAIN_STYLE } from './xlsxStyles';
import { truncate, xmlSafe } from './xmlText';

/** The streaming workbook the report is written with. */
export type StreamingWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** Excel's hard limit of characters in one cell. */
export const EXCEL_CELL_MAX = 32767;

/** A string as a cell can hold it: characters XML forbids replaced, cut to Excel's cell limit. */
export function cellText(text: string): string {
  return truncate(xmlSafe(text), EXCEL_CELL_MAX);
}

function cellValue(value: SheetCell | undefined): SheetCell {
  if (value === undefined) return null;
  if (typeof value === 'string') return cellText(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

// Rows are produced faster than they are compressed, and exceljs's sheet stream
// ignores back-pressure: unchecked, the whole sheet piles up in memory before
// the zip catches up. So every few hundred rows the writer waits while more
// than BACKLOG_LIMIT bytes are queued between the sheet and the zip.
const ROWS_PER_CHECK = 200;
const BACKLOG_LIMIT = 4 << 20;

// The queue of exceljs's sheet stream (StreamBuf: `buffers` not yet piped, `pipes`
// it writes to). Internal to exceljs 4: if the shape changes, backlog reads 0 and
// the writer only yields, which is slower on memory but still correct.
interface SheetStreamShape {
  buffers?: { length?: number }[];
  pipes?: { _writableState?: { length?: number }; writableLength?: number }[];
}

function backlogOf(sheet: Worksheet): number {
  const stream = (sheet as unknown as { stream?: SheetStreamShape }).stream;
  if (!stream) return 0;
  let bytes = 0;
  for (const b of stream.buffers ?? []) bytes += typeof b.length === 'number' ? b.length : 0;
  for (const p of stream.pipes ?? []) bytes += p.writableLength ?? p._writableState?.length ?? 0;
  return bytes;
}

/**
 * A sheet being streamed: an optional preamble, a bold header row that is
 * frozen and filtered, then data rows committed as they are added.
 */
export class TableWriter {
  private readonly sheet: Worksheet;
  private readonly headerRow: number;
  private rowNumber = 0;
  private sinceYield = 0;

  /** Adds the sheet to the workbook and writes the preamble and the header. */
  constructor(
    workbook: StreamingWorkbook,
    name: string,
    private readonly columns: readonly { header: string; width?: number }[],
    preamble: readonly (readonly SheetCell[])[] = [],
    private readonly signal?: AbortSignal,
  ) {
    this.headerRow = preamble.length + 1;
    // Views are written when the sheet opens, so the frozen row must be known now.
    this.sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: this.headerRow }] });
    this.sheet.columns = columns.map((c) => ({ width: c.width ?? 14 }));
    for (const row of preamble) this.commitRow(row, undefined);
    this.commitRow(
      columns.map((c) => c.header),
      () => HEADER_LOOK,
    );
  }

  /** Writes one data row; `look(i, value)` may colour cell i (0-based). Waits now and then for the zip to catch up. */
  async add(
    values: readonly (SheetCell | undefined)[],
    look?: (index: number, value: SheetCell | undefined) => CellLook | undefined,
  ): Promise<void> {
    this.commitRow(values, look);
    if (++this.sinceYield < ROWS_PER_CHECK) return;
    this.sinceYield = 0;
    this.signal?.throwIfAborted();
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (backlogOf(this.sheet) > BACKLOG_LIMIT) {
      await new Promise<void>((resolve) => setTimeout(resolve, 2));
      this.signal?.throwIfAborted();
    }
  }

  private commitRow(
    values: readonly (SheetCell | undefined)[],
    look: ((index: number, value: SheetCell | undefined) => CellLook | undefined) | undefined,
  ): void {
    const row = this.sheet.addRow(values.map(cellValue));
    this.rowNumber = row.number;
    for (let i = 0; i < values.length; i++) {
      // Whole shared style objects, never `cell.fill = …` (which copies the style per cell).
      row.getCell(i + 1).style = look?.(i, values[i])?.style ?? PLAIN_STYLE;
    }
    row.commit();
  }

  /** Sets the autofilter over header and data, and finishes the sheet. */
  commit(): void {
    if (this.columns.length > 0) {
      this.sheet.autoFilter = {
        from: { row: this.headerRow, column: 1 },
        to: { row: Math.max(this.rowNumber, this.headerRow), column: this.columns.length },
      };
    }
    this.sheet.commit();
  }
}
