import { strict as assert } from 'node:assert';
import { correctnessTask, faithfulnessTask, JUDGE_FIELD_MAX_CHARS, parseVerdict, renderTask } from '../../../src/engine/judge/judgeTasks';

describe('judge/judgeTasks', () => {
  it('reads a strict JSON verdict', () => {
    assert.deepEqual(parseVerdict('{"score": 0.9, "reason": "matches"}'), {
      score: 0.9,
      reason: 'matches',
      raw: '{"score": 0.9, "reason": "matches"}',
    });
    assert.equal(parseVerdict('```json\n{"score": 1, "reason": "ok"}\n```').score, 1);
    assert.equal(parseVerdict('{"score": 0}').reason, 'no reason given');
  });

  it('leaves anything else unmeasured with the reason and the raw reply', () => {
    const prose = parseVerdict('I would say 0.8 because it is mostly right.');
    assert.equal(prose.score, null);
    assert.match(prose.reason, /unparseable judge verdict/);
    assert.equal(prose.raw, 'I would say 0.8 because it is mostly right.');
    assert.equal(parseVerdict('{"score": 1.5, "reason": "x"}').score, null);
    assert.equal(parseVerdict('{"score": "0.5"}').score, null);
    assert.equal(parseVerdict('[0.5]').score, null);
    assert.equal(parseVerdict('null').score, null);
  });

  it('renders the fields between delimiters and cuts long texts', () => {
    const text = renderTask(correctnessTask('Q?', 'Paris', 'x'.repeat(JUDGE_FIELD_MAX_CHARS + 10)));
    assert.match(text, /Criterion: correctness\./);
    assert.match(text, /EXPECTED ANSWER:\n<<<Paris>>>/);
    assert.match(text, /…\[cut\]>>>/);
    const faith = renderTask(faithfulnessTask('Q?', 'A.', ['one', 'two']));
    assert.match(faith, /<<<\[1\] one\n\[2\] two>>>/);
  });
});
