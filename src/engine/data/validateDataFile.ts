import { extname } from 'node:path';
import { loadAttacks } from './readers/attacks';
import { loadBiasGroups } from './readers/biasGroups';
import { checkJsonl, loadPassages, loadQaset } from './readers/jsonlKinds';
import type { DataKind } from '../model/dataKinds';
import { loadPiiPatterns } from './readers/piiPatterns';
import { loadSchema } from './readers/schemaFile';
import type { DataFileCheck, DataReadOptions, DataRecordMap, LoadedDataset } from '../model/dataTypes';
import { DATA_PROBLEM_CODES } from './problems/problemCodes';
import { ProblemSink } from './problems/problemSink';
import { encodingMessage, sniffTextFile } from './readers/textEncoding';

type Loaders = { [K in DataKind]: (file: string, opts?: DataReadOptions) => Promise<LoadedDataset<DataRecordMap[K]>> };

const LOADERS: Loaders = {
  passages: loadPassages,
  qaset: loadQaset,
  attacks: loadAttacks,
  schema: loadSchema,
  pii_patterns: loadPiiPatterns,
  bias_groups: loadBiasGroups,
};

/**
 * Loads a data file of any kind into typed records, with every problem found.
 * Broken records are skipped; the rest load. A binary or non-UTF-8 file loads
 * nothing and says so. Rejects only when `signal` aborts.
 */
export async function loadDataset<K extends DataKind>(
  kind: K,
  file: string,
  opts: DataReadOptions = {},
): Promise<LoadedDataset<DataRecordMap[K]>> {
  const notText = await notTextProblem(kind, file, opts);
  if (notText) return { kind, file, records: [], brokenLines: 0, problems: notText };
  return (LOADERS[kind] as Loaders[K])(file, opts);
}

// The file's bytes checked before any reader sees them (an editor's text is text already).
// A file that cannot be opened is left to the reader, which reports it in its usual words.
async function notTextProblem(kind: DataKind, file: string, opts: DataReadOptions): Promise<DataFileCheck['problems'] | undefined> {
  if (opts.contents !== undefined) return undefined;
  let verdict;
  try {
    verdict = await sniffTextFile(file, undefined, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    return undefined;
  }
  if (verdict.kind === 'text') return undefined;
  const sink = new ProblemSink(file, opts.maxProblems);
  sink.addAtLine('error', DATA_PROBLEM_CODES.notText, verdict.line, `${encodingMessage(verdict)}; no ${kind} record is loaded`);
  return sink.problems;
}

/**
 * Checks a data file of any kind without keeping its records: for diagnostics and
 * `aiqk validate`. JSONL kinds are streamed, so file size does not matter.
 */
export async function validateDataFile(kind: DataKind, file: string, opts: DataReadOptions = {}): Promise<DataFileCheck> {
  const notText = await notTextProblem(kind, file, opts);
  if (notText) return { kind, file, records: 0, brokenLines: 0, problems: notText };
  if (kind === 'passages' || kind === 'qaset') return checkJsonl(kind, file, opts);
  const loaded = await loadDataset(kind, file, opts);
  return { kind, file, records: loaded.records.length, brokenLines: loaded.brokenLines, problems: loaded.problems };
}

const EXTENSIONS: Record<DataKind, readonly string[]> = {
  passages: ['.jsonl', '.ndjson', '.jsonlines'],
  qaset: ['.jsonl', '.ndjson', '.jsonlines'],
  attacks: ['.txt', '.yaml', '.yml'],
  schema: ['.json'],
  pii_patterns: ['.json'],
  bias_groups: ['.csv', '.txt'],
};

/** The file extensions (lower case, with the dot) a data kind is expected to have. */
export function expectedExtensions(kind: DataKind): readonly string[] {
  return EXTENSIONS[kind];
}

/** Whether a path has one of the extensions expected for a data kind. */
export function hasExpectedExtension(kind: DataKind, file: string): boolean {
  return EXTENSIONS[kind].includes(extname(file).toLowerCase());
}
