import { strict as assert } from 'node:assert';
import { DATA_KINDS } from '../../../src/engine/model/dataKinds';
import { DATA_PROBLEM_CODES } from '../../../src/engine/data/problems/problemCodes';
import { expectedExtensions, hasExpectedExtension, loadDataset, validateDataFile } from '../../../src/engine/data/validateDataFile';
import { fixture } from './helpers';

describe('validateDataFile and loadDataset', () => {
  it('check and load agree on counts and problems for every kind', async () => {
    const files = {
      passages: 'passages/broken.jsonl',
      qaset: 'qaset/broken.jsonl',
      attacks: 'attacks/bad.yaml',
      schema: 'schema/badType.json',
      pii_patterns: 'pii/bad.json',
      bias_groups: 'bias/pairs.txt',
    } as const;
    for (const kind of DATA_KINDS) {
      const check = await validateDataFile(kind, fixture(files[kind]));
      const loaded = await loadDataset(kind, fixture(files[kind]));
      assert.equal(check.kind, kind);
      assert.equal(check.records, loaded.records.length, kind);
      assert.equal(check.brokenLines, loaded.brokenLines, kind);
      assert.deepEqual(check.problems, loaded.problems, kind);
      assert.ok(check.problems.every((p) => p.file === fixture(files[kind])));
    }
  });

  it('knows the expected extensions of each kind', () => {
    assert.deepEqual(expectedExtensions('qaset'), ['.jsonl', '.ndjson', '.jsonlines']);
    assert.deepEqual(expectedExtensions('attacks'), ['.txt', '.yaml', '.yml']);
    assert.equal(hasExpectedExtension('schema', '/x/Answer.JSON'), true);
    assert.equal(hasExpectedExtension('passages', '/x/passages.json'), false);
    assert.equal(hasExpectedExtension('bias_groups', 'pairs.csv'), true);
  });

  it('uses stable kebab-case problem codes', () => {
    const codes = Object.values(DATA_PROBLEM_CODES);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of codes) assert.match(c, /^[a-z]+(-[a-z]+)*$/);
  });
});
