import * as assert from 'node:assert/strict';
import { classifyError, classifyResult, emptyOutcomeCounts, OUTCOMES } from '../../../src/engine/resilience/outcomes';

describe('resilience outcome classification', () => {
  const cases: [Parameters<typeof classifyError>[0], string][] = [
    [{ kind: 'timeout', message: 't' }, 'timeout'],
    [{ kind: 'http_status', status: 500, message: 'x' }, 'upstream_5xx'],
    [{ kind: 'http_status', status: 503, message: 'x' }, 'upstream_5xx'],
    [{ kind: 'http_status', status: 429, message: 'x', retryAfterMs: 1000 }, 'upstream_429'],
    [{ kind: 'http_status', status: 401, message: 'x' }, 'client_4xx'],
    [{ kind: 'http_status', status: 404, message: 'x' }, 'client_4xx'],
    [{ kind: 'unparseable', message: 'x' }, 'upstream_5xx'],
    [{ kind: 'protocol', message: 'x' }, 'upstream_5xx'],
    [{ kind: 'connection_refused', message: 'x' }, 'connection_error'],
    [{ kind: 'connection_reset', message: 'x' }, 'connection_error'],
    [{ kind: 'connection_error', message: 'x' }, 'connection_error'],
    [{ kind: 'config', message: 'x' }, 'client_4xx'],
  ];
  for (const [error, expected] of cases) {
    it(`${error.kind}${error.status ? ` ${error.status}` : ''} → ${expected}`, () => {
      assert.equal(classifyError(error), expected);
    });
  }

  it('a successful call is success', () => {
    assert.equal(classifyResult({ ok: true, answer: 'a', contexts: [], latencyMs: 3, meta: {} }), 'success');
  });

  it('counts start at zero for every outcome', () => {
    const counts = emptyOutcomeCounts();
    assert.deepEqual(Object.keys(counts), [...OUTCOMES]);
    assert.ok(Object.values(counts).every((n) => n === 0));
  });
});
