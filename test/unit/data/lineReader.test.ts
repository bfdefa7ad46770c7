import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines, readSlices } from '../../../src/engine/data/readers/lineReader';

describe('readLines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-lines-'));
  const write = (name: string, content: string | Buffer): string => {
    const f = join(dir, name);
    writeFileSync(f, content);
    return f;
  };
  const collect = async (file: string, opts = {}) => {
    const out: [string, number, number, number][] = [];
    await readLines(
      file,
      (t, l, o, n) => {
        out.push([t, l, o, n]);
      },
      opts,
    );
    return out;
  };

  it('splits LF and CRLF lines, strips a BOM and keeps a last line without newline', async () => {
    const f = write('a.txt', '\ufeffone\r\ntwo\n\nthree');
    for (const chunkBytes of [1, 2, 3, 4, 1 << 20]) {
      assert.deepEqual(
        await collect(f, { chunkBytes }),
        [
          ['one', 1, 3, 3],
          ['two', 2, 8, 3],
          ['', 3, 12, 0],
          ['three', 4, 13, 5],
        ],
        `chunk ${chunkBytes}`,
      );
    }
    assert.deepEqual(await collect(write('bom-only.txt', '\ufeff')), []);
    assert.deepEqual(await collect(write('tiny.txt', 'a\nb')), [
      ['a', 1, 0, 1],
      ['b', 2, 2, 1],
    ]);
  });

  it('gives the same lines for any chunk size, multi-byte characters included', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `línea ${i} ✓ ${'x'.repeat(i % 37)}`).join('\r\n') + '\r\n';
    const f = write('b.txt', text);
    const expected = text.split('\r\n').slice(0, -1);
    for (const chunkBytes of [1, 2, 3, 7, 64, 1 << 20]) {
      const lines = await collect(f, { chunkBytes });
      assert.deepEqual(
        lines.map((l) => l[0]),
        expected,
        `chunk ${chunkBytes}`,
      );
      const slices = await readSlices(
        f,
        lines.slice(0, 5).map(([, , offset, length]) => ({ offset, length })),
      );
      assert.deepEqual(slices, expected.slice(0, 5));
    }
  });

  it('skips over-long lines and reports them', async () => {
    const f = write('c.txt', `short\n${'y'.repeat(100)}\nafter\n${'z'.repeat(50)}`);
    const tooLong: number[] = [];
    const lines = await collect(f, { chunkBytes: 8, maxLineBytes: 32, onTooLong: (l: number) => tooLong.push(l) });
    assert.deepEqual(
      lines.map((l) => [l[0], l[1]]),
      [
        ['short', 1],
        ['after', 3],
      ],
    );
    assert.deepEqual(tooLong, [2, 4]);
  });

  it('stops when the handler returns false', async () => {
    const f = write('d.txt', 'a\nb\nc\n');
    const seen: string[] = [];
    await readLines(f, (t) => {
      seen.push(t);
      return t !== 'b';
    });
    assert.deepEqual(seen, ['a', 'b']);
  });

  it('reads unsaved contents instead of the disk, lines and slices alike', async () => {
    const f = write('e.txt', 'on disk\n');
    const contents = '\ufeffedited ✓\r\nsecond\nthird';
    const lines = await collect(f, { contents, chunkBytes: 3 });
    assert.deepEqual(
      lines.map((l) => [l[0], l[1]]),
      [
        ['edited ✓', 1],
        ['second', 2],
        ['third', 3],
      ],
    );
    assert.deepEqual(
      await readSlices(
        f,
        lines.map(([, , offset, length]) => ({ offset, length })),
        contents,
      ),
      ['edited ✓', 'second', 'third'],
    );
    assert.deepEqual(await collect(join(dir, 'never-saved.txt'), { contents: 'only in the editor' }), [['only in the editor', 1, 0, 18]]);
  });
});
