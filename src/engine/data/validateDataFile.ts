import { extname } from 'node:path';
import { loadAttacks } from './readers/attacks';
import { loadBiasGroups } from './readers/biasGroups';
import { checkJsonl, loadPassages, loadQaset } from './readers/jsonlKinds';
import type { DataKind } from '../model/dataKinds';
import { loadPiiPatterns } from './readers/piiPatterns';
import { loadSchema } from './readers/schemaFile';
import type { DataFileCheck, DataReadOptions, DataRecordMap, LoadedDataset } from '../model/dataTypes';

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
 * Broken records are skipped; the rest load. Rejects only when `signal` aborts.
 */
export function loadDataset<K extends DataKind>(
  kind: K,
  file: string,
  opts: DataReadOptions = {},
): Promise<LoadedDataset<DataRecordMap[K]>> {
  return (LOADERS[kind] as Loaders[K])(file, opts);
}

/**
 * Checks a data file of any kind without keeping its records: for diagnostics and
 * `aiqk validate`. JSONL kinds are streamed, so file size does not matter.
 */
export async function validateDataFile(kind: DataKind, file: string, opts: DataReadOptions = {}): Promise<DataFileCheck> {
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
