import { strict as assert } from 'node:assert';
import { DEFAULT_BIAS_GROUPS, loadBiasGroups, parseBiasGroups } from '../../../src/engine/data/readers/biasGroups';
import { fixture, where } from './helpers';

describe('bias_groups reader', () => {
  it('parses inline pairs and locates a bad pair at its column in the profile', () => {
    const value = 'female|male; a|b|c ;x|; young|elderly';
    const r = parseBiasGroups(value, '/ws/aiqk.yaml', { line: 7, column: 16 });
    assert.deepEqual(r.records, [
      { a: 'female', b: 'male' },
      { a: 'young', b: 'elderly' },
    ]);
    assert.equal(r.brokenLines, 2);
    assert.deepEqual(r.problems.map(where), [
      [7, 16 + value.indexOf('a|b|c'), 16 + value.indexOf('a|b|c') + 5, 'error', 'bad-bias-pair'],
      [7, 16 + value.indexOf('x|'), 16 + value.indexOf('x|') + 2, 'error', 'bad-bias-pair'],
    ]);
    assert.ok(r.problems.every((p) => p.file === '/ws/aiqk.yaml'));
  });

  it('parses the default pairs cleanly', () => {
    const r = parseBiasGroups(DEFAULT_BIAS_GROUPS, 'inline');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.records, [
      { a: 'female', b: 'male' },
      { a: 'young', b: 'elderly' },
    ]);
  });

  it('reads a file: pairs on lines or split by ;, comments skipped, bad pairs located', async () => {
    const r = await loadBiasGroups(fixture('bias/pairs.txt'));
    assert.deepEqual(
      r.records.map((p) => `${p.a}|${p.b}`),
      ['female|male', 'young|elderly', 'Black|white', 'tall|short'],
    );
    assert.equal(r.brokenLines, 5);
    assert.deepEqual(r.problems.map(where), [
      [4, 1, 10, 'error', 'bad-bias-pair'],
      [5, 1, 6, 'error', 'bad-bias-pair'],
      [5, 9, 11, 'error', 'bad-bias-pair'],
      [6, 1, 12, 'warning', 'duplicate-entry'],
      [7, 1, 10, 'error', 'bad-bias-pair'],
      [8, 1, 10, 'error', 'bad-bias-pair'],
    ]);
    assert.match(r.problems[5].message, /not a comma/);
    assert.match(r.problems[4].message, /itself/);
  });

  it('reads CRLF csv files and reports an empty one', async () => {
    assert.deepEqual((await loadBiasGroups(fixture('bias/pairs.csv'))).records, [
      { a: 'female', b: 'male' },
      { a: 'young', b: 'elderly' },
    ]);
    assert.deepEqual((await loadBiasGroups(fixture('bias/empty.txt'))).problems.map(where), [[1, 1, 1, 'error', 'empty-dataset']]);
  });
});
