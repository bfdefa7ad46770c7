import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { DATA_KINDS } from '../model/dataKinds';
import type { DataKind } from '../model/dataKinds';
import type { DataFileCheck } from '../model/dataTypes';
import { expectedExtensions, validateDataFile } from '../data/validateDataFile';
import { parseBiasGroups } from '../data/readers/biasGroups';
import type { Problem, Range } from '../model/problem';
import type { RequirementRow } from '../model/requirementTypes';
import { computeRequirementMatrix } from '../requirements/requirements';
import type { ParsedProfile } from './loadProfile';
import type { RunProfile } from '../model/profileTypes';
import { readableParts } from './readableParts';
import { isInlineBiasGroups } from './resolve';
import type { OutsideWorkspacePolicy } from './dataPlace';
import { defaultWorkspaceRoot, isOutsideWorkspace, unreachableReason } from './dataPlace';

/** Problem codes of the checks that look beyond the profile's own text. */
export const CHECK_CODES = {
  missingData: 'missing-data',
  usingDefaults: 'using-defaults',
  dataNotFound: 'data-not-found',
  dataUnreachable: 'data-unreachable',
  dataOutsideWorkspace: 'data-outside-workspace',
  dataNotAFile: 'data-not-a-file',
  dataWrongKind: 'data-wrong-kind',
  datasetProblems: 'dataset-problems',
  targetIncomplete: 'target-incomplete',
  ignoredSetting: 'ignored-setting',
  badShard: 'bad-shard',
  notChecked: 'not-checked',
} as const;

/** The result of checking a profile: its problems, its matrix and the datasets it reads. */
export interface ProfileCheck {
  problems: Problem[];
  matrix: RequirementRow[];
  /** Checks of the dataset files the profile references (their own problems are inside). */
  datasets: DataFileCheck[];
}

/** Reuses dataset checks across profiles of one validation (same file, same kind). */
export type DatasetCache = Map<string, Promise<DataFileCheck>>;

/** How a profile is checked. */
export interface CheckProfileOptions {
  cache?: DatasetCache;
  signal?: AbortSignal;
  /** The unsaved text an editor holds for a dataset file, if any: checked instead of the disk (and never cached). */
  contentsOf?: (file: string) => string | undefined;
  /** The workspace folder data paths should stay in (default: the profile's git root, else its folder). */
  workspaceRoot?: string;
  /** A data file outside the workspace: a warning and read (default, the CLI), an error and not read (the extension), or allowed. */
  outsideWorkspace?: OutsideWorkspacePolicy;
}

/**
 * Checks what the schema cannot: data paths, dataset contents (summarised on the
 * profile's data entry), the requirements matrix of the chosen suites, and
 * target settings that only make sense together.
 */
export async function checkProfile(parsed: ParsedProfile, opts: CheckProfileOptions = {}): Promise<ProfileCheck> {
  // A profile with schema errors is still checked wherever it can be read, so
  // every problem shows at once instead of one round of fixes at a time.
  const parts = readableParts(parsed);
  const problems: Problem[] = [];
  const at = (
    p: (string | number)[],
    severity: Problem['severity'],
    code: string,
    message: string,
    extra: Partial<Problem> = {},
    where: 'key' | 'value' = 'value',
  ) => problems.push({ file: parsed.file, range: parsed.rangeOf(p, where), severity, code, message, ...extra });

  if (parts.target) checkTarget(parts.target, at);
  if (parts.shard) checkShard(parts.shard, at);
  const dir = path.dirname(parsed.file);
  const datasets: DataFileCheck[] = [];
  for (const kind of DATA_KINDS) {
    const value = parts.data[kind];
    if (value === undefined) continue;
    if (kind === 'bias_groups' && isInlineBiasGroups(value)) {
      const start = parsed.rangeOf(['data', kind]).start;
      const quoted = /^['"]/.test(parsed.text.split(/\r?\n/)[start.line - 1]?.slice(start.column - 1) ?? '');
      const base = quoted ? { line: start.line, column: start.column + 1 } : start;
      problems.push(...parseBiasGroups(value, parsed.file, base).problems);
      continue;
    }
    const file = path.resolve(dir, value);
    const check = await checkDataPath(kind, file, value, parsed.file, at, opts);
    if (!check) continue;
    datasets.push(check);
    summarizeDataset(kind, value, check, at);
  }
  for (const u of parts.unchecked) at(u.path, 'information', CHECK_CODES.notChecked, u.message, {}, u.at);
  if (!parts.suites || parts.useDefaults === undefined) return { problems, matrix: [], datasets };

  const provided = new Set(DATA_KINDS.filter((k) => parts.data[k] !== undefined));
  const matrix = computeRequirementMatrix(parts.suites, provided, parts.useDefaults);
  const written = suitesAsWritten(parsed);
  for (const row of matrix) {
    const suiteIndex = written.indexOf(row.suite);
    if (row.blocking) {
      at(['suites', suiteIndex], 'error', CHECK_CODES.missingData, `${row.detail}`, {
        fix: { kind: 'setUseDefaults', dataKind: row.kind },
      });
    } else if (row.level === 'required' && row.status === 'using_defaults') {
      at(['suites', suiteIndex], 'information', CHECK_CODES.usingDefaults, row.detail, {
        fix: { kind: 'addDataEntry', dataKind: row.kind },
      });
    }
  }
  return { problems, matrix, datasets };
}

/** The suites list as the profile writes it (positions of its entries), whatever is in it. */
function suitesAsWritten(parsed: ParsedProfile): unknown[] {
  const value = parsed.value as { suites?: unknown } | null | undefined;
  return value && Array.isArray(value.suites) ? value.suites : [];
}

type At = (
  p: (string | number)[],
  severity: Problem['severity'],
  code: string,
  message: string,
  extra?: Partial<Problem>,
  where?: 'key' | 'value',
) => void;

function checkTarget(t: RunProfile['target'], at: At): void {
  if (t.mode === 'mcp' && t.mcp && !t.mcp.command && !t.mcp.url) {
    at(
      ['target', 'mcp'],
      'error',
      CHECK_CODES.targetIncomplete,
      'target.mcp: give a command (a stdio server the run starts) or a url (a streamable HTTP server)',
      {},
      'key',
    );
  }
  if (t.mode === 'mcp' && t.mcp?.command && t.mcp.url) {
    at(
      ['target', 'mcp', 'url'],
      'warning',
      CHECK_CODES.ignoredSetting,
      'target.mcp: both command and url are set; the command is used and url is ignored',
      {},
      'key',
    );
  }
  if (t.mode !== 'api') {
    for (const key of ['base_url', 'protocol', 'http'] as const) {
      if (t[key] !== undefined)
        at(
          ['target', key],
          'warning',
          CHECK_CODES.ignoredSetting,
          `target.${key} is only used when mode is api; it is ignored in ${t.mode} mode`,
          {},
          'key',
        );
    }
  }
  if (t.mode !== 'mcp' && t.mcp !== undefined) {
    at(
      ['target', 'mcp'],
      'warning',
      CHECK_CODES.ignoredSetting,
      `target.mcp is only used when mode is mcp; it is ignored in ${t.mode} mode`,
      {},
      'key',
    );
  }
  if (t.mode === 'api' && t.protocol !== 'http' && t.http !== undefined) {
    at(['target', 'http'], 'warning', CHECK_CODES.ignoredSetting, 'target.http is only used when protocol is http', {}, 'key');
  }
}

function checkShard(shard: { index: number; total: number }, at: At): void {
  if (shard.index > shard.total) {
    at(['shard', 'index'], 'error', CHECK_CODES.badShard, `shard.index ${shard.index} is larger than shard.total ${shard.total}`);
  }
}

async function checkDataPath(
  kind: DataKind,
  file: string,
  written: string,
  profileFile: string,
  at: At,
  opts: CheckProfileOptions,
): Promise<DataFileCheck | undefined> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      at(['data', kind], 'error', CHECK_CODES.dataNotFound, `data.${kind}: file not found: ${written}`, {
        fix: { kind: 'createDataset', dataKind: kind, path: file },
      });
    else at(['data', kind], 'error', CHECK_CODES.dataUnreachable, `data.${kind}: ${written} ${unreachableReason(code)}`);
    return undefined;
  }
  if (!isFile) {
    at(['data', kind], 'error', CHECK_CODES.dataNotAFile, `data.${kind}: ${written} is a folder; give the path of a file`);
    return undefined;
  }
  const policy = opts.outsideWorkspace ?? 'warning';
  if (policy !== 'allow' && (await isOutsideWorkspace(file, opts.workspaceRoot ?? defaultWorkspaceRoot(profileFile)))) {
    const refused = policy === 'error';
    at(
      ['data', kind],
      policy,
      CHECK_CODES.dataOutsideWorkspace,
      `data.${kind}: ${written} lies outside the workspace folder${refused ? '; it is not read (allow it in the settings if you trust this profile)' : ''}`,
    );
    if (refused) return undefined;
  }
  const exts = expectedExtensions(kind);
  const ext = path.extname(file).toLowerCase();
  if (exts.length && !exts.includes(ext)) {
    at(
      ['data', kind],
      'warning',
      CHECK_CODES.dataWrongKind,
      `data.${kind}: expected a ${exts.join(' or ')} file for ${kind}, got '${ext || 'no extension'}'`,
    );
  }
  const contents = opts.contentsOf?.(file);
  if (contents !== undefined) return validateDataFile(kind, file, { signal: opts.signal, contents });
  const key = `${kind}\u0000${file}`;
  const cached = opts.cache?.get(key);
  if (cached) return cached;
  const pending = validateDataFile(kind, file, { signal: opts.signal });
  opts.cache?.set(key, pending);
  return pending;
}

function summarizeDataset(kind: DataKind, written: string, check: DataFileCheck, at: At): void {
  const errors = check.problems.filter((p) => p.severity === 'error');
  if (errors.length === 0 && check.records > 0) return;
  const first = errors[0];
  const firstText = first ? ` First: line ${first.range.start.line}: ${first.message}` : '';
  if (check.records === 0) {
    at(
      ['data', kind],
      'error',
      CHECK_CODES.datasetProblems,
      `data.${kind}: ${written} has no usable records.${firstText}`,
      relatedTo(first),
    );
    return;
  }
  const broken = check.brokenLines;
  at(
    ['data', kind],
    'warning',
    CHECK_CODES.datasetProblems,
    `data.${kind}: ${written} has ${broken} broken ${broken === 1 ? 'line' : 'lines'} that will be skipped; ${check.records} ${check.records === 1 ? 'record loads' : 'records load'}.${firstText}`,
    relatedTo(first),
  );
}

function relatedTo(first: Problem | undefined): Partial<Problem> {
  if (!first) return {};
  return { related: [{ file: first.file, range: first.range as Range, message: first.message }] };
}
