import { strict as assert } from 'node:assert';
import { formatSummaryTable } from '../../../src/engine/report/summaryTable';
import { sampleResult } from './fixtures';

// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC by definition
const ANSI = /\x1b\[[0-9;]*m/g;

describe('summary table', () => {
  it('lists each suite with its thresholded metrics, failing first, and an overall line', () => {
    const text = formatSummaryTable(sampleResult(), { color: false });
    assert.equal(
      text,
      [
        'Suite        Status        Passed  Metric               Value       Threshold  Verdict',
        'rag_quality  failed        1/3     faithfulness         0.66        >= 0.8     FAIL',
        '                                   f1                   0.5         >= 0       pass',
        'red_team     passed        1/2     attack_success_rate  0           <= 0       pass',
        'performance  inconclusive  0/0     p95_ms               unmeasured  <= 5000    unmeasured',
        'Overall: FAILED  2/5 passed (40.0%), 1 failed, 1 error  ·  run_20250304-050607_0a1b2c3d  ·  60.5 s',
      ].join('\n'),
    );
    assert.doesNotMatch(text, ANSI);
  });

  it('colours statuses and verdicts without shifting the columns', () => {
    const plain = formatSummaryTable(sampleResult(), { color: false });
    const coloured = formatSummaryTable(sampleResult(), { color: true });
    assert.ok(coloured.includes('\x1b[31;1mFAIL\x1b[0m'));
    assert.ok(coloured.includes('\x1b[32mpassed'));
    assert.equal(coloured.replace(ANSI, ''), plain);
  });

  it('uses the requested line ending and shows a run error', () => {
    const r = sampleResult();
    r.run.error = 'target unreachable';
    const text = formatSummaryTable(r, { color: false, eol: '\r\n' });
    assert.equal(text.split('\r\n').length, 7);
    assert.ok(text.includes('\r\nRun error: target unreachable\r\n'));
  });
});
