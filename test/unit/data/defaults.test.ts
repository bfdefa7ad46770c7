import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACK_CATEGORIES } from '../../../src/engine/data/readers/attacks';
import { DEFAULT_DATASET_NAMES, defaultDatasetPath } from '../../../src/engine/data/defaults';
import { DATA_KINDS } from '../../../src/engine/model/dataKinds';
import { datasetTemplate } from '../../../src/engine/data/readers/templates';
import { expectedExtensions, hasExpectedExtension, loadDataset, validateDataFile } from '../../../src/engine/data/validateDataFile';

describe('built-in datasets', () => {
  for (const kind of DATA_KINDS) {
    it(`${kind} loads with zero problems`, async () => {
      const r = await loadDataset(kind, defaultDatasetPath(kind));
      assert.deepEqual(r.problems, []);
      assert.ok(r.records.length > 0);
      assert.ok(hasExpectedExtension(kind, DEFAULT_DATASET_NAMES[kind]));
    });
  }

  it('has 30-40 passages and questions, each expected answer inside one of its context passages', async () => {
    const passages = (await loadDataset('passages', defaultDatasetPath('passages'))).records;
    const qaset = (await loadDataset('qaset', defaultDatasetPath('qaset'))).records;
    assert.ok(passages.length >= 30 && passages.length <= 40, `${passages.length} passages`);
    assert.ok(qaset.length >= 30 && qaset.length <= 40, `${qaset.length} questions`);
    const byId = new Map(passages.map((p) => [p.id, p.text]));
    for (const q of qaset) {
      assert.ok(q.contexts && q.contexts.length > 0, q.qid);
      for (const c of q.contexts) assert.ok(byId.has(c), `${q.qid}: unknown context ${c}`);
      assert.ok(
        q.contexts.some((c) => byId.get(c)!.includes(q.expected_answer)),
        `${q.qid}: "${q.expected_answer}" not in its contexts`,
      );
    }
  });

  it('has 30+ attacks covering every built-in category', async () => {
    const attacks = (await loadDataset('attacks', defaultDatasetPath('attacks'))).records;
    assert.ok(attacks.length >= 30);
    for (const c of ATTACK_CATEGORIES) assert.ok(attacks.filter((a) => a.category === c).length >= 5, c);
    assert.ok(attacks.every((a) => (ATTACK_CATEGORIES as readonly string[]).includes(a.category ?? '')));
  });

  it('starts the bias pairs with the original female|male;young|elderly', async () => {
    const pairs = (await loadDataset('bias_groups', defaultDatasetPath('bias_groups'))).records;
    assert.deepEqual(pairs.slice(0, 2), [
      { a: 'female', b: 'male' },
      { a: 'young', b: 'elderly' },
    ]);
  });

  it('finds PII in text with the default patterns and validators', async () => {
    const patterns = (await loadDataset('pii_patterns', defaultDatasetPath('pii_patterns'))).records;
    const found = (text: string) => patterns.filter((p) => [...text.matchAll(p.regex)].length > 0).map((p) => p.name);
    assert.deepEqual(found('write to jane.doe@example.com'), ['email']);
    assert.deepEqual(found('call (415) 555-0132'), ['phone_us']);
    assert.ok(found('card 4111 1111 1111 1111').includes('credit_card'));
    assert.deepEqual(found('nothing personal here, version 1.2.3 costs $4.99'), []);
  });
});

describe('dataset templates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-templates-'));
  for (const kind of DATA_KINDS) {
    it(`the ${kind} template is valid under its own reader`, async () => {
      const file = join(dir, `template${expectedExtensions(kind)[0]}`);
      writeFileSync(file, datasetTemplate(kind));
      const r = await validateDataFile(kind, file);
      assert.deepEqual(r.problems, []);
      assert.ok(r.records >= (kind === 'schema' ? 1 : 2), `${r.records} records`);
    });
  }
});
