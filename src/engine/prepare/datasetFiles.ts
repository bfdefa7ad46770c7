import { open, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { ParsedProfile } from '../config/loadProfile';
import { isProfileFileName, loadProfile, parseProfile } from '../config/loadProfile';
import { readableParts } from '../config/readableParts';
import { isInlineBiasGroups } from '../config/resolve';
import { guessDataKind } from '../data/guessKind';
import type { DataKind } from '../model/dataKinds';
import { DATA_KINDS } from '../model/dataKinds';

/** Where the kind of a dataset given on its own came from. */
export type KindSource = { from: 'profile'; profile: string } | { from: 'option' } | { from: 'guess' };

/** A file given to `aiqk validate` that is not a run profile, and how it is checked. */
export type GivenFile =
  | { file: string; role: 'profile' }
  | { file: string; role: 'dataset'; kind: DataKind; source: KindSource }
  | { file: string; role: 'unknown' };

// Enough of a file to tell its shape; a JSON file larger than this is told by its name.
const HEAD_BYTES = 256 * 1024;
// How many folders up a profile that references a dataset is looked for.
const PROFILE_SEARCH_DEPTH = 4;

async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

/** Whether a YAML file not named like a profile is one anyway (a mapping with a profile's keys). */
function looksLikeProfile(file: string, head: string): boolean {
  if (!/\.ya?ml$/i.test(file)) return false;
  const value = parseProfile(head, file).value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) && ('suites' in value || 'target' in value);
}

/** The kind a profile gives the file, when one of its data entries names it. */
function kindIn(parsed: ParsedProfile, file: string): DataKind | undefined {
  const data = readableParts(parsed).data;
  const dir = path.dirname(parsed.file);
  return DATA_KINDS.find((k) => {
    const v = data[k];
    return v !== undefined && !(k === 'bias_groups' && isInlineBiasGroups(v)) && path.resolve(dir, v) === file;
  });
}

/** Profiles next to the file and in the folders above it (not below: they would rarely name it). */
async function nearbyProfiles(file: string): Promise<string[]> {
  const out: string[] = [];
  let dir = path.dirname(file);
  for (let i = 0; i <= PROFILE_SEARCH_DEPTH; i++) {
    const names = await readdir(dir).catch(() => [] as string[]);
    out.push(...names.filter(isProfileFileName).map((n) => path.join(dir, n)));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/**
 * Tells what a file given by name is: a run profile, a dataset (its kind from a
 * profile that references it, else from `kind`, else from its name and shape),
 * or neither.
 */
export async function classifyGivenFile(file: string, known: readonly ParsedProfile[], kind?: DataKind): Promise<GivenFile> {
  if (isProfileFileName(file)) return { file, role: 'profile' };
  let head: string;
  try {
    head = await readHead(file);
  } catch {
    return { file, role: 'unknown' };
  }
  if (looksLikeProfile(file, head)) return { file, role: 'profile' };
  for (const parsed of known) {
    const k = kindIn(parsed, file);
    if (k) return { file, role: 'dataset', kind: k, source: { from: 'profile', profile: parsed.file } };
  }
  for (const candidate of await nearbyProfiles(file)) {
    const k = kindIn(await loadProfile(candidate), file);
    if (k) return { file, role: 'dataset', kind: k, source: { from: 'profile', profile: candidate } };
  }
  if (kind) return { file, role: 'dataset', kind, source: { from: 'option' } };
  const guessed = guessDataKind(file, head);
  return guessed ? { file, role: 'dataset', kind: guessed, source: { from: 'guess' } } : { file, role: 'unknown' };
}
