import type { Document, LineCounter, Node, Pair } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Position, Range } from '../../model/problem';

/** A path into a parsed document: keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/** Converts a 0-based character offset into a 1-based position. */
export function offsetToPosition(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The range of `[start, end)` offsets. */
export function offsetRange(lineCounter: LineCounter, start: number, end: number): Range {
  return { start: offsetToPosition(lineCounter, start), end: offsetToPosition(lineCounter, Math.max(start, end)) };
}

/** The range of a node's value (without trailing comments or blank lines). */
export function nodeRange(lineCounter: LineCounter, node: Node): Range {
  const [start, valueEnd] = node.range ?? [0, 0];
  return offsetRange(lineCounter, start, valueEnd);
}

/** The pair (key and value) at `path` in the document, if the path ends at a map key. */
export function findPair(doc: Document, path: DocPath): Pair | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = path[path.length - 1];
  return parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last));
}

/** The node at `path` (a value, or an item of a sequence), if it exists. */
export function findNode(doc: Document, path: DocPath): Node | undefined {
  if (path.length === 0) return (doc.contents ?? undefined) as Node | undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as Node | undefined;
  const pair = findPair(doc, path);
  return (pair?.value ?? undefined) as Node | undefined;
}

/**
 * The best range for a problem at `path`: the key when `at` is 'key' (unknown
 * keys), else the value; walks up to the nearest existing ancestor so a problem
 * about something missing points at its parent's key.
 */
export function rangeAt(doc: Document, lineCounter: LineCounter, path: DocPath, at: 'key' | 'value' = 'value'): Range {
  for (let depth = path.length; depth > 0; depth--) {
    const sub = path.slice(0, depth);
    const pair = typeof sub[sub.length - 1] === 'string' ? findPair(doc, sub) : undefined;
    if (pair) {
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      const useKey = at === 'key' || depth < path.length || !valueNode || !valueNode.range;
      return nodeRange(lineCounter, useKey ? keyNode : (valueNode as Node));
    }
    const node = findNode(doc, sub);
    if (node?.range) return nodeRange(lineCounter, node);
  }
  // Nothing to point at: the document's first line.
  const first = doc.contents?.range?.[0] ?? 0;
  return offsetRange(lineCounter, first, first);
}

/** Formats a path for messages: `suites[2]`, `target.auth.bearer_env`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}

/** Splits an ajv instancePath (a JSON pointer) into path parts, numbers for array indexes. */
export function pointerToPath(pointer: string, value: unknown): (string | number)[] {
  if (!pointer) return [];
  const parts: (string | number)[] = [];
  let current: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) {
      parts.push(Number(key));
      current = current[Number(key)];
    } else {
      parts.push(key);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return parts;
}
