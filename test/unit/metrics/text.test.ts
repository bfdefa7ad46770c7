import { strict as assert } from 'node:assert';
import { contentTerms, normalizeAnswer, splitSentences, stem, tokenize } from '../../../src/engine/metrics/text';

describe('metrics/text', () => {
  it('normalises like SQuAD: lowercase, no punctuation, no articles, single spaces', () => {
    assert.equal(normalizeAnswer('The Eiffel-Tower!'), 'eiffeltower');
    assert.equal(normalizeAnswer('  A  cat, an Apple and THE dog. '), 'cat apple and dog');
    assert.equal(normalizeAnswer('The theory of an anthem'), 'theory of anthem');
    assert.equal(normalizeAnswer('$5 + 3%'), '5 3');
    // An article is a whole word in any script: "año" and "ação" keep their leading "a".
    assert.equal(normalizeAnswer('A ação, el año, the über-cool'), 'ação el año übercool');
    assert.equal(normalizeAnswer('a\u0301gua'), 'a\u0301gua');
  });

  it('tokenises the normalised text', () => {
    assert.deepEqual(tokenize('The cat sat on the mat.'), ['cat', 'sat', 'on', 'mat']);
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' !? '), []);
  });

  it('stems plurals lightly and leaves other words alone', () => {
    assert.equal(stem('passages'), 'passage');
    assert.equal(stem('policies'), 'policy');
    assert.equal(stem('boxes'), 'box');
    assert.equal(stem('watches'), 'watch');
    assert.equal(stem('cats'), 'cat');
    assert.equal(stem('class'), 'class');
    assert.equal(stem('analysis'), 'analysis');
    assert.equal(stem('bus'), 'bus');
    assert.equal(stem('gas'), 'gas');
  });

  it('keeps content terms only', () => {
    assert.deepEqual(contentTerms('What is the capital of France?'), ['capital', 'france']);
    assert.deepEqual(contentTerms("Don't tell me how it works"), ['work']);
  });

  it('splits sentences at . ! ? and line breaks, not inside numbers', () => {
    assert.deepEqual(splitSentences('Paris is big. It has 3.5 million people!\nYes'), [
      'Paris is big.',
      'It has 3.5 million people!',
      'Yes',
    ]);
    assert.deepEqual(splitSentences('  '), []);
  });
});
