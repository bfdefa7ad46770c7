// Bounds on what a YAML file may make the parser do. A run profile or an attacks
// file is small and hand-written; an alias bomb (anchors referencing anchors,
// billions of nodes once expanded), a very deep nesting or a huge file is an
// attack on the tool, reported as a located problem instead of a crash.
import type { Document, LineCounter, Node } from 'yaml';
import { isAlias, isCollection, isPair } from 'yaml';
import type { Range } from '../../model/problem';
import { nodeRange, offsetRange } from '../problems/yamlPositions';

/** The limits of one YAML file. */
export interface YamlLimits {
  /** Largest file, in characters. */
  maxChars: number;
  /** Most alias nodes (`*name`) in the file. */
  maxAliases: number;
  /** Deepest nesting of mappings and lists. */
  maxDepth: number;
}

/** Limits of a run profile. */
export const PROFILE_YAML_LIMITS: YamlLimits = { maxChars: 1024 * 1024, maxAliases: 100, maxDepth: 64 };

/** Limits of an attacks file (many prompts, little structure). */
export const ATTACKS_YAML_LIMITS: YamlLimits = { maxChars: 64 * 1024 * 1024, maxAliases: 1000, maxDepth: 64 };

/** A limit a YAML file passed, located. */
export interface YamlLimitProblem {
  range: Range;
  message: string;
}

/** The problem of a text too large to parse, or undefined. Checked before parsing. */
export function yamlSizeProblem(text: string, limits: YamlLimits, what: string): YamlLimitProblem | undefined {
  if (text.length <= limits.maxChars) return undefined;
  return {
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    message: `${what} has ${text.length} characters, over the limit of ${limits.maxChars}: it is not read`,
  };
}

/**
 * Alias count and nesting depth of a parsed document, walked without recursion
 * (a deep document must not overflow the stack). Returns the first problem found.
 */
export function yamlShapeProblem(doc: Document, lc: LineCounter, limits: YamlLimits, what: string): YamlLimitProblem | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  let aliases = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node)) {
      if (++aliases > limits.maxAliases)
        return {
          range: nodeRange(lc, node as Node),
          message: `${what} has more than ${limits.maxAliases} aliases (*${node.source}): too many to expand safely`,
        };
      continue;
    }
    if (!isCollection(node)) continue;
    if (depth > limits.maxDepth)
      return { range: nodeRange(lc, node as Node), message: `${what} is nested more than ${limits.maxDepth} levels deep here` };
    // Pushed last to first, so nodes are visited in document order (the first alias over the limit is reported).
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i];
      if (isPair(item)) stack.push({ node: item.value, depth: depth + 1 }, { node: item.key, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * The document's plain value, or the located problem of an alias expansion the
 * YAML library refused (an alias bomb within the alias count still expands hugely).
 */
export function yamlToJs(doc: Document, lc: LineCounter, limits: YamlLimits, what: string): { value: unknown } | YamlLimitProblem {
  try {
    return { value: doc.toJS({ maxAliasCount: limits.maxAliases }) };
  } catch (err) {
    const first = firstAlias(doc);
    return {
      range: first ? nodeRange(lc, first) : offsetRange(lc, 0, 0),
      message: `${what}: its aliases expand to too many nodes (${(err as Error).message.split('\n')[0]})`,
    };
  }
}

function firstAlias(doc: Document): Node | undefined {
  const stack: unknown[] = [doc.contents];
  let best: Node | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (!best || (node.range?.[0] ?? 0) < (best.range?.[0] ?? 0)) best = node as Node;
    } else if (isCollection(node)) {
      for (const item of node.items) stack.push(...(isPair(item) ? [item.key, item.value] : [item]));
    }
  }
  return best;
}
