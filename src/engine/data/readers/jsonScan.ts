// A small JSON parser that keeps where every value and key is. JSON.parse does the
// real parsing on the fast path; this runs only to explain a failure or to point
// at a field, so it favours clear messages over speed.

import { quoteExcerpt } from '../problems/quote';

/** A JSON value with its offsets in the text (`end` exclusive). */
export type JsonNode =
  | { type: 'object'; start: number; end: number; members: JsonMember[] }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'number' | 'boolean' | 'null'; start: number; end: number };

/** One `"key": value` of an object, with the key's offsets (quotes included). */
export interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

/** The outcome of scanning: the located tree, or where and why parsing failed. */
export type JsonScan = { ok: true; root: JsonNode } | { ok: false; offset: number; length: number; message: string };

class JsonError extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly length = 1,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;
const MAX_DEPTH = 512;

/** Parses JSON text into a located tree, or says where and why it is not JSON. */
export function scanJson(text: string): JsonScan {
  const p = new Scanner(text);
  try {
    p.ws();
    if (p.pos >= text.length) throw new JsonError(p.pos, 'empty: expected a JSON value', 0);
    const root = p.value(0);
    p.ws();
    if (p.pos < text.length) throw new JsonError(p.pos, 'unexpected text after the end of the JSON value (one JSON value per line)');
    return { ok: true, root };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, offset: e.offset, length: e.length, message: e.message };
    throw e;
  }
}

/** The member of an object node with this key (the last one, like JSON.parse). */
export function memberOf(node: JsonNode | undefined, key: string): JsonMember | undefined {
  if (node?.type !== 'object') return undefined;
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i].key === key) return node.members[i];
  return undefined;
}

/** The node a JSON Pointer (`/a/0/b`, as in ajv's instancePath) designates, or the deepest one found. */
export function nodeAtPointer(root: JsonNode, pointer: string): JsonNode {
  let node = root;
  if (pointer === '') return node;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.type === 'object') {
      const m = memberOf(node, key);
      if (!m) return node;
      node = m.value;
    } else if (node.type === 'array' && /^\d+$/.test(key) && Number(key) < node.items.length) {
      node = node.items[Number(key)];
    } else {
      return node;
    }
  }
  return node;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  ws(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonError(this.pos, 'nested too deeply');
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { type: 'string', start, end: this.string(), value: this.decoded(start) };
    if (c === "'") throw new JsonError(start, "strings use double quotes in JSON, not '");
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = start;
      if (!NUMBER.test(t)) throw new JsonError(start, 'invalid number');
      this.pos = NUMBER.lastIndex;
      return { type: 'number', start, end: this.pos };
    }
    WORD.lastIndex = start;
    if (WORD.test(t)) {
      const word = t.slice(start, WORD.lastIndex);
      this.pos = WORD.lastIndex;
      if (word === 'true' || word === 'false') return { type: 'boolean', start, end: this.pos };
      if (word === 'null') return { type: 'null', start, end: this.pos };
      const hint =
        word === 'None' || word === 'undefined'
          ? ' (use null)'
          : word === 'True' || word === 'False'
            ? ' (use true or false)'
            : word === 'NaN' || word === 'Infinity'
              ? ' (not allowed in JSON)'
              : ' (text values need double quotes)';
      throw new JsonError(start, `unexpected word ${quoteExcerpt(word)}${hint}`, word.length);
    }
    if (start >= t.length) throw new JsonError(start, 'unexpected end of input: a value is missing', 0);
    throw new JsonError(start, `unexpected character ${JSON.stringify(c)}: expected a value`);
  }

  object(depth: number): JsonNode {
    const t = this.text;
    const start = this.pos++;
    const members: JsonMember[] = [];
    let comma = -1; // the last comma, where a trailing one is reported (whitespace may follow it)
    this.ws();
    if (t[this.pos] === '}') return { type: 'object', start, end: ++this.pos, members };
    for (;;) {
      this.ws();
      const keyStart = this.pos;
      const k = t[keyStart];
      if (k === '}' && members.length > 0) throw new JsonError(comma, 'trailing comma before }');
      if (k !== '"') {
        if (keyStart >= t.length) throw new JsonError(keyStart, 'unexpected end of input: the object is not closed with }', 0);
        throw new JsonError(
          keyStart,
          k === "'" ? "property names use double quotes in JSON, not '" : 'expected a property name in double quotes',
        );
      }
      const keyEnd = this.string();
      const key = this.decoded(keyStart);
      this.ws();
      if (t[this.pos] !== ':')
        throw new JsonError(this.pos, `expected : after the property name ${JSON.stringify(key)}`, this.pos < t.length ? 1 : 0);
      this.pos++;
      this.ws();
      members.push({ key, keyStart, keyEnd, value: this.value(depth + 1) });
      this.ws();
      const d = t[this.pos];
      if (d === ',') {
        comma = this.pos++;
        continue;
      }
      if (d === '}') return { type: 'object', start, end: ++this.pos, members };
      if (this.pos >= t.length) throw new JsonError(this.pos, 'unexpected end of input: the object is not closed with }', 0);
      throw new JsonError(this.pos, 'expected , or } after a property value');
    }
  }

  array(depth: number): JsonNode {
    const t = this.text;
    const start = this.pos++;
    const items: JsonNode[] = [];
    let comma = -1;
    this.ws();
    if (t[this.pos] === ']') return { type: 'array', start, end: ++this.pos, items };
    for (;;) {
      this.ws();
      if (t[this.pos] === ']' && items.length > 0) throw new JsonError(comma, 'trailing comma before ]');
      items.push(this.value(depth + 1));
      this.ws();
      const d = t[this.pos];
      if (d === ',') {
        comma = this.pos++;
        continue;
      }
      if (d === ']') return { type: 'array', start, end: ++this.pos, items };
      if (this.pos >= t.length) throw new JsonError(this.pos, 'unexpected end of input: the array is not closed with ]', 0);
      throw new JsonError(this.pos, 'expected , or ] after an array item');
    }
  }

  /** Skips a string token starting at `pos` (a quote); returns its end. */
  string(): number {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return this.pos;
      }
      if (c === 0x5c) {
        const e = t[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) throw new JsonError(i, 'invalid \\u escape: needs 4 hex digits', 2);
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new JsonError(i, `invalid escape \\${e ?? ''} in a string`, 2);
        i += 2;
        continue;
      }
      if (c < 0x20) throw new JsonError(i, c === 0x09 ? 'a raw tab in a string: write \\t' : 'a control character in a string: escape it');
      i++;
    }
    throw new JsonError(start, 'unterminated string: the closing " is missing', t.length - start);
  }

  private decoded(start: number): string {
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }
}
