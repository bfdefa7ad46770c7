import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { renderThresholdSchema as Render } from '../../../scripts/genThresholdSchema.mjs';
import { THRESHOLDS } from '../../../src/engine/metrics/thresholds';

// The schema's thresholds are generated from the suites' manifests: they must not drift.
describe('run profile schema: thresholds', () => {
  const schemaText = readFileSync('schemas/aiqk.schema.json', 'utf8');
  let renderThresholdSchema: typeof Render;
  before(async () => {
    // An ES module with top-level await (its command line): imported, not required.
    ({ renderThresholdSchema } = (await import('../../../scripts/genThresholdSchema.mjs')) as { renderThresholdSchema: typeof Render });
  });

  it('is the one generated from the manifests (run node scripts/genThresholdSchema.mjs)', () => {
    assert.equal(schemaText, renderThresholdSchema(schemaText, THRESHOLDS));
  });

  it('accepts exactly the declared keys, with their defaults and ranges', () => {
    const { properties } = JSON.parse(schemaText).definitions.thresholds as {
      properties: Record<string, { type: string; maximum?: number; default: number }>;
    };
    assert.deepEqual(
      Object.keys(properties),
      THRESHOLDS.map((t) => t.key),
    );
    for (const t of THRESHOLDS) {
      const p = properties[t.key];
      assert.equal(p.default, t.default, t.key);
      assert.equal(p.type, t.unit === 'count' ? 'integer' : 'number', t.key);
      assert.equal(p.maximum, t.unit === 'ratio' ? 1 : undefined, t.key);
    }
  });

  it('notices a manifest change: a new threshold changes the rendered schema', () => {
    const extra = { ...THRESHOLDS[0], key: 'made_up_min', doc: 'A threshold no suite has.' };
    const changed = renderThresholdSchema(schemaText, [...THRESHOLDS, extra]);
    assert.notEqual(changed, schemaText);
    assert.ok('made_up_min' in JSON.parse(changed).definitions.thresholds.properties);
  });
});
