import assert from 'node:assert/strict';
import { inShard, parseShard, shardOf, shardProblem } from '../../../src/engine/prepare/shard';

describe('shard', () => {
  it('follows the original rule md5(id) % total + 1 (values from Python hashlib)', () => {
    const expected: Record<string, number[]> = { a: [2, 2, 1], 'case-1': [2, 1, 7], 'rag_quality:q42': [2, 1, 5], ü: [2, 2, 4] };
    for (const [id, shards] of Object.entries(expected)) {
      assert.deepEqual(
        [2, 3, 7].map((n) => shardOf(id, n)),
        shards,
        id,
      );
    }
  });

  it('puts every case in exactly one shard', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `case-${i}`);
    const total = 4;
    const counts = [0, 0, 0, 0];
    for (const id of ids) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(id, { index, total }));
      assert.equal(owners.length, 1);
      counts[(owners[0] as number) - 1]! += 1;
    }
    for (const c of counts) assert.ok(c > 80, `uneven split ${counts.join(',')}`);
  });

  it('keeps every case without a shard or with 1/1', () => {
    assert.equal(inShard('x', undefined), true);
    assert.equal(inShard('x', { index: 1, total: 1 }), true);
  });

  it('parses i/n and rejects nonsense with a readable message', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, total: 4 });
    assert.deepEqual(parseShard(' 1 / 1 '), { index: 1, total: 1 });
    assert.throws(() => parseShard('3'), /i\/n/);
    assert.throws(() => parseShard('0/2'), /from 1 to 2/);
    assert.throws(() => parseShard('5/4'), /from 1 to 4/);
    assert.throws(() => parseShard('1/0'), /total/);
    assert.equal(shardProblem({ index: 1.5, total: 2 })?.includes('whole number'), true);
  });
});
