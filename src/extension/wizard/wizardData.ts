// Test data for the wizard: checking a file with the engine the diagnostics use,
// and creating a dataset from the built-in template (never over an existing file).
// Kept free of `vscode`.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DataKind } from '../../engine/model/dataKinds';
import { datasetTemplate } from '../../engine/data/readers/templates';
import { expectedExtensions, validateDataFile } from '../../engine/data/validateDataFile';
import { DEFAULT_DATASET_FILES } from '../profiles/profileEdits';

/** What checking a data file found. */
export interface DataFileReport {
  /** Usable: at least one record loads. */
  ok: boolean;
  /** The path as the profile writes it: relative to the profile's folder, with forward slashes. */
  relative: string;
  absolute: string;
  records: number;
  brokenLines: number;
  /** The first problems, as "line 3: …". */
  problems: string[];
  /** One sentence for the chat. */
  summary: string;
}

const RECORD_WORD: Record<DataKind, [string, string]> = {
  passages: ['passage', 'passages'],
  qaset: ['question', 'questions'],
  attacks: ['attack prompt', 'attack prompts'],
  schema: ['schema', 'schemas'],
  pii_patterns: ['PII pattern', 'PII patterns'],
  bias_groups: ['group pair', 'group pairs'],
};

/** The path of `file` relative to `folder`, with forward slashes (as profiles write paths). */
export function relativePath(folder: string, file: string): string {
  const rel = path.relative(folder, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/** Checks a data file (absolute, or relative to `folder`) as the diagnostics would. Never rejects. */
export async function checkDataFile(kind: DataKind, folder: string, file: string): Promise<DataFileReport> {
  const absolute = path.resolve(folder, file);
  const relative = relativePath(folder, absolute);
  const base = { relative, absolute, records: 0, brokenLines: 0, problems: [] as string[] };
  try {
    const s = await stat(absolute);
    if (!s.isFile()) return { ...base, ok: false, summary: `${relative} is a folder, not a ${kind} file.` };
  } catch {
    return { ...base, ok: false, summary: `${relative} does not exist.` };
  }
  const check = await validateDataFile(kind, absolute);
  const problems = check.problems
    .filter((p) => p.severity === 'error' || p.severity === 'warning')
    .slice(0, 3)
    .map((p) => `line ${p.range.start.line}: ${p.message}`);
  const [one, many] = RECORD_WORD[kind];
  const count = `${check.records} ${check.records === 1 ? one : many}`;
  const exts = expectedExtensions(kind);
  const extNote =
    exts.length && !exts.includes(path.extname(absolute).toLowerCase()) ? ` (a ${kind} file is usually ${exts.join(' or ')})` : '';
  if (check.records === 0)
    return { ...base, ok: false, brokenLines: check.brokenLines, problems, summary: `${relative} has no usable ${many}${extNote}.` };
  const broken = check.brokenLines ? `; ${check.brokenLines} broken ${check.brokenLines === 1 ? 'line is' : 'lines are'} skipped` : '';
  return {
    ...base,
    ok: true,
    records: check.records,
    brokenLines: check.brokenLines,
    problems,
    summary: `${relative}: ${count}${broken}${extNote}.`,
  };
}

/**
 * Writes the built-in template of a kind to its usual place under `folder`
 * (data/<kind file>). An existing file there is kept and used instead.
 */
export async function createDataset(kind: DataKind, folder: string): Promise<{ relative: string; absolute: string; created: boolean }> {
  const relative = DEFAULT_DATASET_FILES[kind];
  const absolute = path.join(folder, ...relative.split('/'));
  try {
    await stat(absolute);
    return { relative, absolute, created: false };
  } catch {
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, datasetTemplate(kind), { flag: 'wx' });
    return { relative, absolute, created: true };
  }
}
