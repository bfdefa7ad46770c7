import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';

/** Where a file is written before it is renamed into place: same folder (so the rename is atomic), hidden, unique. */
export function tempPathFor(file: string): string {
  const dir = path.dirname(file);
  return path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

// The temp files this process is writing now: what an exit that cannot wait removes,
// and what a sweep of leftovers must not touch.
const inProgress = new Set<string>();
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files an earlier process left in `dir` when it died while
 * writing (kill -9, a power cut). A temp file of another live process (a
 * parallel shard writing to the same folder) is left alone. Returns the names removed.
 */
export async function removeLeftoverTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const file = path.join(dir, name);
    // Our own pid but not ours now: a container that reuses pids, or an earlier life of this pid.
    const stale = pid === process.pid ? !inProgress.has(file) : !processAlive(pid);
    if (!stale) continue;
    await rm(file, { force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

/**
 * A hidden scratch file beside `file` that this process owns until `release`:
 * named like a temp file, so a sweep of a dead process's leftovers removes it and
 * an exit that cannot wait discards it, while a sweep by this process leaves it be.
 */
export function scratchFileFor(file: string): { path: string; release(): Promise<void> } {
  const temp = tempPathFor(file);
  inProgress.add(temp);
  return {
    path: temp,
    release: async () => {
      inProgress.delete(temp);
      await rm(temp, { force: true });
    },
  };
}

/** Removes, synchronously, every temp file this process is writing: for an exit that cannot wait for the writes to finish. */
export function discardTempsNow(): void {
  for (const file of inProgress) rmSync(file, { force: true });
  inProgress.clear();
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Makes the rename itself durable. Windows cannot open a directory for sync,
// and some file systems refuse: that only weakens durability, not atomicity.
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}

/**
 * Produces `file` atomically: `produce` writes to the temp path it is given; when
 * it resolves the temp file is fsynced and renamed over `file`; when it throws
 * (or the process dies) `file` is untouched and the temp file is removed.
 */
export async function withAtomicFile<T>(file: string, produce: (tempPath: string) => Promise<T>): Promise<T> {
  const temp = tempPathFor(file);
  inProgress.add(temp);
  try {
    const value = await produce(temp);
    await fsyncFile(temp);
    await rename(temp, file);
    inProgress.delete(temp);
    await fsyncDir(path.dirname(file));
    return value;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  } finally {
    inProgress.delete(temp);
  }
}

/** Writes a string or bytes to `file` atomically (temp file, fsync, rename). */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await withAtomicFile(file, async (temp) => {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  });
}

const CHUNK = 1 << 20;

/**
 * Writes text chunks to `file` atomically, batching them into ~1 MiB writes and
 * honouring back-pressure, so a large report never exists as one string.
 * An abort (checked between writes) leaves no file behind.
 */
export async function writeChunksAtomic(
  file: string,
  chunks: Iterable<string> | AsyncIterable<string>,
  signal?: AbortSignal,
): Promise<void> {
  await withAtomicFile(file, async (temp) => {
    const stream = createWriteStream(temp, { flags: 'wx' });
    const failed = new Promise<never>((_resolve, reject) => stream.once('error', reject));
    // An unobserved rejection would crash the process if the stream fails after we stop listening.
    failed.catch(() => undefined);
    const write = async (text: string): Promise<void> => {
      if (!stream.write(text)) await Promise.race([new Promise<void>((resolve) => stream.once('drain', () => resolve())), failed]);
    };
    try {
      let buffer = '';
      for await (const chunk of chunks) {
        buffer += chunk;
        if (buffer.length >= CHUNK) {
          signal?.throwIfAborted();
          await write(buffer);
          buffer = '';
        }
      }
      signal?.throwIfAborted();
      if (buffer) await write(buffer);
      await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
    } catch (err) {
      // Closed before the temp file is removed (Windows cannot remove an open file).
      stream.destroy();
      await finished(stream).catch(() => undefined);
      throw err;
    }
  });
}
