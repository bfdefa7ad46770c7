import { strict as assert } from 'node:assert';
import { analysisNote, analysisPrefix, DEFAULT_ANALYSED_CHARS, maxAnalysedChars, tokenize } from '../../../src/engine/metrics/text';
import {
  answerSimilarity,
  exactMatch,
  lcsLength,
  ROUGE_L_MAX_TOKENS,
  rougeL,
  tokenF1,
  tokenRecall,
} from '../../../src/engine/metrics/lexical';
import { answerRelevancy, contextRecall, faithfulness } from '../../../src/engine/metrics/ragMetrics';

const MB = 1 << 20;
const make = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

describe('the analysis prefix of long answers', () => {
  it('keeps a short answer whole and cuts a long one at the limit, saying so', () => {
    assert.deepEqual(analysisPrefix('short'), { text: 'short', truncated: false, totalChars: 5 });
    assert.deepEqual(analysisNote(analysisPrefix('short')), {});
    const long = analysisPrefix(make('a.', MB));
    assert.equal(long.text.length, DEFAULT_ANALYSED_CHARS);
    assert.equal(long.truncated, true);
    assert.deepEqual(analysisNote(long), {
      analysed_chars: DEFAULT_ANALYSED_CHARS,
      analysis_note: `the answer has ${MB} characters; only the first ${DEFAULT_ANALYSED_CHARS} were analysed`,
    });
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀tail`;
    assert.equal(analysisPrefix(text, 10).text, 'a'.repeat(9));
    assert.equal(analysisPrefix(text, 11).text, `${'a'.repeat(9)}😀`);
  });

  it('reads the limit from the profile (limits.max_analysed_chars), else 64 KB', () => {
    assert.equal(maxAnalysedChars({}), 65_536);
    assert.equal(maxAnalysedChars({ limits: { max_analysed_chars: 2048 } }), 2048);
  });
});

describe('metrics on hostile answers', function () {
  this.timeout(30_000);
  const expected = 'The Eiffel Tower is in Paris and was completed in 1889.';

  it('bounds ROUGE-L to its first tokens on each side, whatever the lengths', () => {
    const a = make('alpha beta gamma ', MB);
    const b = make('beta gamma alpha ', MB);
    const cut = (t: string) => tokenize(t).slice(0, ROUGE_L_MAX_TOKENS);
    const l = lcsLength(cut(a), cut(b));
    assert.equal(rougeL(a, b), l / ROUGE_L_MAX_TOKENS);
    assert.equal(rougeL(`${expected} ${make('x ', MB)}`, expected) > 0, true);
  });

  for (const unit of ['a.', 'x', '12-', 'aBcDeFgHiJ', 'john.doe-smith_x+', 'the tower is in paris. ']) {
    it(`scores 1 MB of ${JSON.stringify(unit)} with every lexical and RAG metric`, () => {
      const answer = make(unit, MB);
      assert.equal(exactMatch(answer, expected), 0);
      for (const v of [
        tokenRecall(answer, expected),
        tokenF1(answer, expected),
        rougeL(answer, expected),
        answerSimilarity(answer, expected),
      ])
        assert.ok(v >= 0 && v <= 1);
      const contexts = ['The Eiffel Tower is a lattice tower in Paris, completed in 1889.', answer];
      const recall = contextRecall({ expectedAnswer: expected, contexts });
      assert.ok(recall.value !== null && recall.value >= 0 && recall.value <= 1);
      const faith = faithfulness(answer, contexts);
      assert.ok(faith.claims >= 0);
      assert.ok((answerRelevancy('Where is the Eiffel Tower?', answer).value ?? 0) <= 1);
    });
  }
});
