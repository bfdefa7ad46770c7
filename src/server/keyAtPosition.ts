import type { Node } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/**
 * The key path (`target.mode`, `suites[0]`) of the deepest value at a 1-based line and
 * column of a YAML text, so a client that sent its profile as JSON learns which key a
 * located problem is about. Undefined when the text does not parse or nothing is there.
 */
export function keyPathAt(text: string): (line: number, column: number) => string | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (line, column) => {
    if (doc.errors.length > 0 || line < 1 || line > starts.length) return undefined;
    const offset = (starts[line - 1] as number) + column - 1;
    const parts = descend(doc.contents as Node | null, offset, []);
    return parts && parts.length > 0 ? parts.join('').replace(/^\./, '') : undefined;
  };
}

function within(node: Node | null | undefined, offset: number): boolean {
  return !!node?.range && node.range[0] <= offset && offset <= node.range[2];
}

function descend(node: Node | null, offset: number, path: string[]): string[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const name = isScalar(key) ? `.${String(key.value)}` : '';
      if (within(key, offset)) return [...path, name];
      if (within(value, offset)) return descend(value, offset, [...path, name]) ?? [...path, name];
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (within(item, offset)) return descend(item, offset, [...path, `[${i}]`]) ?? [...path, `[${i}]`];
    }
    return undefined;
  }
  return path;
}
