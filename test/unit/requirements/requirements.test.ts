import { strict as assert } from 'node:assert';
import { computeRequirementMatrix, hasBlocking, blockingReasons } from '../../../src/engine/requirements/requirements';

describe('requirements matrix', () => {
  const row = (rows: ReturnType<typeof computeRequirementMatrix>, suite: string, kind: string) =>
    rows.find((r) => r.suite === suite && r.kind === kind)!;

  it('uses defaults and never blocks when use_defaults is on', () => {
    const rows = computeRequirementMatrix(['rag_quality', 'red_team'], [], true);
    assert.equal(row(rows, 'rag_quality', 'passages').status, 'using_defaults');
    assert.equal(row(rows, 'red_team', 'attacks').status, 'using_defaults');
    assert.equal(hasBlocking(rows), false);
  });

  it('blocks on missing required data when use_defaults is off', () => {
    const rows = computeRequirementMatrix(['rag_quality'], [], false);
    assert.equal(row(rows, 'rag_quality', 'passages').status, 'missing');
    assert.equal(row(rows, 'rag_quality', 'qaset').blocking, true);
    assert.equal(hasBlocking(rows), true);
    assert.deepEqual(blockingReasons(rows), [
      'rag_quality needs passages: add data.passages or set use_defaults: true',
      'rag_quality needs qaset: add data.qaset or set use_defaults: true',
    ]);
  });

  it('marks provided data as provided and not blocking', () => {
    const rows = computeRequirementMatrix(['rag_quality'], new Set(['passages', 'qaset'] as const), false);
    assert.equal(row(rows, 'rag_quality', 'passages').status, 'provided');
    assert.equal(row(rows, 'rag_quality', 'qaset').status, 'provided');
    assert.equal(hasBlocking(rows), false);
  });

  it('red_team needs attacks', () => {
    const rows = computeRequirementMatrix(['red_team'], [], false);
    assert.equal(row(rows, 'red_team', 'attacks').level, 'required');
    assert.equal(hasBlocking(rows), true);
    assert.equal(hasBlocking(computeRequirementMatrix(['red_team'], ['attacks'], false)), false);
  });

  it('optional data never blocks', () => {
    const rows = computeRequirementMatrix(['safety', 'performance', 'compliance_smoke', 'bias_smoke'], [], false);
    assert.equal(hasBlocking(rows), false);
    assert.equal(row(rows, 'safety', 'attacks').level, 'optional');
    assert.equal(row(rows, 'compliance_smoke', 'pii_patterns').status, 'missing');
    assert.equal(row(rows, 'bias_smoke', 'bias_groups').blocking, false);
  });

  it('resilience uses no data at all', () => {
    const rows = computeRequirementMatrix(['resilience'], ['passages', 'qaset', 'attacks', 'schema'], false);
    assert.ok(rows.every((r) => r.status === 'not_used' && r.level === 'not_used'));
  });

  it('blocks only for the suites that miss required data in a mixed selection', () => {
    const rows = computeRequirementMatrix(['rag_quality', 'red_team', 'resilience'], ['attacks'], false);
    assert.deepEqual(
      rows.filter((r) => r.blocking).map((r) => `${r.suite}:${r.kind}`),
      ['rag_quality:passages', 'rag_quality:qaset'],
    );
  });

  it('returns no rows and no blocking for an empty selection', () => {
    const rows = computeRequirementMatrix([], [], false);
    assert.deepEqual(rows, []);
    assert.equal(hasBlocking(rows), false);
  });

  it('handles partial data: one required kind provided, the other missing', () => {
    const rows = computeRequirementMatrix(['rag_quality', 'regression'], ['qaset'], false);
    assert.equal(row(rows, 'rag_quality', 'qaset').status, 'provided');
    assert.equal(row(rows, 'regression', 'qaset').status, 'provided');
    assert.equal(row(rows, 'rag_quality', 'passages').blocking, true);
    assert.equal(rows.filter((r) => r.blocking).length, 1);
  });

  it('has one row per suite and data kind', () => {
    assert.equal(computeRequirementMatrix(['rag_quality', 'safety'], [], true).length, 12);
  });
});

describe('requirements matrix: data without a built-in default', () => {
  it('never pretends a JSON Schema falls back to a default; optional schema stays non-blocking', () => {
    const rows = computeRequirementMatrix(['rag_quality'], ['passages', 'qaset'], true);
    const schema = rows.find((r) => r.kind === 'schema')!;
    assert.equal(schema.status, 'missing');
    assert.equal(schema.blocking, false);
    assert.equal(hasBlocking(rows), false);
  });
});
