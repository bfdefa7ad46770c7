// Writing the profile as YAML with the yaml library's Document API. A new file
// gets a short header and a few explanatory comments; an existing file is
// changed in place: only the values that differ are touched, so its comments,
// key order and flow/block styles stay as they were.
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { YamlLimitProblem } from '../data/readers/yamlLimits';
import { PROFILE_YAML_LIMITS, yamlShapeProblem, yamlSizeProblem, yamlToJs } from '../data/readers/yamlLimits';
import type { RunProfile } from '../model/profileTypes';
import { PROFILE_KEY_ORDER } from './buildProfile';
import { keepLayout } from './keepLayout';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

/** The YAML of an existing file cannot be edited safely (syntax errors): the message says where. */
export class ProfileYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileYamlError';
  }
}

// Key order does not matter for equality (the file's order is kept anyway); array order does.
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (!isObj(a) || !isObj(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
}

function comment(doc: Document, path: (string | number)[], text: string): void {
  const node = doc.getIn(path, true) as Scalar | undefined;
  if (node && isScalar(node)) node.comment = ` ${text}`;
}

function flow(doc: Document, path: (string | number)[]): void {
  const node = doc.getIn(path, true);
  if (isSeq(node)) (node as YAMLSeq).flow = true;
}

/** The YAML of a new profile: documented order, a header, comments on the keys newcomers ask about. */
export function newProfileYaml(profile: RunProfile): string {
  const doc = new Document(profile);
  doc.commentBefore =
    ' AI Quality Kit run profile (written by the setup wizard).\n Paths are relative to this file; the README describes every key.';
  flow(doc, ['suites']);
  flow(doc, ['report', 'formats']);
  flow(doc, ['target', 'mcp', 'args']);
  flow(doc, ['suite_options', 'resilience', 'scenarios']);
  flow(doc, ['suite_options', 'resilience', 'timeouts_ms']);
  flow(doc, ['suite_options', 'compliance_smoke', 'protected_routes']);
  comment(doc, ['target', 'mode'], 'builtin | api | mcp');
  comment(doc, ['target', 'protocol'], 'aiqk | openai | http');
  comment(doc, ['target', 'auth', 'bearer_env'], 'the NAME of an env var or stored secret, never the key itself');
  comment(doc, ['use_defaults'], 'missing data falls back to the built-in datasets');
  comment(doc, ['profile'], 'smoke | full | red_team_heavy');
  return doc.toString(TO_STRING);
}

function keyOf(pair: Pair): string | undefined {
  const k = pair.key as unknown;
  if (isScalar(k)) return String(k.value);
  return typeof k === 'string' ? k : undefined;
}

/** Inserts a new root key where the documented order puts it, among the keys already there. */
function insertRoot(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const pair = doc.createPair(key, value) as Pair;
  if (Array.isArray(value) && isSeq(pair.value) && key === 'suites') (pair.value as YAMLSeq).flow = true;
  const rank = PROFILE_KEY_ORDER.indexOf(key);
  const at =
    rank < 0
      ? -1
      : map.items.findIndex((p) => {
          const r = PROFILE_KEY_ORDER.indexOf(keyOf(p as Pair) ?? '');
          return r > rank;
        });
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}

function sync(doc: Document, map: YAMLMap, value: Obj, root: boolean): void {
  for (const pair of [...map.items] as Pair[]) {
    const k = keyOf(pair);
    if (k !== undefined && !(k in value)) map.delete(k);
  }
  for (const [k, v] of Object.entries(value)) {
    const current = map.get(k, true) as Node | undefined;
    if (current === undefined) {
      if (root) insertRoot(doc, map, k, v);
      else map.set(k, doc.createNode(v));
      continue;
    }
    if (isObj(v) && isMap(current)) {
      sync(doc, current as YAMLMap, v, false);
      continue;
    }
    if (deepEqual(current.toJSON(), v)) continue;
    if (isScalar(current) && (v === null || typeof v !== 'object')) {
      (current as Scalar).value = v;
      continue;
    }
    const node = doc.createNode(v) as Node;
    if (isSeq(current) && isSeq(node)) {
      (node as YAMLSeq).flow = (current as YAMLSeq).flow ?? false;
      node.comment = current.comment;
      node.commentBefore = current.commentBefore;
    }
    map.set(k, node);
  }
}

/**
 * The text of an existing profile changed to `profile`: keys that did not
 * change keep their text and comments; removed keys go, new keys are added.
 */
export function updateProfileYaml(text: string, profile: RunProfile): string {
  const lc = new LineCounter();
  const tooLarge = yamlSizeProblem(text, PROFILE_YAML_LIMITS, 'the file');
  if (tooLarge) throw limitError(tooLarge);
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ProfileYamlError(`the file has YAML errors (${e.message.split('\n')[0]}); fix them or save under another name`);
  }
  if (!isMap(doc.contents)) {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return newProfileYaml(profile);
    throw new ProfileYamlError('the file is not a mapping of keys; save the profile under another name');
  }
  // An alias bomb in the file being edited is refused before anything expands it.
  const shape = yamlShapeProblem(doc, lc, PROFILE_YAML_LIMITS, 'the file');
  if (shape) throw limitError(shape);
  const plain = yamlToJs(doc, lc, PROFILE_YAML_LIMITS, 'the file');
  if (!('value' in plain)) throw limitError(plain);
  // Nothing to change: the text stays exactly as it is (the library would respace comments).
  if (deepEqual(plain.value, profile)) return text;
  sync(doc, doc.contents as YAMLMap, profile as unknown as Obj, true);
  return keepLayout(text, doc.toString(TO_STRING));
}

function limitError(p: YamlLimitProblem): ProfileYamlError {
  return new ProfileYamlError(`line ${p.range.start.line}: ${p.message}; fix it or save the profile under another name`);
}
