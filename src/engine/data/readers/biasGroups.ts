import type { Position, ProblemFix } from '../../model/problem';
import { lineRange } from '../../model/problem';
import { readSmallText } from './fileAccess';
import { DATA_PROBLEM_CODES as C } from '../problems/problemCodes';
import { ProblemSink } from '../problems/problemSink';
import type { PositionMapper } from '../problems/textPosition';
import { positionMapper, rangeOf } from '../problems/textPosition';
import type { BiasPair, DataReadOptions, LoadedDataset } from '../../model/dataTypes';
import { quoteExcerpt } from '../problems/quote';

/** The pairs the original system used when none are given. */
export const DEFAULT_BIAS_GROUPS = 'female|male;young|elderly';

/**
 * Parses bias pairs written inline in a run profile (`female|male;young|elderly`).
 * `start` is where the value's first character sits in `file`, so a bad pair is
 * reported at its own column in the profile.
 */
export function parseBiasGroups(
  inline: string,
  file: string,
  start: Position = { line: 1, column: 1 },
  opts: Pick<DataReadOptions, 'maxProblems'> = {},
): LoadedDataset<BiasPair> {
  const sink = new ProblemSink(file, opts.maxProblems);
  return parsePairs(inline, positionMapper(inline, start), sink, file, false);
}

/**
 * Loads bias pairs from a .csv/.txt file: pairs `a|b` separated by `;` or new
 * lines; lines starting with `#` are comments.
 */
export async function loadBiasGroups(file: string, opts: DataReadOptions = {}): Promise<LoadedDataset<BiasPair>> {
  const sink = new ProblemSink(file, opts.maxProblems);
  const text = await readSmallText(file, sink, opts);
  if (text === undefined) return { kind: 'bias_groups', file, records: [], brokenLines: 0, problems: sink.finish(0) };
  return parsePairs(text, positionMapper(text), sink, file, true);
}

// Splits on `;` and line breaks while keeping each segment's offset, so problems
// point at the segment itself.
function parsePairs(text: string, map: PositionMapper, sink: ProblemSink, file: string, comments: boolean): LoadedDataset<BiasPair> {
  const records: BiasPair[] = [];
  const seen = new Map<string, number>();
  let broken = 0;
  const re = /[^;\r\n]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const raw = m[0];
    const begin = m.index + (raw.length - raw.trimStart().length);
    const seg = raw.trim();
    if (seg === '') continue;
    if (comments && seg.startsWith('#') && text.slice(text.lastIndexOf('\n', begin - 1) + 1, begin).trim() === '') {
      // A comment runs to the end of its line, `;` included.
      const eol = text.indexOf('\n', begin);
      re.lastIndex = eol === -1 ? text.length : eol;
      continue;
    }
    const range = rangeOf(map, begin, begin + seg.length);
    const line = range.start.line;
    const sides = seg.split('|').map((s) => s.trim());
    const problem = pairProblem(seg, sides);
    if (problem) {
      broken++;
      sink.add('error', C.badBiasPair, line, () => ({ range, message: problem }));
      continue;
    }
    const [a, b] = sides;
    const key = [a.toLowerCase(), b.toLowerCase()].sort().join('|');
    const first = seen.get(key);
    if (first !== undefined) {
      sink.add('warning', C.duplicateEntry, line, () => ({
        range,
        message: `duplicate pair ${a}|${b} (first on line ${first}); it is used once`,
        extra: {
          related: [{ file, range: lineRange(first), message: 'first use of this pair' }],
          fix: removePairFix(text, begin, seg, line, comments),
        },
      }));
      continue;
    }
    seen.set(key, line);
    records.push({ a, b });
  }
  if (records.length === 0 && broken === 0) {
    const where = rangeOf(map, 0, 0);
    sink.add('error', C.emptyDataset, where.start.line, () => ({
      range: where,
      message: `no bias pairs: write pairs like ${DEFAULT_BIAS_GROUPS}`,
    }));
  }
  return { kind: 'bias_groups', file, records, brokenLines: broken, problems: sink.finish(broken) };
}

function pairProblem(segment: string, sides: string[]): string | undefined {
  const seg = quoteExcerpt(segment);
  if (sides.length === 1) {
    const hint = segment.includes(',') ? ' (use | between the two groups, not a comma)' : '';
    return `"${seg}" is not a pair: write two groups as a|b${hint}`;
  }
  if (sides.length > 2) return `"${seg}" has ${sides.length} groups: a pair is exactly two, a|b (separate pairs with ;)`;
  if (sides[0] === '' || sides[1] === '') return `"${seg}" has an empty side: write two groups as a|b`;
  if (sides[0].toLowerCase() === sides[1].toLowerCase()) return `"${seg}" compares a group with itself: the two sides must differ`;
  return undefined;
}

// A pair alone on a line of a file goes with its line; one among others (or inline in
// a profile) is blanked, which the reader skips like any empty segment.
function removePairFix(text: string, begin: number, seg: string, line: number, file: boolean): ProblemFix {
  const start = text.lastIndexOf('\n', begin - 1) + 1;
  const eol = text.indexOf('\n', begin);
  const whole = text
    .slice(start, eol === -1 ? text.length : eol)
    .trim()
    .replace(/;$/, '')
    .trim();
  return file && whole === seg ? { kind: 'deleteLine', line } : { kind: 'replace', text: '', title: `Remove the duplicate pair ${seg}` };
}
