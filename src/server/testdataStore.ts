import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { expectedExtensions, validateDataFile } from '../engine/data/validateDataFile';
import type { DataKind } from '../engine/model/dataKinds';
import type { ApiProblem } from './apiProblem';
import { toApiProblem } from './apiProblem';

/** A dataset kept by the server, checked when it was uploaded. */
export interface StoredTestdata {
  /** SHA-256 of the content, in hex: the `<id>` of `testdata:<id>`. */
  id: string;
  kind: DataKind;
  /** The stored file's name inside the store (what the run reads). */
  fileName: string;
  bytes: number;
  records: number;
  uploaded_at: string;
}

/** The answer to an upload: the stored dataset, or the problems that refused it. */
export type UploadOutcome =
  { ok: true; stored: StoredTestdata; problems: ApiProblem[]; existed: boolean } | { ok: false; problems: ApiProblem[] };

const ID = /^[0-9a-f]{64}$/;

/** Whether `value` is a testdata id (the part after `testdata:`). */
export function isTestdataId(value: string): boolean {
  return ID.test(value);
}

/**
 * The uploaded datasets: one file per content and kind, `<sha256>-<kind><ext>`, with a
 * `.meta.json` beside it. A file is kept only when its check found no error.
 */
export class TestdataStore {
  private readonly known = new Map<string, StoredTestdata>();

  constructor(readonly dir: string) {}

  /** Creates the folder and reads back what earlier server processes kept. */
  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.meta.json')) continue;
      try {
        const meta = JSON.parse(await readFile(path.join(this.dir, name), 'utf8')) as StoredTestdata;
        if (isTestdataId(meta.id)) this.known.set(keyOf(meta.id, meta.kind), meta);
      } catch {
        // A torn meta file: the dataset is uploaded again when needed.
      }
    }
  }

  /** The dataset `id` stored as `kind`, if any. */
  get(id: string, kind: DataKind): StoredTestdata | undefined {
    return this.known.get(keyOf(id, kind));
  }

  /** The kinds `id` was stored as. */
  kindsOf(id: string): DataKind[] {
    return [...this.known.values()].filter((m) => m.id === id).map((m) => m.kind);
  }

  /** Checks an upload as `aiqk validate` checks a data file, and keeps it when it has no error. */
  async add(kind: DataKind, content: Buffer, fileName: string | undefined): Promise<UploadOutcome> {
    const ext = extensionFor(kind, fileName);
    if (!ext.ok)
      return { ok: false, problems: [{ path: 'filename', severity: 'error', code: 'testdata-extension', message: ext.message }] };
    const id = createHash('sha256').update(content).digest('hex');
    const existing = this.get(id, kind);
    if (existing) return { ok: true, stored: existing, problems: [], existed: true };
    const finalName = `${id}-${kind}${ext.ext}`;
    const temp = path.join(this.dir, `.upload-${randomBytes(6).toString('hex')}${ext.ext}`);
    await writeFile(temp, content);
    try {
      const check = await validateDataFile(kind, temp);
      const problems = check.problems.map((p) => toApiProblem(p, { [temp]: 'testdata' }));
      if (check.problems.some((p) => p.severity === 'error') || check.records === 0) {
        if (check.records === 0 && problems.length === 0)
          problems.push({ path: 'testdata', severity: 'error', code: 'testdata-empty', message: `the ${kind} file holds no record` });
        return { ok: false, problems };
      }
      await rename(temp, path.join(this.dir, finalName));
      const stored: StoredTestdata = {
        id,
        kind,
        fileName: finalName,
        bytes: content.length,
        records: check.records,
        uploaded_at: new Date().toISOString(),
      };
      await writeFile(path.join(this.dir, `${id}-${kind}.meta.json`), JSON.stringify(stored));
      this.known.set(keyOf(id, kind), stored);
      return { ok: true, stored, problems, existed: false };
    } finally {
      await rm(temp, { force: true });
    }
  }
}

function keyOf(id: string, kind: DataKind): string {
  return `${id}/${kind}`;
}

function extensionFor(kind: DataKind, fileName: string | undefined): { ok: true; ext: string } | { ok: false; message: string } {
  const allowed = expectedExtensions(kind);
  if (fileName === undefined) return { ok: true, ext: allowed[0] ?? '.txt' };
  const ext = path.extname(fileName).toLowerCase();
  if (allowed.includes(ext)) return { ok: true, ext };
  return { ok: false, message: `a ${kind} file ends in ${allowed.join(' or ')}; '${fileName}' does not` };
}
