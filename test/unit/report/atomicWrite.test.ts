import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  discardTempsNow,
  removeLeftoverTemps,
  tempPathFor,
  withAtomicFile,
  writeChunksAtomic,
  writeFileAtomic,
} from '../../../src/engine/report/atomicWrite';

describe('atomic writes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the file and leaves no temp file', async () => {
    const file = path.join(dir, 'r.json');
    await writeFileAtomic(file, '{"a":1}');
    assert.equal(await readFile(file, 'utf8'), '{"a":1}');
    assert.deepEqual(await readdir(dir), ['r.json']);
  });

  it('keeps the previous file intact and removes the temp file when the writer throws midway', async () => {
    const file = path.join(dir, 'r.json');
    await writeFile(file, 'previous report');
    function* chunks(): Generator<string> {
      yield 'x'.repeat(3 << 20); // more than one flush, so the temp file really has content
      throw new Error('disk full (simulated by the producer)');
    }
    await assert.rejects(writeChunksAtomic(file, chunks()), /disk full/);
    assert.equal(await readFile(file, 'utf8'), 'previous report');
    assert.deepEqual(await readdir(dir), ['r.json']);
  });

  it('creates no file at all when the first write fails', async () => {
    const file = path.join(dir, 'new.xlsx');
    await assert.rejects(
      withAtomicFile(file, async (temp) => {
        await writeFile(temp, 'half a workbook');
        throw new Error('cancelled');
      }),
      /cancelled/,
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('stops between writes when aborted', async () => {
    const file = path.join(dir, 'big.json');
    const controller = new AbortController();
    function* chunks(): Generator<string> {
      yield 'y'.repeat(2 << 20);
      controller.abort(new Error('stop'));
      yield 'y'.repeat(2 << 20);
    }
    await assert.rejects(writeChunksAtomic(file, chunks(), controller.signal), /stop/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('streams many small chunks into one file', async () => {
    const file = path.join(dir, 'lines.txt');
    const lines = Array.from({ length: 50000 }, (_, i) => `line ${i}\n`);
    await writeChunksAtomic(file, lines);
    assert.equal(await readFile(file, 'utf8'), lines.join(''));
  });

  it('fails clearly when the folder does not exist', async () => {
    await assert.rejects(writeFileAtomic(path.join(dir, 'missing', 'r.json'), 'x'), /ENOENT/);
  });

  it('uses a hidden temp name in the same folder', () => {
    const temp = tempPathFor(path.join(dir, 'run.xlsx'));
    assert.equal(path.dirname(temp), dir);
    assert.match(path.basename(temp), /^\.run\.xlsx\.\d+\.[0-9a-f]{8}\.tmp$/);
  });

  it('removes temp files of dead writers and of an earlier life of our pid, not those of a live writer or in progress', async () => {
    // 2^22 + 1 is above any Linux pid_max: certainly dead.
    const dead = `.run_a.json.${2 ** 22 + 1}.0a1b2c3d.tmp`;
    const ours = `.run_b.xlsx.${process.pid}.0a1b2c3d.tmp`;
    const live = `.run_c.json.${process.ppid}.0a1b2c3d.tmp`;
    for (const name of [dead, ours, live, 'other.tmp', 'run_d.json']) await writeFile(path.join(dir, name), 'x');
    const removed = await withAtomicFile(path.join(dir, 'run_e.json'), async (temp) => {
      await writeFile(temp, 'in progress');
      return removeLeftoverTemps(dir);
    });
    assert.deepEqual(removed.sort(), [dead, ours].sort());
    assert.deepEqual((await readdir(dir)).sort(), [live, 'other.tmp', 'run_d.json', 'run_e.json'].sort());
  });

  it('discards the temp files being written at once, for an exit that cannot wait', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writing = withAtomicFile(path.join(dir, 'r.json'), async (temp) => {
      await writeFile(temp, 'half');
      await gate;
    });
    while (!(await readdir(dir)).some((n) => n.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 5));
    discardTempsNow();
    assert.deepEqual(await readdir(dir), []);
    release();
    await assert.rejects(writing, /ENOENT/);
    assert.deepEqual(await readdir(dir), []);
  });
});
