import { intendedField, isBlank } from '../problems/fieldNames';
import { readSmallText } from './fileAccess';
import type { JsonMember, JsonNode } from './jsonScan';
import { scanJson } from './jsonScan';
import { DATA_PROBLEM_CODES as C } from '../problems/problemCodes';
import { ProblemSink } from '../problems/problemSink';
import { quoteExcerpt } from '../problems/quote';
import { isPiiValidatorName, PII_VALIDATORS } from './piiValidators';
import { regexRisk } from './regexRisk';
import type { PositionMapper } from '../problems/textPosition';
import { positionMapper, rangeOf } from '../problems/textPosition';
import type { DataReadOptions, LoadedDataset, PiiPattern } from '../../model/dataTypes';

// The order matters: checkEntry reads the four fields back by position.
const FIELDS = ['pattern', 'description', 'validator', 'flags'] as const;
const ALIASES: Record<string, string> = { regex: 'pattern', regexp: 'pattern', re: 'pattern', desc: 'description', check: 'validator' };

/**
 * Loads PII patterns: a JSON object `{name: {pattern, description, validator?, flags?}}`.
 * `pattern` is a JavaScript regular expression (compiled with `flags` plus `g`);
 * `validator` names a check from piiValidators.ts that drops false positives.
 */
export async function loadPiiPatterns(file: string, opts: DataReadOptions = {}): Promise<LoadedDataset<PiiPattern>> {
  const sink = new ProblemSink(file, opts.maxProblems);
  const text = await readSmallText(file, sink, opts);
  if (text === undefined) return { kind: 'pii_patterns', file, records: [], brokenLines: 0, problems: sink.finish(0) };
  const { records, broken } = parsePiiPatterns(text, sink);
  return { kind: 'pii_patterns', file, records, brokenLines: broken, problems: sink.finish(broken) };
}

/** Checks the text of a pii_patterns file; returns the usable patterns and how many entries were skipped. */
export function parsePiiPatterns(text: string, sink: ProblemSink): { records: PiiPattern[]; broken: number } {
  const map = positionMapper(text);
  const records: PiiPattern[] = [];
  const scan = scanJson(text);
  if (!scan.ok) {
    const range = rangeOf(map, scan.offset, scan.offset + scan.length);
    sink.add('error', C.jsonSyntax, range.start.line, () => ({ range, message: `invalid JSON: ${scan.message}` }));
    return { records, broken: 0 };
  }
  const root = scan.root;
  if (root.type !== 'object') {
    report(
      sink,
      map,
      root,
      'error',
      C.wrongType,
      `pii_patterns must be a JSON object of named patterns, like {"email": {"pattern": "…", "description": "…"}}; got ${root.type === 'array' ? 'a list' : root.type}`,
    );
    return { records, broken: 0 };
  }
  const seen = new Map<string, JsonMember>();
  let broken = 0;
  for (const entry of root.members) {
    const first = seen.get(entry.key);
    if (first) {
      broken++;
      const firstLine = map(first.keyStart).line;
      const keyRange = rangeOf(map, entry.keyStart, entry.keyEnd);
      sink.add('error', C.duplicateId, keyRange.start.line, () => ({
        range: keyRange,
        message: `duplicate pattern name "${quoteExcerpt(entry.key)}" (first on line ${firstLine}); this one is skipped`,
        extra: {
          related: [
            {
              file: sink.file,
              range: rangeOf(map, first.keyStart, first.keyEnd),
              message: `first pattern named "${quoteExcerpt(entry.key)}"`,
            },
          ],
        },
      }));
      continue;
    }
    seen.set(entry.key, entry);
    const record = checkEntry(entry, map, sink);
    if (record) records.push(record);
    else broken++;
  }
  if (records.length === 0 && broken === 0)
    report(sink, map, root, 'error', C.emptyDataset, 'no PII patterns: add entries like "email": {"pattern": "…", "description": "…"}');
  return { records, broken };
}

function checkEntry(entry: JsonMember, map: PositionMapper, sink: ProblemSink): PiiPattern | undefined {
  const name = entry.key;
  // Messages quote the name, which is the file's text: short and masked, like every other excerpt.
  const shown = quoteExcerpt(name);
  const line = map(entry.keyStart).line;
  const v = entry.value;
  const keyRange = rangeOf(map, entry.keyStart, entry.keyEnd);
  if (v.type !== 'object') {
    report(sink, map, v, 'error', C.wrongType, `"${shown}" must be an object {"pattern": "…", "description": "…"}, got ${nodeWord(v)}`);
    return undefined;
  }
  const fields = new Map<string, JsonNode>();
  let misnamedPattern: JsonMember | undefined;
  for (const m of v.members) {
    if ((FIELDS as readonly string[]).includes(m.key)) fields.set(m.key, m.value);
    else if (intendedField(m.key, ['pattern'], ALIASES) === 'pattern') misnamedPattern = m;
    else {
      const hint = intendedField(m.key, FIELDS, ALIASES);
      const r = rangeOf(map, m.keyStart, m.keyEnd);
      sink.add('warning', C.unknownField, r.start.line, () => ({
        range: r,
        message: `unknown field "${quoteExcerpt(m.key)}" is ignored${hint ? ` (did you mean "${hint}"?)` : ''}`,
      }));
    }
  }
  const strings = FIELDS.map((k) => fields.get(k));
  for (const [i, node] of strings.entries()) {
    if (node && node.type !== 'string' && !(node.type === 'null' && i > 0)) {
      report(sink, map, node, 'error', C.wrongType, `"${FIELDS[i]}" of "${shown}" must be a string, got ${nodeWord(node)}`);
      return undefined;
    }
  }
  const [patternNode, descNode, validatorNode, flagsNode] = strings.map((n) => (n?.type === 'string' ? n : undefined));
  if (!patternNode) {
    const misnamed = misnamedPattern;
    if (misnamed) {
      const r = rangeOf(map, misnamed.keyStart, misnamed.keyEnd);
      sink.add('error', C.missingField, r.start.line, () => ({
        range: r,
        message: `"${shown}" has no "pattern"; found "${quoteExcerpt(misnamed.key)}": rename it?`,
        extra: { fix: { kind: 'replace', text: '"pattern"', title: 'Rename to "pattern"' } },
      }));
    } else {
      sink.add('error', C.missingField, line, () => ({ range: keyRange, message: `"${shown}" has no "pattern"` }));
    }
    return undefined;
  }
  const pattern = patternNode.value;
  if (isBlank(pattern)) {
    report(sink, map, patternNode, 'error', C.emptyText, `the pattern of "${shown}" is empty`);
    return undefined;
  }
  const validator = validatorNode?.value;
  if (validator !== undefined && !isPiiValidatorName(validator)) {
    report(
      sink,
      map,
      validatorNode!,
      'error',
      C.unknownValidator,
      `unknown validator "${quoteExcerpt(validator)}": use one of ${Object.keys(PII_VALIDATORS).join(', ')}`,
    );
    return undefined;
  }
  const flags = flagsNode?.value ?? '';
  try {
    new RegExp('', flags);
  } catch {
    report(
      sink,
      map,
      flagsNode!,
      'error',
      C.invalidRegex,
      `invalid regular expression flags "${quoteExcerpt(flags)}" (use letters from dgimsuy)`,
    );
    return undefined;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags.includes('g') ? flags : `${flags}g`);
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    report(
      sink,
      map,
      patternNode,
      'error',
      C.invalidRegex,
      `the pattern of "${shown}" is not a valid JavaScript regular expression: ${reason}${regexHint(pattern)}`,
    );
    return undefined;
  }
  const risk = regexRisk(pattern, flags);
  if (risk) {
    const near = quoteExcerpt(pattern.slice(risk.offset));
    report(
      sink,
      map,
      patternNode,
      'error',
      C.invalidRegex,
      `the pattern of "${shown}" risks catastrophic backtracking at character ${risk.offset + 1} ("${near}"): ${risk.reason}. Make the repeated part start or end with a character its inner repetition cannot match, or drop one level of repetition`,
    );
    return undefined;
  }
  if (new RegExp(regex.source, flags.replace('g', '')).test('')) {
    report(sink, map, patternNode, 'warning', C.emptyMatch, `the pattern of "${shown}" matches empty text, so it matches everywhere`);
  }
  const description = descNode?.value;
  if (description === undefined || isBlank(description)) {
    sink.add('warning', C.missingField, line, () => ({
      range: keyRange,
      message: `"${shown}" has no "description"; reports will show the name instead`,
    }));
  }
  const record: PiiPattern = { name, pattern, description: description && !isBlank(description) ? description : name, regex, line };
  if (validator !== undefined) record.validator = validator;
  return record;
}

// Patterns are often copied from Python; say what JavaScript wants instead.
function regexHint(pattern: string): string {
  if (pattern.includes('(?P<')) return ' (named groups are written (?<name>…) in JavaScript, not (?P<name>…))';
  if (/\(\?[aiLmsux]+\)/.test(pattern)) return ' (JavaScript has no inline flags like (?i): use "flags": "i")';
  if (/\\[AZz]/.test(pattern)) return ' (\\A and \\Z are not JavaScript: use ^ and $)';
  return '';
}

function report(
  sink: ProblemSink,
  map: PositionMapper,
  node: JsonNode,
  severity: 'error' | 'warning',
  code: string,
  message: string,
): void {
  const range = rangeOf(map, node.start, node.type === 'object' || node.type === 'array' ? node.start + 1 : node.end);
  sink.add(severity, code, range.start.line, () => ({ range, message }));
}

function nodeWord(node: JsonNode): string {
  const words: Record<JsonNode['type'], string> = {
    array: 'a list',
    object: 'an object',
    string: 'text',
    number: 'a number',
    boolean: 'true/false',
    null: 'null',
  };
  return words[node.type];
}
