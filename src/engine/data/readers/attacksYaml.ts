import type { Node } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { nodeRange, offsetRange } from '../problems/yamlPositions';
import type { Range } from '../../model/problem';
import { DuplicateAttacks } from '../problems/duplicateAttacks';
import { describeValue, intendedField, isBlank } from '../problems/fieldNames';
import { DATA_PROBLEM_CODES as C } from '../problems/problemCodes';
import { quoteExcerpt } from '../problems/quote';
import type { ProblemSink } from '../problems/problemSink';
import type { Attack, LoadedDataset } from '../../model/dataTypes';
import { ATTACKS_YAML_LIMITS, yamlShapeProblem, yamlSizeProblem } from './yamlLimits';

const ITEM_FIELDS = ['prompt', 'category'];
const ITEM_ALIASES: Record<string, string> = {
  text: 'prompt',
  attack: 'prompt',
  input: 'prompt',
  query: 'prompt',
  type: 'category',
  kind: 'category',
};

/**
 * Parses a YAML attacks file: a list, or a mapping with an `attacks` list; items
 * are strings or `{prompt, category?}`. Each problem is located at its YAML node.
 */
export function parseAttacksYaml(text: string, file: string, sink: ProblemSink): LoadedDataset<Attack> {
  const lc = new LineCounter();
  const tooLarge = yamlSizeProblem(text, ATTACKS_YAML_LIMITS, 'the attacks file');
  const doc = parseDocument(tooLarge ? '' : text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const range = (node: Node | null | undefined): Range => (node ? nodeRange(lc, node) : offsetRange(lc, 0, 0));
  const done = (records: Attack[], broken: number): LoadedDataset<Attack> => ({
    kind: 'attacks',
    file,
    records,
    brokenLines: broken,
    problems: sink.finish(broken),
  });

  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const r = offsetRange(lc, err.pos[0], err.pos[1]);
      sink.add('error', C.yamlSyntax, r.start.line, () => ({ range: r, message: `invalid YAML: ${err.message}` }));
    }
    return done([], 0);
  }
  const limit = tooLarge ?? yamlShapeProblem(doc, lc, ATTACKS_YAML_LIMITS, 'the attacks file');
  if (limit) {
    sink.add('error', C.yamlSyntax, limit.range.start.line, () => ({ range: limit.range, message: limit.message }));
    return done([], 0);
  }
  let list: Node | null = doc.contents;
  if (isMap(list)) {
    const root = list;
    let found: Node | null | undefined;
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'attacks') found = pair.value as Node | null;
      else
        sink.add('warning', C.unknownField, range(pair.key as Node).start.line, () => ({
          range: range(pair.key as Node),
          message: `unknown key "${quoteExcerpt(key)}" is ignored (the prompts go under attacks:)`,
        }));
    }
    if (found === undefined) {
      sink.add('error', C.missingField, range(root).start.line, () => ({
        range: range(root),
        message: 'missing "attacks": put the prompts in a list under attacks:',
      }));
      return done([], 0);
    }
    list = found;
  }
  if (list === null || (isScalar(list) && (list.value === null || list.value === ''))) {
    sink.add('error', C.emptyDataset, 1, () => ({ range: range(list), message: 'no attack prompts: write a YAML list of prompts' }));
    return done([], 0);
  }
  if (!isSeq(list)) {
    sink.add('error', C.wrongType, range(list).start.line, () => ({
      range: range(list),
      message: 'attacks must be a YAML list of prompts (or a mapping with an attacks: list)',
    }));
    return done([], 0);
  }
  const records: Attack[] = [];
  const seen = new DuplicateAttacks(file, sink);
  let broken = 0;
  for (const raw of list.items) {
    const item = raw as Node | null;
    const r = range(item);
    const line = r.start.line;
    const fail = (code: string, message: string, at: Range = r): void => {
      broken++;
      sink.add('error', code, line, () => ({ range: at, message }));
    };
    if (isScalar(item)) {
      if (typeof item.value !== 'string') {
        if (item.value === null) fail(C.emptyText, 'empty list item: write a prompt');
        else fail(C.wrongType, `a prompt must be text, got ${describeValue(item.value)}: quote it`);
        continue;
      }
      if (isBlank(item.value)) {
        fail(C.emptyText, 'the prompt is empty');
        continue;
      }
      if (!seen.isDuplicate(item.value, line, r, ownLine(text, item))) records.push({ prompt: item.value, line });
      continue;
    }
    if (!isMap(item)) {
      fail(C.wrongType, 'each attack is a prompt string or {prompt, category}');
      continue;
    }
    let prompt: Node | undefined;
    let category: Node | undefined;
    let renamed: Node | undefined;
    for (const pair of item.items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      if (key === 'prompt') prompt = (pair.value ?? undefined) as Node | undefined;
      else if (key === 'category') category = (pair.value ?? undefined) as Node | undefined;
      else if (intendedField(key, ['prompt'], ITEM_ALIASES) === 'prompt') renamed = keyNode;
      else {
        const hint = intendedField(key, ITEM_FIELDS, ITEM_ALIASES);
        // Renaming to a field the item already has would only make a duplicate key.
        const has = hint !== undefined && item.items.some((p) => isScalar(p.key) && String(p.key.value) === hint);
        const fix = hint && !has ? { kind: 'replace' as const, text: hint, title: `Rename to "${hint}"` } : undefined;
        sink.add('warning', C.unknownField, range(keyNode).start.line, () => ({
          range: range(keyNode),
          message: `unknown field "${quoteExcerpt(key)}" is ignored${hint ? ` (did you mean "${hint}"?)` : ''}`,
          extra: fix ? { fix } : {},
        }));
      }
    }
    if (!prompt) {
      if (renamed) {
        const keyRange = range(renamed);
        broken++;
        sink.add('error', C.missingField, line, () => ({
          range: keyRange,
          message: `missing "prompt"; found "${quoteExcerpt(String((renamed as { value?: unknown }).value))}": rename it?`,
          extra: { fix: { kind: 'replace', text: 'prompt', title: 'Rename to "prompt"' } },
        }));
      } else {
        fail(C.missingField, 'missing "prompt"');
      }
      continue;
    }
    const pv = isScalar(prompt) ? prompt.value : undefined;
    if (typeof pv !== 'string') {
      fail(C.wrongType, `"prompt" must be text, got ${yamlWord(prompt)}`, range(prompt));
      continue;
    }
    if (isBlank(pv)) {
      fail(C.emptyText, '"prompt" is empty', range(prompt));
      continue;
    }
    const cv = category && isScalar(category) ? category.value : undefined;
    if (category && cv !== null && typeof cv !== 'string') {
      fail(C.wrongType, `"category" must be text, got ${yamlWord(category)}`, range(category));
      continue;
    }
    if (seen.isDuplicate(pv, line, r)) continue;
    records.push(typeof cv === 'string' && cv.trim() !== '' ? { prompt: pv, category: cv.trim(), line } : { prompt: pv, line });
  }
  if (records.length === 0 && broken === 0) {
    sink.add('error', C.emptyDataset, range(list).start.line, () => ({
      range: range(list),
      message: 'no attack prompts: the list is empty',
    }));
  }
  return done(records, broken);
}

function yamlWord(node: Node): string {
  if (isScalar(node)) return describeValue(node.value);
  return isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'something else';
}

// The text of the line a one-line block list item sits on (`- prompt`), so two identical
// lines can be told apart from equal prompts written differently; undefined otherwise.
function ownLine(text: string, node: Node): string | undefined {
  const [start, end] = node.range ?? [0, 0];
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const eol = text.indexOf('\n', start);
  const to = eol === -1 ? text.length : eol;
  // Only a block item alone on its line: two items of a flow list share one line.
  const alone = end <= to && text.slice(from, start).trim() === '-' && text.slice(end, to).trim() === '';
  return alone ? text.slice(from, to).replace(/\r$/, '') : undefined;
}
