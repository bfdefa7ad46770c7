import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { ProblemFix } from '../model/problem';
import { formatPath, pointerToPath } from '../data/problems/yamlPositions';

/** A schema error turned into words a person understands, with where to point. */
export interface SchemaMessage {
  path: (string | number)[];
  at: 'key' | 'value';
  code: string;
  message: string;
  fix?: ProblemFix;
}

/** Problem codes of the run profile (each explained in the README's Problems section). */
export const PROFILE_CODES = {
  yamlSyntax: 'yaml-syntax',
  unknownKey: 'unknown-key',
  missingKey: 'missing-key',
  wrongType: 'wrong-type',
  invalidValue: 'invalid-value',
  unknownSuite: 'unknown-suite',
  duplicateSuite: 'duplicate-suite',
  notAProfile: 'not-a-profile',
} as const;

/** The closest candidate when it is close enough to be a likely typo. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/[-\s]/g, '_');
  const exact = candidates.find((c) => norm(c) === norm(input));
  if (exact) return exact;
  const best = closest(input, [...candidates]);
  return distance(input, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `a string ('${value.length > 40 ? value.slice(0, 40) + '…' : value}')`;
  return `${typeof value} (${String(value)})`;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

function patternMessage(where: string, pattern: string): string {
  if (pattern.startsWith('^[A-Za-z_]'))
    return `${where}: must be the NAME of an environment variable or stored secret (letters, digits and _), never the secret itself`;
  if (pattern === '^https?://') return `${where}: must be a URL starting with http:// or https://`;
  if (pattern.includes('{group}')) return `${where}: a template must contain {group}`;
  return `${where}: does not have the expected form (${pattern})`;
}

/**
 * Turns ajv's errors into located, readable messages. Errors that only repeat
 * another (the `if` wrapper of a conditional requirement) are dropped.
 */
export function schemaMessages(errors: readonly ErrorObject[], value: unknown): SchemaMessage[] {
  const out: SchemaMessage[] = [];
  const seen = new Set<string>();
  for (const e of pickOneOfBranches(errors)) {
    if (e.keyword === 'if') continue;
    const m = e.keyword === 'oneOf' ? noBranchFits(e, errors, value) : oneMessage(e, value);
    const key = `${m.path.join('/')}|${m.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

// A branch of a oneOf whose type or constant the value does not have at all (`shard: 3` is neither 'auto' nor a mapping).
function branchOf(e: ErrorObject, oneOf: ErrorObject): string | undefined {
  const prefix = `${oneOf.schemaPath}/`;
  return e.schemaPath.startsWith(prefix) ? e.schemaPath.slice(prefix.length).split('/')[0] : undefined;
}

function wrongKind(e: ErrorObject, oneOf: ErrorObject): boolean {
  return (e.keyword === 'type' || e.keyword === 'const') && e.instancePath === oneOf.instancePath;
}

/**
 * A failed oneOf reports the errors of every branch. Keeps those of the branches
 * the value is meant for (of the right kind) and drops the oneOf itself then;
 * when no branch is of the right kind, keeps only the oneOf (said in one sentence by noBranchFits).
 */
function pickOneOfBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const oneOf of errors.filter((e) => e.keyword === 'oneOf')) {
    const branches = kept.filter((e) => branchOf(e, oneOf) !== undefined);
    const misfits = new Set(branches.filter((e) => wrongKind(e, oneOf)).map((e) => branchOf(e, oneOf)));
    const fitting = branches.filter((e) => !misfits.has(branchOf(e, oneOf)));
    kept = kept.filter((e) => !branches.includes(e) || fitting.includes(e));
    if (fitting.length > 0) kept = kept.filter((e) => e !== oneOf);
  }
  return kept;
}

function noBranchFits(oneOf: ErrorObject, errors: readonly ErrorObject[], root: unknown): SchemaMessage {
  const path = pointerToPath(oneOf.instancePath, root);
  const kinds = errors
    .filter((e) => branchOf(e, oneOf) !== undefined && wrongKind(e, oneOf))
    .map((e) => {
      const params = e.params as Record<string, unknown>;
      return e.keyword === 'const'
        ? JSON.stringify(params.allowedValue)
        : String(params.type)
            .split(',')
            .map((t) => TYPE_WORDS[t] ?? t)
            .join(' or ');
    });
  return {
    path,
    at: 'value',
    code: PROFILE_CODES.invalidValue,
    message: `${formatPath(path)}: must be ${[...new Set(kinds)].join(' or ')}, not ${typeName(oneOf.data)}`,
  };
}

function oneMessage(e: ErrorObject, root: unknown): SchemaMessage {
  const path = pointerToPath(e.instancePath, root);
  const where = formatPath(path);
  const params = e.params as Record<string, unknown>;
  const parentSchema = (e.parentSchema ?? {}) as { properties?: Record<string, unknown>; enum?: unknown[]; type?: unknown };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(parentSchema.properties ?? {});
      const guess = didYouMean(key, known);
      const msg = `${path.length ? where + ': ' : ''}unknown key '${key}'.${guess ? ` Did you mean '${guess}'?` : ` Known keys: ${known.join(', ')}.`}`;
      // Renaming to a key that is already set would only trade this error for a duplicate key.
      const taken = guess !== undefined && isRecord(e.data) && guess in e.data;
      const fix: ProblemFix | undefined = !guess
        ? undefined
        : taken
          ? { kind: 'removeEntry', path: [...path, key], title: `Remove '${key}' (${guess} is already set)` }
          : { kind: 'replace', text: guess, title: `Change to '${guess}'` };
      return { path: [...path, key], at: 'key', code: PROFILE_CODES.unknownKey, message: msg, ...(fix ? { fix } : {}) };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const conditional = /allOf\/\d+\/then/.test(e.schemaPath) ? conditionalReason(e.schemaPath, missing) : '';
      return {
        path,
        at: 'key',
        code: PROFILE_CODES.missingKey,
        message: `${path.length ? where + ': ' : ''}missing '${missing}'${conditional}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const got = e.data;
      const isSuite = path[0] === 'suites';
      const guess = typeof got === 'string' ? didYouMean(got, allowed) : undefined;
      const noun = isSuite ? 'a suite' : 'allowed';
      const msg = `${where}: '${String(got)}' is not ${noun}.${guess ? ` Did you mean '${guess}'?` : ` Choose one of: ${allowed.join(', ')}.`}`;
      // A list item (a suite, a report format) renamed to one already listed would be listed twice: remove this one instead.
      const siblings = typeof path[path.length - 1] === 'number' ? valueAt(root, path.slice(0, -1)) : undefined;
      const listed = guess !== undefined && Array.isArray(siblings) && siblings.includes(guess);
      const fix: ProblemFix | undefined = !guess
        ? undefined
        : listed
          ? { kind: 'removeEntry', path, title: `Remove '${String(got)}' (${guess} is already listed)` }
          : { kind: 'replace', text: guess, title: `Change to '${guess}'` };
      return {
        path,
        at: 'value',
        code: isSuite ? PROFILE_CODES.unknownSuite : PROFILE_CODES.invalidValue,
        message: msg,
        ...(fix ? { fix } : {}),
      };
    }
    case 'type': {
      const want = String(params.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      return { path, at: 'value', code: PROFILE_CODES.wrongType, message: `${where}: must be ${want}, not ${typeName(e.data)}` };
    }
    case 'const':
      return { path, at: 'value', code: PROFILE_CODES.invalidValue, message: `${where}: must be ${JSON.stringify(params.allowedValue)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      return {
        path,
        at: 'value',
        code: PROFILE_CODES.invalidValue,
        message: `${where}: must be ${words} ${String(params.limit)} (got ${String(e.data)})`,
      };
    }
    case 'minItems':
      return {
        path,
        at: 'value',
        code: PROFILE_CODES.invalidValue,
        message:
          path[0] === 'suites' ? 'suites: choose at least one suite' : `${where}: must have at least ${String(params.limit)} item(s)`,
      };
    case 'uniqueItems': {
      const list = Array.isArray(e.data) ? e.data : [];
      const [first, second] = [Number(params.j), Number(params.i)].sort((a, b) => a - b);
      return {
        path: [...path, second],
        at: 'value',
        code: path[0] === 'suites' ? PROFILE_CODES.duplicateSuite : PROFILE_CODES.invalidValue,
        message: `${formatPath([...path, second])}: '${String(list[second])}' is listed twice (also ${formatPath([...path, first])})`,
        fix: { kind: 'removeEntry', path: [...path, second], title: `Remove the second '${String(list[second])}'` },
      };
    }
    case 'minLength':
      return { path, at: 'value', code: PROFILE_CODES.invalidValue, message: `${where}: must not be empty` };
    case 'pattern':
      return { path, at: 'value', code: PROFILE_CODES.invalidValue, message: patternMessage(where, String(params.pattern)) };
    default:
      return { path, at: 'value', code: PROFILE_CODES.invalidValue, message: `${where}: ${e.message ?? 'is not valid'}` };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function valueAt(root: unknown, docPath: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const k of docPath) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function conditionalReason(schemaPath: string, missing: string): string {
  if (missing === 'base_url') return ' (required when mode is api)';
  if (missing === 'mcp') return ' (required when mode is mcp: the server command or url and the tool)';
  if (missing === 'http') return ' (required when protocol is http: the request template)';
  return ` (required by ${schemaPath})`;
}
