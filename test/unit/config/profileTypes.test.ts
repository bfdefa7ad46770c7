import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';

// The run profile's TypeScript type is generated from its schema: they must not drift.
describe('run profile type', () => {
  it('is the one generated from schemas/aiqk.schema.json (run node scripts/genProfileTypes.mjs)', async function () {
    this.timeout(30000);
    const { renderProfileTypes } = (await import('../../../scripts/genProfileTypes.mjs')) as { renderProfileTypes(): Promise<string> };
    assert.equal(readFileSync('src/engine/model/profileTypes.ts', 'utf8'), await renderProfileTypes());
  });
});
