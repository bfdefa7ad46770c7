import assert from 'node:assert/strict';
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import { resolveProfile } from '../../../src/engine/config/resolve';
import { checkRunGate, orderSuites } from '../../../src/engine/prepare/gate';
import { runStatus } from '../../../src/engine/model/caseOutcome';
import type { SuiteSummary } from '../../../src/engine/model/runTypes';

const raw = (extra: Partial<RunProfile> = {}): RunProfile => ({
  version: 1,
  target: { mode: 'builtin' },
  suites: ['rag_quality'],
  ...extra,
});

describe('run gate', () => {
  it('lets a profile with its data (or defaults) run, in execution order', () => {
    const gate = checkRunGate(resolveProfile(raw({ suites: ['bias_smoke', 'rag_quality'] }), '/w/aiqk.yaml'));
    assert.equal(gate.ok, true);
    assert.deepEqual(gate.reasons, []);
    assert.deepEqual(gate.suites, ['rag_quality', 'bias_smoke']);
  });

  it('blocks required data that is missing with defaults off, explaining each', () => {
    const gate = checkRunGate(resolveProfile(raw({ use_defaults: false, suites: ['rag_quality', 'red_team'] }), '/w/aiqk.yaml'));
    assert.equal(gate.ok, false);
    assert.deepEqual(gate.reasons, [
      'rag_quality needs passages: add data.passages or set use_defaults: true',
      'rag_quality needs qaset: add data.qaset or set use_defaults: true',
      'red_team needs attacks: add data.attacks or set use_defaults: true',
    ]);
  });

  it("judges the suites asked for instead of the profile's, and the shard and concurrency", () => {
    const profile = resolveProfile(raw({ use_defaults: false, volumes: { concurrency: 0 } }), '/w/aiqk.yaml');
    const gate = checkRunGate(profile, { suites: ['performance'], shard: { index: 3, total: 2 } });
    assert.deepEqual(gate.suites, ['performance']);
    assert.deepEqual(gate.reasons, [
      'shard index must be a whole number from 1 to 2 (got 3)',
      'volumes.concurrency must be a whole number ≥ 1 (got 0)',
    ]);
  });

  it('orders and de-duplicates suites', () => {
    assert.deepEqual(orderSuites(['bias_smoke', 'performance', 'bias_smoke', 'rag_quality']), ['rag_quality', 'performance', 'bias_smoke']);
  });
});

describe('run status', () => {
  const s = (status: SuiteSummary['status']): SuiteSummary => ({
    suite: 'performance',
    status,
    total: 1,
    passed: 0,
    failed: 0,
    errors: 0,
    metrics: [],
    notes: [],
  });
  it('is cancelled, then error, then failed, then inconclusive, else passed', () => {
    assert.equal(runStatus([s('passed'), s('inconclusive')]), 'inconclusive');
    assert.equal(runStatus([s('inconclusive'), s('failed')]), 'failed');
    assert.equal(runStatus([s('inconclusive'), s('error')]), 'error');
    assert.equal(runStatus([s('passed'), s('failed')]), 'failed');
    assert.equal(runStatus([s('failed'), s('error')]), 'error');
    assert.equal(runStatus([s('error'), s('cancelled')]), 'cancelled');
    assert.equal(runStatus([]), 'passed');
  });

  it("reads an old report's unmeasured suite (new runs write inconclusive) as it was written: it did not fail the run", () => {
    assert.equal(runStatus([s('passed'), s('unmeasured')]), 'passed');
    assert.equal(runStatus([s('unmeasured'), s('failed')]), 'failed');
  });
});
