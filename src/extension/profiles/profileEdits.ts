import type { Document, LineCounter } from 'yaml';
import { isMap, isPair, isScalar } from 'yaml';
import type { DataKind } from '../../engine/model/dataKinds';

/** A text edit in engine terms: 0-based offsets, replaced by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** The default file name (relative to the profile) of a dataset created by a quick fix. */
export const DEFAULT_DATASET_FILES: Readonly<Record<DataKind, string>> = {
  passages: 'data/passages.jsonl',
  qaset: 'data/qaset.jsonl',
  attacks: 'data/attacks.txt',
  schema: 'data/answer.schema.json',
  pii_patterns: 'data/pii_patterns.json',
  bias_groups: 'data/bias_groups.txt',
};

function topPair(doc: Document, key: string) {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  return root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
}

function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function appendAtEnd(text: string, block: string): TextChange {
  const prefix = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { start: text.length, end: text.length, text: prefix + block };
}

/** Sets `use_defaults: true`, replacing an existing value or adding the key. */
export function setUseDefaultsEdit(text: string, doc: Document): TextChange {
  const pair = topPair(doc, 'use_defaults');
  const value = pair?.value;
  if (pair && isScalar(value) && value.range) return { start: value.range[0], end: value.range[1], text: 'true' };
  return appendAtEnd(text, 'use_defaults: true\n');
}

/** Adds `data.<kind>: <file>` to the profile, creating the `data:` block when absent. */
export function addDataEntryEdit(text: string, doc: Document, lineCounter: LineCounter, kind: DataKind, file: string): TextChange {
  const pair = topPair(doc, 'data');
  const data = pair?.value;
  if (pair && isMap(data) && data.items.length > 0 && data.flow !== true) {
    const firstKey = data.items[0].key as { range?: [number, number, number] };
    const start = firstKey.range?.[0] ?? 0;
    const indent = ' '.repeat(lineCounter.linePos(start).col - 1);
    const last = data.items[data.items.length - 1];
    const lastEnd = (last.value as { range?: [number, number, number] } | null)?.range?.[1] ?? start;
    const at = lineEndAfter(text, lastEnd);
    const newline = at === text.length && !text.endsWith('\n') ? '\n' : '';
    return { start: at, end: at, text: `${newline}${indent}${kind}: ${file}\n` };
  }
  if (pair && isMap(data) && data.range) {
    // A flow mapping ({} or {a: b}): rewrite it as a block.
    const entries = data.items.map(
      (i) => `  ${String((i.key as { value?: unknown }).value)}: ${String((i.value as { value?: unknown } | null)?.value ?? '')}`,
    );
    const keyStart = (pair.key as { range?: [number, number, number] }).range?.[0] ?? data.range[0];
    return { start: keyStart, end: data.range[1], text: `data:\n${[...entries, `  ${kind}: ${file}`].join('\n')}` };
  }
  return appendAtEnd(text, `data:\n  ${kind}: ${file}\n`);
}
