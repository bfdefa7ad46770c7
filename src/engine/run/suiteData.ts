import * as path from 'node:path';
import type { ResolvedProfile } from '../config/resolve';
import type { DataKind } from '../model/dataKinds';
import { parseBiasGroups } from '../data/readers/biasGroups';
import { defaultDatasetPath } from '../data/defaults';
import type { LoadedDataset } from '../model/dataTypes';
import { loadDataset } from '../data/validateDataFile';
import type { Problem } from '../model/problem';
import type { DataRecords } from '../model/dataRecords';
import type { SuiteData } from '../suites/suite';
import type { InlineData } from '../prepare/preparedRun';

/** How many data problems the run log spells out per file before it only counts. */
const PROBLEMS_SHOWN = 3;

/**
 * The data of a run: each kind loaded once, lazily, on first use. The source is
 * the profile's file, its inline bias groups, the built-in dataset (defaults
 * allowed) or nothing. Broken records are logged as warnings (count and first
 * few) and the good ones are used. Inline data already parsed while preparing
 * the run (`inline`) is used as it is.
 */
export function createSuiteData(
  profile: ResolvedProfile,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
  signal: AbortSignal,
  inline: InlineData = {},
): SuiteData {
  const cache = new Map<DataKind, Promise<unknown>>();
  const load = async <K extends DataKind>(kind: K): Promise<DataRecords[K]> => {
    const source = profile.data[kind];
    if (source.kind === 'none') return [] as DataRecords[K];
    if (source.kind === 'inline') {
      if (kind !== 'bias_groups') throw new Error(`${kind} cannot be given inline`);
      const parsed = inline.bias_groups ?? parseBiasGroups(source.value, profile.file);
      reportProblems(kind, 'the profile (inline)', parsed, log);
      return parsed.records as DataRecords[K];
    }
    const file = source.kind === 'file' ? source.path : defaultDatasetPath(kind);
    const loaded = await loadDataset(kind, file, { signal });
    reportProblems(kind, source.kind === 'file' ? relativeTo(profile, file) : `the built-in ${kind}`, loaded, log);
    return loaded.records as DataRecords[K];
  };
  return {
    get<K extends DataKind>(kind: K): Promise<DataRecords[K]> {
      let p = cache.get(kind) as Promise<DataRecords[K]> | undefined;
      if (!p) {
        p = load(kind);
        cache.set(kind, p);
      }
      return p;
    },
    isProvided(kind: DataKind): boolean {
      const k = profile.data[kind].kind;
      return k === 'file' || k === 'inline';
    },
  };
}

function relativeTo(profile: ResolvedProfile, file: string): string {
  return path.relative(profile.dir, file).split(path.sep).join('/') || file;
}

function reportProblems<T>(
  kind: DataKind,
  shown: string,
  loaded: LoadedDataset<T>,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): void {
  const serious = loaded.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
  if (serious.length === 0) {
    log('info', `${kind}: ${loaded.records.length} records from ${shown}`);
    return;
  }
  const first = serious
    .slice(0, PROBLEMS_SHOWN)
    .map((p: Problem) => `line ${p.range.start.line}: ${p.message}`)
    .join('; ');
  const broken = loaded.brokenLines > 0 ? `${loaded.brokenLines} broken line${loaded.brokenLines === 1 ? '' : 's'} skipped, ` : '';
  log(
    loaded.records.length === 0 ? 'error' : 'warn',
    `${kind}: ${loaded.records.length} records from ${shown} (${broken}${serious.length} problem${serious.length === 1 ? '' : 's'}; first: ${first})`,
  );
}
