import type { Range, Severity } from '../../model/problem';
import { lineRange } from '../../model/problem';
import { describeValue, intendedField, isBlank } from '../problems/fieldNames';
import type { JsonNode } from './jsonScan';
import { memberOf } from './jsonScan';
import type { DataKind } from '../../model/dataKinds';
import { DATA_PROBLEM_CODES as C } from '../problems/problemCodes';
import { lineSpan } from '../problems/textPosition';

/** The JSON type a JSONL field must have. */
export type FieldType = 'string' | 'stringArray' | 'object';

/** One field of a JSONL record format. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  /** Strings must not be empty or whitespace only. */
  nonEmpty: boolean;
}

/** Describes a JSONL record format (passages, qaset) for the shared reader. */
export interface JsonlSpec<T> {
  kind: 'passages' | 'qaset';
  idField: string;
  fields: readonly FieldSpec[];
  /** Common wrong names → the right field (`answer` → `expected_answer`). */
  aliases: Readonly<Record<string, string>>;
  /** The other JSONL kind, to say "this looks like a qaset" instead of one error per line. */
  other: { kind: DataKind; required: readonly string[] };
  build(obj: Record<string, unknown>, line: number): T;
}

/** Where in a one-line JSON object a problem is. */
export type Where = { at: 'line' } | { at: 'key' | 'value'; field: string } | { at: 'item'; field: string; index: number };

/** A problem found in one record, located later (only if it gets listed). */
export interface Issue {
  severity: Severity;
  code: string;
  where: Where;
  message: string;
  /** Replacement text for the located range (a quick fix renaming a key). */
  rename?: string;
}

const TYPE_WORD: Record<FieldType, string> = { string: 'a string', stringArray: 'a list of strings', object: 'an object' };

/**
 * Checks a parsed record's fields, appending to `issues`. Returns the keys taken
 * as misspellings of missing fields (so they are not also "unknown"). Allocation-free
 * for a good record: this runs once per line of files with millions of lines.
 */
export function checkFields(
  fields: readonly FieldSpec[],
  known: ReadonlySet<string>,
  aliases: Readonly<Record<string, string>>,
  obj: Record<string, unknown>,
  issues: Issue[],
): Set<string> | undefined {
  let renamed: Set<string> | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = obj[f.name];
    if (v === undefined || (v === null && !f.required)) {
      if (!f.required) continue;
      const near = Object.keys(obj).find((k) => !known.has(k) && intendedField(k, [f.name], aliases) === f.name);
      if (near !== undefined) {
        (renamed ??= new Set()).add(near);
        issues.push({
          severity: 'error',
          code: C.missingField,
          where: { at: 'key', field: near },
          message: `missing required field "${f.name}"; found "${near}": rename it?`,
          rename: f.name,
        });
      } else {
        issues.push({ severity: 'error', code: C.missingField, where: { at: 'line' }, message: `missing required field "${f.name}"` });
      }
      continue;
    }
    if (f.type === 'string') {
      if (typeof v !== 'string') issues.push(wrongType(f, v));
      else if (f.nonEmpty && isBlank(v))
        issues.push({ severity: 'error', code: C.emptyText, where: { at: 'value', field: f.name }, message: `"${f.name}" is empty` });
    } else if (f.type === 'stringArray') {
      if (!Array.isArray(v)) {
        issues.push(wrongType(f, v));
        continue;
      }
      for (let j = 0; j < v.length; j++) {
        if (typeof v[j] !== 'string') {
          issues.push({
            severity: 'error',
            code: C.wrongType,
            where: { at: 'item', field: f.name, index: j },
            message: `"${f.name}" must list strings; item ${j + 1} is ${describeValue(v[j])}`,
          });
          break;
        }
      }
    } else if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      issues.push(wrongType(f, v));
    }
  }
  return renamed;
}

function wrongType(f: FieldSpec, v: unknown): Issue {
  const fixHint = f.type === 'string' && (typeof v === 'number' || typeof v === 'boolean') ? `: write "${f.name}": "${String(v)}"` : '';
  return {
    severity: 'error',
    code: C.wrongType,
    where: { at: 'value', field: f.name },
    message: `"${f.name}" must be ${TYPE_WORD[f.type]}, got ${describeValue(v)}${fixHint}`,
  };
}

/** The range of a key, a value or a list item in a one-line JSON object (whole line as a fallback). */
export function locate(line: number, text: string, node: JsonNode | undefined, where: Where): Range {
  if (where.at === 'line' || !node) return lineRange(line, text.length);
  const m = memberOf(node, where.field);
  if (!m) return lineRange(line, text.length);
  if (where.at === 'key') return lineSpan(line, m.keyStart, m.keyEnd);
  if (where.at === 'item' && m.value.type === 'array' && m.value.items[where.index]) {
    const item = m.value.items[where.index];
    return lineSpan(line, item.start, item.end);
  }
  return lineSpan(line, m.value.start, m.value.end);
}

/** A one-line example record of a JSONL kind, for messages. */
export function exampleLine(kind: 'passages' | 'qaset'): string {
  return kind === 'passages' ? '{"id": "p1", "text": "…"}' : '{"qid": "q1", "question": "…", "expected_answer": "…"}';
}
