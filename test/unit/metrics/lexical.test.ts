import { strict as assert } from 'node:assert';
import { answerSimilarity, exactMatch, lcsLength, rougeL, tokenF1 } from '../../../src/engine/metrics/lexical';

const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('metrics/lexical', () => {
  it('exact match compares normalised texts', () => {
    assert.equal(exactMatch('The Paris!', 'paris'), 1);
    assert.equal(exactMatch('Paris, France', 'Paris'), 0);
  });

  it('token F1: 3 shared tokens of 4 and 4 → 0.75', () => {
    // pred: cat sat on mat; ref: cat is on mat; shared cat, on, mat.
    close(tokenF1('the cat sat on the mat', 'the cat is on the mat'), 0.75);
  });

  it('token F1 counts repeated tokens as a multiset', () => {
    // pred x x y, ref x y y: shared x once and y once → P = R = 2/3.
    close(tokenF1('x x y', 'x y y'), 2 / 3);
  });

  it('token F1 of empty texts is 0 (SQuAD v1.1), while their exact match is 1', () => {
    assert.equal(tokenF1('', ''), 0);
    assert.equal(exactMatch('', ''), 1);
    assert.equal(tokenF1('the', 'x'), 0);
    assert.equal(tokenF1('x', ''), 0);
    assert.equal(tokenF1('abc', 'xyz'), 0);
  });

  it('LCS of the textbook example is 4 (BCBA)', () => {
    assert.equal(lcsLength([...'ABCBDAB'], [...'BDCABA']), 4);
    assert.equal(lcsLength([], ['a']), 0);
  });

  it('ROUGE-L: "police killed the gunman" vs "police kill the gunman" → 3/4 (articles count, no stemming)', () => {
    close(rougeL('police killed the gunman', 'police kill the gunman'), 3 / 4);
  });

  it('ROUGE-L is order-sensitive where token F1 is not', () => {
    close(rougeL('b c x', 'x b c'), 2 / 3);
    close(tokenF1('b c x', 'x b c'), 1);
  });

  it('ROUGE-L weighs precision and recall: LCS 2 of 2 and 4 → 2/3', () => {
    // P = 1, R = 0.5 → F = 2·0.5/1.5.
    close(rougeL('x y', 'x y z w'), 2 / 3);
    assert.equal(rougeL('', ''), 0);
  });

  it('answer similarity is symmetric token F1', () => {
    close(answerSimilarity('Paris is the capital', 'The capital is Paris'), 1);
    close(answerSimilarity('a b c d', 'b c d e'), answerSimilarity('b c d e', 'a b c d'));
    // Two empty answers are the same answer, though SQuAD F1 scores them 0.
    assert.equal(answerSimilarity('', ''), 1);
  });
});

describe('tokenRecall', () => {
  it('is the share of the expected tokens the answer contains, not punishing a full sentence', async () => {
    const { tokenRecall, tokenF1 } = await import('../../../src/engine/metrics/lexical');
    const answer = 'The Free plan includes 5 GB of storage and file sync on up to 3 devices.';
    assert.equal(tokenRecall(answer, '5 GB'), 1);
    assert.ok(tokenF1(answer, '5 GB') < 0.3);
    assert.equal(tokenRecall(answer, '10 GB'), 0.5);
    assert.equal(tokenRecall('I like turtles.', '5 GB'), 0);
    // Repeated expected tokens must each be found.
    assert.equal(tokenRecall('yes', 'yes yes'), 0.5);
  });
});
