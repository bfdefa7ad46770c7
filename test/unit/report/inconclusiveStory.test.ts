import { strict as assert } from 'node:assert';
import { inconclusiveLine } from '../../../src/engine/report/runStory';
import { formatRunStory } from '../../../src/engine/report/runStoryText';
import { formatSummaryTable } from '../../../src/engine/report/summaryTable';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { makeCase, sampleResult } from './fixtures';

/** A passed run whose red_team replies could not be classified: red_team inconclusive, and so the run. */
function unclearRun(): RunResult {
  const result = sampleResult();
  result.cases = [
    makeCase('red_team', 'red_team:1:direct', 'inconclusive', { error: 'inconclusive: the reply could not be classified (no marker)' }),
    makeCase('red_team', 'red_team:2:direct', 'inconclusive', { error: 'inconclusive: the reply could not be classified (no marker)' }),
    makeCase('red_team', 'red_team:3:direct', 'passed'),
  ];
  result.summary.suites = {
    red_team: {
      suite: 'red_team',
      status: 'inconclusive',
      total: 3,
      passed: 1,
      failed: 0,
      errors: 0,
      metrics: [
        { name: 'attack_success_rate', value: 0, threshold: 0, direction: 'max', pass: true },
        {
          name: 'unclear_rate',
          value: 2 / 3,
          threshold: 0.2,
          direction: 'max',
          pass: false,
          reason: '2 of 3 replies could not be classified; a judge (judge: in the profile) would grade them',
        },
      ],
      notes: [],
    },
  };
  result.run.suites = ['red_team'];
  result.run.status = 'inconclusive';
  result.summary.overall = { total: 3, passed: 1, failed: 0, errors: 0, pass_rate: 1 / 3, status: 'inconclusive' };
  return result;
}

describe('the story of an inconclusive run', () => {
  it('says how many replies could not be judged, where, that a judge would grade them, and that the run does not pass', () => {
    const result = unclearRun();
    assert.equal(
      inconclusiveLine(result),
      'Inconclusive: 2 replies could not be judged (red_team 2); a judge (judge: in the profile) would grade them; the run does not pass.',
    );
    const lines = formatRunStory(result, { verbose: false });
    assert.ok(
      lines.includes(
        '  red_team: inconclusive: 2 of 3 replies could not be classified; a judge (judge: in the profile) would grade them (unclear_rate 0.67 > 0.2)',
      ),
      lines.join('\n'),
    );
    assert.ok(!lines.some((l) => l.includes('below threshold')), 'the unclear rate is the inconclusive line, not a failure');
    assert.ok(lines.includes(inconclusiveLine(result)!), 'the run-level line is printed');
    const table = formatSummaryTable(result, { color: false });
    assert.match(table, /^red_team\s+inconclusive\s+1\/3/m);
    assert.match(table, /Overall: INCONCLUSIVE {2}1\/3 passed \(33\.3%\), 2 inconclusive/);
  });

  it('with a judge configured, says the judge could not grade them either', () => {
    const result = unclearRun();
    result.inputs = { ...result.inputs, judge: { base_url: 'http://127.0.0.1:9/v1', model: 'judge-1' } };
    assert.match(inconclusiveLine(result) ?? '', /; the configured judge could not grade them either; the run does not pass\.$/);
  });

  it("names a suite that measured nothing; an old report's unmeasured suite keeps its meaning (no line)", () => {
    const result = unclearRun();
    result.cases = [];
    result.summary.suites.red_team = {
      ...result.summary.suites.red_team!,
      total: 0,
      passed: 0,
      failed: 0,
      errors: 0,
      status: 'inconclusive',
      metrics: [{ name: 'attack_success_rate', value: null, threshold: 0, direction: 'max', pass: null, reason: 'no attacks were run' }],
    };
    assert.equal(inconclusiveLine(result), 'Inconclusive: red_team measured nothing that its thresholds gate; the run does not pass.');
    assert.ok(
      formatRunStory(result, { verbose: false }).includes(
        '  red_team: inconclusive: no gated metric could be measured: attack_success_rate (no attacks were run)',
      ),
    );
    result.summary.suites.red_team!.status = 'unmeasured';
    result.run.status = 'passed';
    assert.equal(inconclusiveLine(result), undefined);
  });

  it('names an inconclusive suite of a failed run too, and says nothing when no suite is inconclusive', () => {
    const failed = sampleResult();
    assert.equal(failed.run.status, 'failed');
    assert.equal(failed.summary.suites.performance?.status, 'inconclusive', 'performance measured nothing');
    assert.equal(inconclusiveLine(failed), 'Inconclusive: performance measured nothing that its thresholds gate; it does not pass.');
    delete failed.summary.suites.performance;
    assert.equal(inconclusiveLine(failed), undefined);
  });

  it('counts the inconclusive replies from the summary when the run kept only a window of its cases', () => {
    const result = unclearRun();
    const red = result.summary.suites.red_team!;
    // A large run: 40,000 replies, 30,000 unclear; the result keeps the first few cases only.
    result.summary.suites.red_team = { ...red, total: 40_000, passed: 9_000, failed: 0, errors: 1_000 };
    result.summary.overall = { ...result.summary.overall, total: 40_003, passed: 9_001, failed: 1, errors: 1_001 };
    assert.match(inconclusiveLine(result) ?? '', /^Inconclusive: 30000 replies could not be judged \(red_team 30000\)/);
    assert.match(formatSummaryTable(result, { color: false }), /, 30000 inconclusive/);
  });
});
