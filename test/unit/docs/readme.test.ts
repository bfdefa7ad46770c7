import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { CHECK_CODES } from '../../../src/engine/config/checkProfile';
import { PROFILE_CODES } from '../../../src/engine/config/schemaMessages';
import { DATA_PROBLEM_CODES } from '../../../src/engine/data/problems/problemCodes';
import { THRESHOLDS } from '../../../src/engine/metrics/thresholds';
import schema from '../../../schemas/aiqk.schema.json';

const readme = readFileSync('README.md', 'utf8');
const headings = new Set([...readme.matchAll(/^#### ([a-z0-9-]+)$/gm)].map((m) => m[1]));

// The README is the documentation diagnostics link to: every code needs its section,
// every threshold its documented default.
describe('README', () => {
  it('starts with the two commands of a fresh machine', () => {
    const top = readme.split('\n').slice(0, 15).join('\n');
    assert.match(top, /npm ci && npm run demo/);
    assert.match(top, /npm test/);
  });

  it('has a section for every problem code, linked by the code', () => {
    const codes = [...Object.values(PROFILE_CODES), ...Object.values(CHECK_CODES), ...Object.values(DATA_PROBLEM_CODES)];
    const missing = codes.filter((c) => !headings.has(c));
    assert.deepEqual(missing, []);
  });

  it('documents every threshold as its manifest declares it, and the schema accepts exactly those keys', () => {
    for (const t of THRESHOLDS) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${t.key}\` |`));
      assert.ok(row, `${t.key} has a row`);
      const cells = row.split('|').map((c) => c.trim());
      assert.ok(cells[2].split(', ').includes(t.suite), `${t.key} suite`);
      assert.equal(cells[3], `${t.metric} ${t.direction === 'min' ? '≥' : '≤'}`, `${t.key} passes when`);
      assert.equal(cells[4], String(t.default), `${t.key} default`);
      assert.equal(cells[5], t.doc, `${t.key} meaning, as its suite's manifest says it`);
    }
    const schemaKeys = Object.keys(schema.definitions.thresholds.properties).sort();
    assert.deepEqual(schemaKeys, THRESHOLDS.map((t) => t.key).sort());
  });
});
