import type { Position, Range } from '../../model/problem';

/** Maps offsets in a text to 1-based positions (columns in UTF-16 code units). */
export type PositionMapper = (offset: number) => Position;

/**
 * Builds an offset → position mapper for a multi-line text. `base` is where the
 * text starts in its file (for a value embedded in another file, e.g. YAML); only
 * the text's first line is shifted by the base column.
 */
export function positionMapper(text: string, base: Position = { line: 1, column: 1 }): PositionMapper {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - starts[lo] + 1;
    return lo === 0 ? { line: base.line, column: base.column + column - 1 } : { line: base.line + lo, column };
  };
}

/** A range from two offsets. */
export function rangeOf(map: PositionMapper, start: number, end: number): Range {
  return { start: map(start), end: map(end) };
}

/** A range inside one line from 0-based offsets in that line's text. */
export function lineSpan(line: number, start: number, end: number): Range {
  return { start: { line, column: start + 1 }, end: { line, column: end + 1 } };
}
