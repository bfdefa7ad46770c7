import { strict as assert } from 'node:assert';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import { SUITE_NAMES } from '../../../src/engine/model/suiteNames';
import { casesInMemory } from '../../../src/engine/report/reportModel';
import { THRESHOLDS, thresholdSpec } from '../../../src/engine/metrics/thresholds';
import { SUITE_REQUIREMENTS } from '../../../src/engine/requirements/requirements';
import { SUITE_MANIFESTS, manifestOf } from '../../../src/engine/suites/manifests';
import { SUITES } from '../../../src/engine/suites/registry';
import { SUITE_INFO } from '../../../src/engine/wizard/catalog';

// A case with every field a detail sheet reads, so each row generator yields at least one row.
function sampleCase(suite: CaseResult['suite']): CaseResult {
  return {
    suite,
    case_id: `${suite}:1`,
    input: 'q',
    expected: null,
    output: 'a',
    contexts: [],
    metrics: { pair_gap: 0.1 },
    status: 'failed',
    pass: false,
    error: 'x',
    latency_ms: 3,
    timestamp: '2026-01-01T00:00:00Z',
    details: {
      calls: [{ n: 1, outcome: 'success', startMs: 0, latencyMs: 2 }],
      hits: [{ pattern: 'email', start: 0, end: 3, masked: 'a***' }],
    },
  };
}

describe('suite manifests', () => {
  it('list every suite once, in run order', () => {
    assert.deepEqual(
      SUITE_MANIFESTS.map((m) => m.name),
      [...SUITE_NAMES],
    );
    for (const name of SUITE_NAMES) assert.equal(manifestOf(name).name, name);
  });

  it('declare each threshold key once, named after its direction', () => {
    const keys = THRESHOLDS.map((t) => t.key);
    assert.equal(new Set(keys).size, keys.length);
    for (const t of THRESHOLDS) {
      assert.equal(thresholdSpec(t.key), t);
      if (t.key !== 'parity_threshold') assert.ok(t.key.endsWith(`_${t.direction}`), t.key);
      if (t.unit === 'ratio') assert.ok(t.default >= 0 && t.default <= 1, t.key);
    }
    assert.equal(thresholdSpec('faithfulness'), undefined);
  });

  it('give the requirements matrix the levels of the product spec (DESIGN.md, Suite requirements)', () => {
    assert.deepEqual(SUITE_REQUIREMENTS, {
      rag_quality: { required: ['passages', 'qaset'], optional: ['schema'] },
      red_team: { required: ['attacks'], optional: [] },
      safety: { required: [], optional: ['attacks', 'schema'] },
      performance: { required: [], optional: ['qaset', 'schema'] },
      regression: { required: ['qaset'], optional: ['schema'] },
      resilience: { required: [], optional: [] },
      compliance_smoke: { required: [], optional: ['pii_patterns'] },
      bias_smoke: { required: [], optional: ['bias_groups'] },
    });
  });

  it("give the wizard's catalog each suite's label, description and words", () => {
    for (const m of SUITE_MANIFESTS) {
      assert.deepEqual(SUITE_INFO[m.name], { label: m.label, description: m.description, aliases: m.aliases });
      assert.ok(m.aliases.length > 0, m.name);
    }
  });

  it('describe a detail sheet exactly for the suites whose behaviour makes its rows, with rows that fit its columns', async () => {
    for (const name of SUITE_NAMES) {
      const sheet = manifestOf(name).detailSheet;
      const rows = SUITES[name]?.detailRows;
      assert.equal(sheet !== undefined, rows !== undefined, `${name}: a sheet needs rows and rows need a sheet`);
      if (!sheet || !rows) continue;
      const keys = sheet.columns.map((c) => c.key);
      assert.equal(new Set(keys).size, keys.length, `${sheet.name}: column keys are unique`);
      if (sheet.statusKey) assert.ok(keys.includes(sheet.statusKey), `${sheet.name}: the status column exists`);
      const produced = [];
      for await (const row of rows(casesInMemory([sampleCase(name)])())) produced.push(row);
      assert.ok(produced.length > 0, `${name} yields a row for a case`);
      for (const row of produced) for (const k of Object.keys(row)) assert.ok(keys.includes(k), `${sheet.name}: row key ${k} has a column`);
    }
  });
});
