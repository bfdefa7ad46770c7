import type { DataKind } from '../model/dataKinds';
import { DATA_KINDS } from '../model/dataKinds';
import type { RunProfile } from '../model/profileTypes';
import type { SuiteName } from '../model/suiteNames';
import { isSuiteName } from '../model/suiteNames';
import type { ParsedProfile } from './loadProfile';

/** A part of a profile that could not be checked because it (or what it depends on) is broken. */
export interface UncheckedPart {
  /** Where to point the note. */
  path: (string | number)[];
  at: 'key' | 'value';
  message: string;
}

/**
 * What can still be checked of a profile, valid or not: the data entries that
 * are file paths (or inline bias groups), the suites that are real suite names,
 * use_defaults when it is true or false, and the target when nothing is wrong
 * under it. Each part left out for a reason is named in `unchecked`.
 */
export interface ReadableParts {
  data: Partial<Record<DataKind, string>>;
  /** The suites whose data needs can be judged; absent when suites: cannot be read at all. */
  suites?: SuiteName[];
  /** Absent when use_defaults is there but not true or false: missing data cannot be judged. */
  useDefaults?: boolean;
  /** The target and shard settings, when nothing is wrong with them (their cross-checks need them whole). */
  target?: RunProfile['target'];
  /** A given shard (`auto` is read at run time: nothing to cross-check). */
  shard?: { index: number; total: number };
  unchecked: UncheckedPart[];
}

type Mapping = Record<string, unknown>;

const isMapping = (v: unknown): v is Mapping => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The parts of a parsed profile the checks beyond the schema can look at (all of them when it is valid). */
export function readableParts(parsed: ParsedProfile): ReadableParts {
  const valid = parsed.profile;
  if (valid) {
    return {
      data: { ...(valid.data ?? {}) },
      suites: [...valid.suites],
      useDefaults: valid.use_defaults ?? true,
      target: valid.target,
      ...(typeof valid.shard === 'object' ? { shard: valid.shard } : {}),
      unchecked: [],
    };
  }
  const value = isMapping(parsed.value) ? parsed.value : {};
  const unchecked: UncheckedPart[] = [];
  // A YAML syntax error leaves no schema verdict: only plain type checks below decide.
  const broken = (key: string) => parsed.doc.errors.length > 0 || parsed.schemaErrorPaths.some((p) => p[0] === key);

  const data: Partial<Record<DataKind, string>> = {};
  if (isMapping(value.data)) {
    for (const kind of DATA_KINDS) {
      const entry = value.data[kind];
      if (typeof entry === 'string' && entry.trim() !== '') data[kind] = entry;
    }
  }

  let suites: SuiteName[] | undefined;
  if (Array.isArray(value.suites)) {
    suites = [];
    value.suites.forEach((s: unknown, index) => {
      if (typeof s === 'string' && isSuiteName(s)) {
        if (!suites!.includes(s)) suites!.push(s);
      } else {
        unchecked.push({
          path: ['suites', index],
          at: 'value',
          message: `The data this suite needs was not checked: ${typeof s === 'string' ? `'${s}'` : `suites[${index}]`} is not a suite name yet.`,
        });
      }
    });
  } else if (value.suites !== undefined) {
    // A missing suites: key has its own error; one that is there but unreadable gets this note.
    unchecked.push({
      path: ['suites'],
      at: 'key',
      message: 'Missing data was not checked: suites: is not a list of suite names yet.',
    });
  }

  let useDefaults: boolean | undefined = true;
  if (value.use_defaults !== undefined) {
    if (typeof value.use_defaults === 'boolean') useDefaults = value.use_defaults;
    else {
      useDefaults = undefined;
      unchecked.push({
        path: ['use_defaults'],
        at: 'key',
        message: 'Missing data was not checked: use_defaults must be true or false first.',
      });
    }
  }

  const target = !broken('target') && isMapping(value.target) ? (value.target as RunProfile['target']) : undefined;
  if (!target && isMapping(value.target)) {
    unchecked.push({
      path: ['target'],
      at: 'key',
      message: 'The target settings were not checked together: fix the errors under target: first.',
    });
  }
  const shard =
    !broken('shard') && isMapping(value.shard) && typeof value.shard.index === 'number' && typeof value.shard.total === 'number'
      ? { index: value.shard.index, total: value.shard.total }
      : undefined;
  return {
    data,
    ...(suites ? { suites } : {}),
    ...(useDefaults !== undefined ? { useDefaults } : {}),
    ...(target ? { target } : {}),
    ...(shard ? { shard } : {}),
    unchecked,
  };
}
