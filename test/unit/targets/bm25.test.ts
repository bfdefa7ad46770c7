import { strict as assert } from 'node:assert';
import { Bm25Index } from '../../../src/engine/targets/builtin/bm25';

describe('Bm25Index', () => {
  const docs = [
    { id: 'a', text: 'The cat sat on the mat.' },
    { id: 'b', text: 'Dogs and cats are pets. Cats purr, dogs bark, cats sleep.' },
    {
      id: 'c',
      text: 'A very long passage about gardening, soil, compost, seeds, watering schedules, sunlight and the cat next door who digs in the beds.',
    },
    { id: 'd', text: 'Invoices are sent monthly.' },
  ];
  const index = new Bm25Index(docs);

  it('ranks by term frequency and length, best first', () => {
    const hits = index.search('cats', 10);
    assert.deepEqual(
      hits.map((h) => h.id),
      ['b', 'a', 'c'],
    );
    assert.ok(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
  });

  it('gives rarer terms more weight', () => {
    assert.ok(index.idf('invoice') > index.idf('cat'));
    assert.deepEqual(
      index.search('cat invoices', 1).map((h) => h.id),
      ['d'],
    );
  });

  it('computes the textbook score', () => {
    // Token counts after stop words: a=3 (cat sat mat), b=9, c=14, d=3 (invoice sent monthly).
    const avgdl = (3 + 9 + 14 + 3) / 4;
    const idf = Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * 1 * (1.5 + 1)) / (1 + 1.5 * (1 - 0.75 + (0.75 * 3) / avgdl));
    const hit = index.search('invoice', 1)[0];
    assert.ok(Math.abs(hit.score - expected) < 1e-9, `${hit.score} vs ${expected}`);
  });

  it('returns no hits for queries of only stop words or unknown terms', () => {
    assert.deepEqual(index.search('the and of', 3), []);
    assert.deepEqual(index.search('quantum chromodynamics', 3), []);
  });

  it('reports the matched terms and breaks ties by document order', () => {
    const twins = new Bm25Index([
      { id: 'x', text: 'refund policy' },
      { id: 'y', text: 'refund policy' },
    ]);
    const hits = twins.search('refund window', 2);
    assert.deepEqual(
      hits.map((h) => h.id),
      ['x', 'y'],
    );
    assert.deepEqual(hits[0].matched, ['refund']);
  });
});
