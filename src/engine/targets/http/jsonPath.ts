// A small JSONPath subset, enough to point at an answer or a list of contexts in
// a reply: `$`, `.key`, `['key']` / `["key"]`, `[n]` (negative counts from the
// end), `[*]` and `.*`. Filters, slices and recursive descent are deliberately
// left out: a path that uses them is rejected with a clear message.

/** One step of a parsed path. */
export type JsonPathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** A path that could not be parsed; `position` is the 0-based offset of the fault. */
export class JsonPathError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly position: number,
  ) {
    super(`invalid JSONPath '${path}' at position ${position + 1}: ${message}`);
    this.name = 'JsonPathError';
  }
}

const IDENT = /^[A-Za-z_$][\w$-]*/;

/** Parses a path such as `$.data.sources[*].text`; throws JsonPathError when it is not in the supported subset. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  const src = path.trim();
  if (!src.startsWith('$')) throw new JsonPathError("a path starts with '$'", path, 0);
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '.') {
      if (src[i + 1] === '.') throw new JsonPathError("recursive descent '..' is not supported", path, i);
      if (src[i + 1] === '*') {
        segments.push({ kind: 'wildcard' });
        i += 2;
        continue;
      }
      const m = IDENT.exec(src.slice(i + 1));
      if (!m) throw new JsonPathError("expected a name after '.'", path, i + 1);
      segments.push({ kind: 'key', key: m[0] });
      i += 1 + m[0].length;
    } else if (ch === '[') {
      const close = findBracketEnd(src, i, path);
      segments.push(parseBracket(src.slice(i + 1, close).trim(), path, i + 1));
      i = close + 1;
    } else {
      throw new JsonPathError(`unexpected '${ch}'`, path, i);
    }
  }
  return segments;
}

function findBracketEnd(src: string, open: number, path: string): number {
  let quote: string | null = null;
  for (let j = open + 1; j < src.length; j++) {
    const c = src[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ']') return j;
  }
  throw new JsonPathError("missing ']'", path, open);
}

function parseBracket(inner: string, path: string, pos: number): JsonPathSegment {
  if (inner === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const q = inner[0];
  if ((q === "'" || q === '"') && inner.length >= 2 && inner[inner.length - 1] === q) {
    const body = inner.slice(1, -1).replace(/\\(.)/g, '$1');
    return { kind: 'key', key: body };
  }
  if (inner.startsWith('?')) throw new JsonPathError('filter expressions are not supported', path, pos);
  if (inner.includes(':')) throw new JsonPathError('slices are not supported', path, pos);
  if (inner.includes(',')) throw new JsonPathError('unions are not supported', path, pos);
  throw new JsonPathError(`expected a quoted key, an index or '*' inside [], got '${inner}'`, path, pos);
}

/** Every value the path selects in `root`, in document order; [] when nothing matches. */
export function evaluateJsonPath(root: unknown, path: string | JsonPathSegment[]): unknown[] {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const value of current) step(value, seg, next);
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

function step(value: unknown, seg: JsonPathSegment, out: unknown[]): void {
  if (value === null || typeof value !== 'object') return;
  if (seg.kind === 'wildcard') {
    out.push(...(Array.isArray(value) ? value : Object.values(value)));
  } else if (seg.kind === 'index') {
    if (!Array.isArray(value)) return;
    const idx = seg.index < 0 ? value.length + seg.index : seg.index;
    if (idx >= 0 && idx < value.length) out.push(value[idx]);
  } else if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, seg.key)) {
    out.push((value as Record<string, unknown>)[seg.key]);
  }
}
