import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { Document } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';
import schema from '../../../schemas/aiqk.schema.json';
import type { Problem, Range } from '../model/problem';
import type { RunProfile } from '../model/profileTypes';
import { PROFILE_CODES, schemaMessages } from './schemaMessages';
import { plainYamlErrors } from './yamlErrors';
import type { DocPath } from '../data/problems/yamlPositions';
import { offsetRange, rangeAt } from '../data/problems/yamlPositions';
import type { YamlLimitProblem } from '../data/readers/yamlLimits';
import { PROFILE_YAML_LIMITS, yamlShapeProblem, yamlSizeProblem, yamlToJs } from '../data/readers/yamlLimits';

/** A run profile as parsed: the document with positions, the profile when valid, its problems. */
export interface ParsedProfile {
  file: string;
  text: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The profile, present only when it has no error-level problems. */
  profile?: RunProfile;
  /** The plain value, even when invalid (for tools that show what is there). */
  value: unknown;
  problems: Problem[];
  /** Where the schema found something wrong (paths into the profile); empty when it found nothing. */
  schemaErrorPaths: (string | number)[][];
  /** Where a key or value of the profile is, for problems found later. */
  rangeOf(docPath: DocPath, at?: 'key' | 'value'): Range;
}

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(value: unknown) {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    validator = ajv.compile(schema);
  }
  validator(value);
  return validator.errors ?? [];
}

/** The file names of run profiles. */
export function isProfileFileName(name: string): boolean {
  const base = path.basename(name);
  return base === 'aiqk.yaml' || base === 'aiqk.yml' || /\.aiqk\.ya?ml$/.test(base);
}

/** Parses and validates a run profile's text; never throws. */
export function parseProfile(text: string, file: string): ParsedProfile {
  const lineCounter = new LineCounter();
  const tooLarge = yamlSizeProblem(text, PROFILE_YAML_LIMITS, 'the run profile');
  // A file over the size limit is not parsed at all: its problem stands alone.
  const doc = parseDocument(tooLarge ? '' : text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  const limitProblem = (p: YamlLimitProblem): void => {
    problems.push({ file, range: p.range, severity: 'error', code: PROFILE_CODES.yamlSyntax, message: `YAML: ${p.message}` });
  };
  if (tooLarge) limitProblem(tooLarge);
  const schemaErrorPaths: (string | number)[][] = [];
  const rangeOf = (docPath: DocPath, at: 'key' | 'value' = 'value') => rangeAt(doc, lineCounter, docPath, at);

  const plainLines = new Set<number>();
  for (const err of [...doc.errors, ...doc.warnings]) {
    const [start, end] = err.pos;
    // Errors the library words obscurely (or places on the line above) get plain words on the right line.
    const plain = doc.errors.includes(err as never) ? plainYamlErrors(text, [err])[0] : undefined;
    if (plain) {
      if (plainLines.has(plain.line)) continue;
      plainLines.add(plain.line);
      const begin = { line: plain.line, column: plain.column };
      problems.push({
        file,
        range: { start: begin, end: { line: plain.line, column: plain.column + plain.length } },
        severity: 'error',
        code: PROFILE_CODES.yamlSyntax,
        message: plain.message,
      });
      continue;
    }
    problems.push({
      file,
      range: offsetRange(lineCounter, start, Math.max(end, start + 1)),
      severity: doc.errors.includes(err as never) ? 'error' : 'warning',
      code: PROFILE_CODES.yamlSyntax,
      message: `YAML: ${err.message.split('\n')[0]}`,
    });
  }
  const shape = doc.errors.length === 0 ? yamlShapeProblem(doc, lineCounter, PROFILE_YAML_LIMITS, 'the run profile') : undefined;
  if (shape) limitProblem(shape);
  const plain = doc.errors.length || shape || tooLarge ? undefined : yamlToJs(doc, lineCounter, PROFILE_YAML_LIMITS, 'the run profile');
  if (plain && !('value' in plain)) limitProblem(plain);
  const value: unknown = plain && 'value' in plain ? plain.value : shape || tooLarge ? undefined : safeToJs(doc);
  if (doc.errors.length === 0 && plain && 'value' in plain) {
    if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({
        file,
        range: offsetRange(lineCounter, 0, 0),
        severity: 'error',
        code: PROFILE_CODES.notAProfile,
        message: 'A run profile is a mapping with at least version, target and suites (see the README).',
      });
    } else {
      for (const m of schemaMessages(validate(value), value)) {
        schemaErrorPaths.push(m.path);
        problems.push({
          file,
          range: rangeOf(m.path, m.at),
          severity: 'error',
          code: m.code,
          message: m.message,
          ...(m.fix ? { fix: m.fix } : {}),
        });
      }
    }
  }
  const ok = !problems.some((p) => p.severity === 'error');
  return { file, text, doc, lineCounter, value, problems, schemaErrorPaths, rangeOf, ...(ok ? { profile: value as RunProfile } : {}) };
}

function safeToJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: PROFILE_YAML_LIMITS.maxAliases });
  } catch {
    return undefined;
  }
}

/** Reads and parses a run profile file. A file that cannot be read is one problem. */
export async function loadProfile(file: string): Promise<ParsedProfile> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (err) {
    const parsed = parseProfile('', abs);
    parsed.problems = [
      {
        file: abs,
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        severity: 'error',
        code: PROFILE_CODES.notAProfile,
        message: unreadableProfile(file, err),
      },
    ];
    delete parsed.profile;
    return parsed;
  }
  return parseProfile(text.replace(/^\uFEFF/, ''), abs);
}

/** Why a run profile cannot be read, in the same plain words as the other problems. */
export function unreadableProfile(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `there is no run profile at ${file}: check the path (profiles are named aiqk.yaml or *.aiqk.yaml)`;
  if (code === 'EISDIR') return `${file} is a folder: give the path of a run profile file (aiqk.yaml or *.aiqk.yaml) in it`;
  if (code === 'EACCES' || code === 'EPERM') return `the run profile ${file} cannot be read: permission denied`;
  return `the run profile ${file} cannot be read: ${err instanceof Error ? err.message : String(err)}`;
}
