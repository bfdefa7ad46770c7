import type { Node, Pair } from 'yaml';
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';

/** A text edit: replace [start, end) (offsets) with text. */
export interface EntryRemoval {
  start: number;
  end: number;
  text: string;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function spanOf(item: Node | Pair): [number, number] | undefined {
  if (isPair(item)) {
    const key = item.key as Node | null;
    const value = item.value as Node | null;
    const start = key?.range?.[0];
    const end = value?.range?.[1] ?? key?.range?.[1];
    return start !== undefined && end !== undefined ? [start, end] : undefined;
  }
  return item.range ? [item.range[0], item.range[1]] : undefined;
}

/**
 * The edit that removes one entry of a list or mapping of a YAML document (a
 * list item by index, a mapping key by name): the whole line in block style,
 * the item and one neighbouring comma in flow style. Undefined when the entry
 * is not there. Removing, rather than renaming to a name already present, is
 * how a quick fix avoids creating a duplicate.
 */
export function removeEntryEdit(text: string, docPath: readonly (string | number)[]): EntryRemoval | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const parentPath = docPath.slice(0, -1);
  const last = docPath[docPath.length - 1];
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isCollection(parent) || last === undefined) return undefined;
  let items: (Node | Pair)[];
  let index: number;
  if (isSeq(parent) && typeof last === 'number') {
    items = parent.items as Node[];
    index = last;
  } else if (isMap(parent)) {
    items = parent.items;
    index = parent.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === String(last));
  } else return undefined;
  const item = items[index];
  const span = item ? spanOf(item) : undefined;
  if (!span) return undefined;
  if (!parent.flow) return { start: lineStart(text, span[0]), end: lineEnd(text, span[1]), text: '' };
  const next = items[index + 1];
  const nextSpan = next ? spanOf(next) : undefined;
  if (nextSpan) return { start: span[0], end: nextSpan[0], text: '' };
  const prev = items[index - 1];
  const prevSpan = prev ? spanOf(prev) : undefined;
  return { start: prevSpan ? prevSpan[1] : span[0], end: span[1], text: '' };
}
