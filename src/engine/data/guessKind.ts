import * as path from 'node:path';
import type { DataKind } from '../model/dataKinds';

const JSONL = new Set(['.jsonl', '.ndjson', '.jsonlines']);

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function jsonlKind(name: string, head: string): DataKind | undefined {
  const first = head.split(/\r?\n/).find((l) => l.trim() !== '');
  const row = first === undefined ? undefined : parseJson(first);
  if (isMapping(row)) {
    if ('question' in row || 'qid' in row || 'expected_answer' in row) return 'qaset';
    if ('text' in row) return 'passages';
  }
  if (/qa|question/.test(name)) return 'qaset';
  if (/passage|corpus|doc/.test(name)) return 'passages';
  return undefined;
}

function jsonKind(name: string, head: string): DataKind | undefined {
  const value = parseJson(head);
  if (isMapping(value)) {
    if ('$schema' in value || 'properties' in value || typeof value.type === 'string') return 'schema';
    const entries = Object.values(value);
    if (entries.length > 0 && entries.some((e) => isMapping(e) && 'pattern' in e)) return 'pii_patterns';
  }
  if (/pii|pattern/.test(name)) return 'pii_patterns';
  if (/schema/.test(name)) return 'schema';
  return undefined;
}

function textKind(name: string, head: string): DataKind | undefined {
  if (/bias|group|pair/.test(name)) return 'bias_groups';
  if (/attack|prompt|jailbreak/.test(name)) return 'attacks';
  const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  // Lines of `a|b` pairs are bias groups; any other text is not recognisably a dataset.
  if (lines.length > 0 && lines.every((l) => /^[^|]+\|[^|]+/.test(l))) return 'bias_groups';
  return undefined;
}

/**
 * The data kind a file most likely holds, from its name and the start of its
 * text; undefined when it does not look like any dataset (a script, a README).
 */
export function guessDataKind(file: string, head: string): DataKind | undefined {
  const ext = path.extname(file).toLowerCase();
  const name = path.basename(file, ext).toLowerCase();
  if (JSONL.has(ext)) return jsonlKind(name, head);
  if (ext === '.json') return jsonKind(name, head);
  if (ext === '.csv') return 'bias_groups';
  if (ext === '.txt') return textKind(name, head);
  if (ext === '.yaml' || ext === '.yml') return /^\s*attacks\s*:/m.test(head) || /attack/.test(name) ? 'attacks' : undefined;
  return undefined;
}
