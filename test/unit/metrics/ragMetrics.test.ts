import { strict as assert } from 'node:assert';
import { answerRelevancy, contextRecall, faithfulness, isPassageIdList } from '../../../src/engine/metrics/ragMetrics';

const close = (actual: number | null, expected: number): void =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('metrics/ragMetrics', () => {
  describe('context recall', () => {
    it('text-based: share of the expected answer terms found in the contexts', () => {
      // expected terms: paris, capital, france; contexts have paris and france.
      const r = contextRecall({ expectedAnswer: 'Paris is the capital of France', contexts: ['Paris is a city in France.'] });
      close(r.value, 2 / 3);
      assert.equal(r.mode, 'text');
    });

    it('id-based when the qaset names passages and the target returns ids', () => {
      const r = contextRecall({
        expectedAnswer: 'x',
        expectedContexts: ['p1', 'p2'],
        passageIds: new Set(['p1', 'p2', 'p3']),
        contexts: ['text'],
        contextIds: ['p2', 'p3'],
      });
      close(r.value, 0.5);
      assert.equal(r.mode, 'ids');
    });

    it('falls back to text when the target returns no ids', () => {
      const r = contextRecall({
        expectedAnswer: 'Refunds take ten days',
        expectedContexts: ['p1'],
        passageIds: new Set(['p1']),
        contexts: ['Refunds take ten days.'],
      });
      close(r.value, 1);
      assert.equal(r.mode, 'text');
    });

    it('uses text when the qaset contexts are texts, not known ids', () => {
      const r = contextRecall({
        expectedAnswer: 'ten days',
        expectedContexts: ['Refunds take ten days.'],
        passageIds: new Set(['p1']),
        contexts: ['It takes ten days.'],
        contextIds: ['p1'],
      });
      close(r.value, 1);
      assert.equal(r.mode, 'text');
    });

    it('is unmeasured when the target returned no contexts', () => {
      const r = contextRecall({ expectedAnswer: 'Paris', contexts: [' '] });
      assert.equal(r.value, null);
      assert.match(r.reason ?? '', /no contexts/);
    });

    it('tells id lists from texts', () => {
      assert.equal(isPassageIdList(['doc-1', 'doc-2']), true);
      assert.equal(isPassageIdList(['Paris is a city']), false);
      assert.equal(isPassageIdList(['p9'], new Set(['p1'])), false);
      assert.equal(isPassageIdList([]), false);
    });
  });

  describe('faithfulness', () => {
    it('counts claims whose terms are at least half in the contexts', () => {
      // context terms: paris capital france host louvre.
      // claim 1: paris capital france 3/3; claim 2: louvre museum 1/2 (supported); claim 3: banana yellow fruit 0/3.
      const r = faithfulness('Paris is the capital of France. It has the Louvre museum. Bananas are yellow fruit.', [
        'Paris, the capital of France, hosts the Louvre.',
      ]);
      close(r.value, 2 / 3);
      assert.equal(r.claims, 3);
      assert.equal(r.supported, 2);
      assert.deepEqual(r.unsupported, ['Bananas are yellow fruit.']);
    });

    it('is unmeasured without context text or without content in the answer', () => {
      assert.equal(faithfulness('Paris.', []).value, null);
      const r = faithfulness('It is.', ['Paris']);
      assert.equal(r.value, null);
      assert.match(r.reason ?? '', /no content/);
    });
  });

  describe('answer relevancy', () => {
    it('is the share of the question terms the answer covers', () => {
      close(answerRelevancy('What is the capital of France?', 'The capital of France is Paris.').value, 1);
      // question terms: wrote hamlet macbeth; the answer has wrote and hamlet.
      close(answerRelevancy('Who wrote Hamlet and Macbeth?', 'Shakespeare wrote Hamlet.').value, 2 / 3);
      close(answerRelevancy('What is the capital of France?', 'Paris.').value, 0);
    });

    it('is unmeasured for a question without content terms', () => {
      assert.equal(answerRelevancy('What is it?', 'Something').value, null);
    });
  });
});
