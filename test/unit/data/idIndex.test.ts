import { strict as assert } from 'node:assert';
import { IdIndex } from '../../../src/engine/data/readers/idIndex';

describe('IdIndex', () => {
  it('finds every id it stored, with its line and offset, across growth', () => {
    const idx = new IdIndex();
    for (let i = 0; i < 50_000; i++) assert.equal(idx.add(`id-${i}`, i + 1, i * 100), i);
    assert.equal(idx.size, 50_000);
    for (const i of [0, 1, 4095, 4096, 49_999]) {
      const at = idx.get(`id-${i}`);
      assert.equal(at, i);
      assert.equal(idx.line(at!), i + 1);
      assert.equal(idx.offset(at!), i * 100);
    }
    assert.equal(idx.get('id-50000'), undefined);
  });

  it('compares ids exactly: prefixes, empty, non-ASCII and case differ', () => {
    const idx = new IdIndex();
    for (const id of ['a', 'ab', '', 'ñandú', '😀', 'A']) idx.add(id, 1, 0);
    assert.equal(idx.get('a'), 0);
    assert.equal(idx.get('ab'), 1);
    assert.equal(idx.get(''), 2);
    assert.equal(idx.get('ñandú'), 3);
    assert.equal(idx.get('😀'), 4);
    assert.equal(idx.get('A'), 5);
    assert.equal(idx.get('abc'), undefined);
    assert.equal(idx.get('nandu'), undefined);
  });
});
