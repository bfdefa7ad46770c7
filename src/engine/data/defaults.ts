import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataKind } from '../model/dataKinds';

/** The file name of each built-in dataset in assets/defaults/. */
export const DEFAULT_DATASET_NAMES: Readonly<Record<DataKind, string>> = {
  passages: 'passages.jsonl',
  qaset: 'qaset.jsonl',
  attacks: 'attacks.yaml',
  schema: 'answer.schema.json',
  pii_patterns: 'pii_patterns.json',
  bias_groups: 'bias_groups.txt',
};

let cachedDir: string | undefined;

/**
 * The folder holding the built-in datasets. The engine runs bundled (dist/*.js,
 * one level below the package root) or from source (src/engine/data/, three levels
 * down), so walk up from this file until `assets/defaults` appears.
 */
export function defaultDatasetsDir(): string {
  if (cachedDir) return cachedDir;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'defaults');
    if (existsSync(join(candidate, DEFAULT_DATASET_NAMES.passages))) return (cachedDir = candidate);
    if (dirname(dir) === dir) throw new Error(`the built-in datasets (assets/defaults) were not found above ${__dirname}`);
  }
}

/** The absolute path of the built-in dataset of a kind. */
export function defaultDatasetPath(kind: DataKind): string {
  return join(defaultDatasetsDir(), DEFAULT_DATASET_NAMES[kind]);
}
