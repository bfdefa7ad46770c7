import { strict as assert } from 'node:assert';
import { splitSentences, stem, tokenize } from '../../../src/engine/targets/builtin/textTokens';

describe('textTokens', () => {
  it('lowercases, drops stop words and folds plurals', () => {
    assert.deepEqual(tokenize('How do I reset my Passwords?'), ['reset', 'password']);
    assert.deepEqual(tokenize('The policies of the companies'), ['policy', 'company']);
    assert.deepEqual(tokenize("What's the customer's refund window"), ['customer', 'refund', 'window']);
  });

  it('keeps numbers and words that only look plural', () => {
    assert.deepEqual(tokenize('30 days status bus analysis'), ['30', 'day', 'status', 'bus', 'analysis']);
  });

  it('stems lightly', () => {
    assert.equal(stem('boxes'), 'box');
    assert.equal(stem('classes'), 'class');
    assert.equal(stem('glass'), 'glass');
    assert.equal(stem('cats'), 'cat');
    assert.equal(stem('its'), 'its');
  });

  it('splits sentences without breaking decimals or abbreviations in lowercase', () => {
    assert.deepEqual(splitSentences('Plans cost 9.99 per month. Refunds take 5 days! Why? e.g. this stays.'), [
      'Plans cost 9.99 per month.',
      'Refunds take 5 days!',
      'Why? e.g. this stays.',
    ]);
    assert.deepEqual(splitSentences('Line one\nLine two'), ['Line one', 'Line two']);
  });
});
