import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import addFormats from 'ajv-formats';
import type { Range } from '../../model/problem';
import { readSmallText } from './fileAccess';
import type { JsonNode } from './jsonScan';
import { memberOf, nodeAtPointer, scanJson } from './jsonScan';
import { DATA_PROBLEM_CODES as C } from '../problems/problemCodes';
import { ProblemSink } from '../problems/problemSink';
import type { PositionMapper } from '../problems/textPosition';
import { positionMapper, rangeOf } from '../problems/textPosition';
import type { AnswerSchema, DataReadOptions, LoadedDataset, SchemaDialect } from '../../model/dataTypes';

type AjvInstance = InstanceType<typeof Ajv>;

/** The dialect a `$schema` URI names; undefined when unknown, 'old' for draft-04 and before. */
export function schemaDialect(uri: unknown): SchemaDialect | 'old' | undefined {
  if (uri === undefined) return 'draft-07';
  if (typeof uri !== 'string') return undefined;
  if (/json-schema\.org\/draft-07\//.test(uri)) return 'draft-07';
  if (/json-schema\.org\/draft-06\//.test(uri)) return 'draft-06';
  if (/json-schema\.org\/draft\/2019-09\//.test(uri)) return '2019-09';
  if (/json-schema\.org\/draft\/2020-12\//.test(uri)) return '2020-12';
  if (/json-schema\.org\/(draft-0[0-5]|schema)/.test(uri)) return 'old';
  return undefined;
}

/** A fresh ajv for a dialect (fresh so `$id`s of different files never clash), collecting strict-mode notes. */
export function createAjv(dialect: SchemaDialect, notes: string[] = []): AjvInstance {
  const log = (...args: unknown[]): void => {
    notes.push(args.map(String).join(' '));
  };
  const options: Options = { allErrors: true, strict: false, strictSchema: 'log', logger: { log: () => undefined, warn: log, error: log } };
  const ajv = dialect === '2020-12' ? new Ajv2020(options) : dialect === '2019-09' ? new Ajv2019(options) : new Ajv(options);
  if (dialect === 'draft-06') ajv.addMetaSchema(draft06);
  addFormats(ajv);
  return ajv;
}

/**
 * Loads a JSON Schema the target's answers must satisfy: it must be a JSON object
 * with `$schema`, `type` or `properties`, valid against its meta-schema, and compile.
 */
export async function loadSchema(file: string, opts: DataReadOptions = {}): Promise<LoadedDataset<AnswerSchema>> {
  const sink = new ProblemSink(file, opts.maxProblems);
  const text = await readSmallText(file, sink, opts);
  const records: AnswerSchema[] = [];
  if (text !== undefined) {
    const schema = checkSchemaText(text, sink);
    if (schema) records.push(schema);
  }
  const broken = text !== undefined && records.length === 0 ? 1 : 0;
  return { kind: 'schema', file, records, brokenLines: broken, problems: sink.finish(broken) };
}

/** Checks the text of a schema file; returns the compiled schema when usable. */
export function checkSchemaText(text: string, sink: ProblemSink): AnswerSchema | undefined {
  const map = positionMapper(text);
  const at = (node: JsonNode): Range =>
    rangeOf(map, node.start, node.type === 'object' || node.type === 'array' ? node.start + 1 : node.end);
  const scan = scanJson(text);
  if (!scan.ok) {
    const range = rangeOf(map, scan.offset, scan.offset + scan.length);
    sink.add('error', C.jsonSyntax, range.start.line, () => ({ range, message: `invalid JSON: ${scan.message}` }));
    return undefined;
  }
  const root = scan.root;
  if (root.type !== 'object' || !['$schema', 'type', 'properties'].some((k) => memberOf(root, k))) {
    const message =
      root.type !== 'object'
        ? 'not a JSON Schema: the file must hold a JSON object'
        : 'not a JSON Schema: expected at least one of "$schema", "type" or "properties" at the top level';
    sink.add('error', C.notJsonSchema, at(root).start.line, () => ({ range: at(root), message }));
    return undefined;
  }
  const schema = JSON.parse(text) as Record<string, unknown>;
  const dialect = schemaDialect(schema.$schema);
  if (dialect === undefined || dialect === 'old') {
    const node = memberOf(root, '$schema')?.value ?? root;
    const message =
      dialect === 'old'
        ? `unsupported JSON Schema dialect ${JSON.stringify(schema.$schema)}: use draft-07, 2019-09 or 2020-12`
        : `unknown JSON Schema dialect ${JSON.stringify(schema.$schema)}: use http://json-schema.org/draft-07/schema# (or 2019-09, 2020-12)`;
    sink.add('error', C.unsupportedDialect, at(node).start.line, () => ({ range: at(node), message }));
    return undefined;
  }
  const notes: string[] = [];
  const ajv = createAjv(dialect, notes);
  if (!ajv.validateSchema(schema)) {
    for (const e of metaErrors(ajv.errors ?? [])) {
      const node = nodeAtPointer(root, e.instancePath);
      sink.add('error', C.invalidSchema, at(node).start.line, () => ({
        range: at(node),
        message: `invalid schema at ${e.instancePath || 'the top level'}: ${describeMetaError(e)}`,
      }));
    }
    return undefined;
  }
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (err) {
    const missing = (err as { missingRef?: string }).missingRef;
    const node = (missing !== undefined ? findRef(root, missing) : undefined) ?? root;
    sink.add('error', C.invalidSchema, at(node).start.line, () => ({
      range: at(node),
      message: `the schema does not compile: ${(err as Error).message}`,
    }));
    return undefined;
  }
  // ajv logs some notes once per pass (meta-validation, compilation): report each once.
  for (const note of new Set(notes)) reportNote(note, root, map, sink);
  return { schema, dialect, validate };
}

// ajv reports one failure as several errors (enum, type, anyOf on the same path): keep the most telling per path.
function metaErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const prev = byPath.get(e.instancePath);
    if (!prev || (prev.keyword === 'anyOf' && e.keyword !== 'anyOf') || (e.keyword === 'enum' && prev.keyword !== 'enum'))
      byPath.set(e.instancePath, e);
  }
  return [...byPath.values()];
}

function describeMetaError(e: ErrorObject): string {
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  if (allowed) return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? 'invalid';
}

function findRef(node: JsonNode, ref: string): JsonNode | undefined {
  if (node.type === 'object') {
    for (const m of node.members) {
      if (m.key === '$ref' && m.value.type === 'string' && (m.value.value === ref || ref.endsWith(m.value.value))) return m.value;
      const found = findRef(m.value, ref);
      if (found) return found;
    }
  } else if (node.type === 'array') {
    for (const item of node.items) {
      const found = findRef(item, ref);
      if (found) return found;
    }
  }
  return undefined;
}

function findKey(node: JsonNode, key: string): { start: number; end: number } | undefined {
  if (node.type === 'object') {
    for (const m of node.members) {
      if (m.key === key) return { start: m.keyStart, end: m.keyEnd };
      const found = findKey(m.value, key);
      if (found) return found;
    }
  } else if (node.type === 'array') {
    for (const item of node.items) {
      const found = findKey(item, key);
      if (found) return found;
    }
  }
  return undefined;
}

// Strict-mode notes from ajv are plain text; pull out a keyword or a schema path to locate them.
function reportNote(note: string, root: JsonNode, map: PositionMapper, sink: ProblemSink): void {
  const keyword = /unknown keyword: "([^"]+)"/.exec(note)?.[1];
  const path = /at path "#([^"]*)"/.exec(note)?.[1];
  const span = keyword !== undefined ? findKey(root, keyword) : path !== undefined ? nodeAtPointer(root, path) : undefined;
  const range = rangeOf(map, span?.start ?? root.start, span ? span.end : root.start + 1);
  const message = note.replace(/^strict mode: /, '');
  sink.add('warning', C.schemaWarning, range.start.line, () => ({
    range,
    message: keyword ? `${message}: it is ignored when answers are checked` : message,
  }));
}
