import { strict as assert } from 'node:assert';
import { exactMatch, rougeL, rougeLUnicode, tokenF1 } from '../../../src/engine/metrics/lexical';

// [prediction, reference, exact_match, f1, rouge_l, rouge_l_unicode], printed by
// test/fixtures/metrics/referenceMetrics.py: the SQuAD v1.1 evaluation script's
// definitions, Google rouge_score's default ROUGE-L and our Unicode variant,
// written in Python independently of the TypeScript under test.
const REFERENCE: readonly (readonly [string, string, number, number, number, number])[] = [
  ['Paris', 'Paris', 1.0, 1.0, 1.0, 1.0],
  ['The Paris!', 'paris', 1.0, 1.0, 0.666666666667, 0.666666666667],
  ['Paris, France', 'Paris', 0.0, 0.666666666667, 0.666666666667, 0.666666666667],
  ['the cat sat on the mat', 'the cat is on the mat', 0.0, 0.75, 0.833333333333, 0.833333333333],
  ['police killed the gunman', 'police kill the gunman', 0.0, 0.666666666667, 0.75, 0.75],
  ['x x y', 'x y y', 0.0, 0.666666666667, 0.666666666667, 0.666666666667],
  ['b c x', 'x b c', 0.0, 1.0, 0.666666666667, 0.666666666667],
  ['', '', 1.0, 0.0, 0.0, 0.0],
  ['', 'Paris', 0.0, 0.0, 0.0, 0.0],
  ['Paris', '', 0.0, 0.0, 0.0, 0.0],
  ['the', 'a', 1.0, 0.0, 0.0, 0.0],
  ['!!!', '...', 1.0, 0.0, 0.0, 0.0],
  ['It costs $4.99 per month.', '$4.99 per month', 0.0, 0.75, 0.8, 0.8],
  ['The Plus plan costs $4.99/month', '$4.99 per month', 0.0, 0.0, 0.545454545455, 0.545454545455],
  ['4.99', '$4,99', 1.0, 1.0, 1.0, 1.0],
  ['You save 20% by paying annually.', '20%', 0.0, 0.285714285714, 0.285714285714, 0.285714285714],
  ['The Free plan includes 5 GB of storage.', '5 GB', 0.0, 0.444444444444, 0.4, 0.4],
  ['10GB', '10 GB', 0.0, 0.0, 0.0, 0.0],
  ['a minimum of 3 users', 'A minimum of three users', 0.0, 0.75, 0.8, 0.8],
  ['An apple a day', 'the apple each day', 0.0, 0.8, 0.5, 0.5],
  ['Anthem of the theory', 'an anthem, the theory', 0.0, 0.8, 0.75, 0.75],
  ['state-of-the-art model', 'state of the art model', 0.0, 0.333333333333, 1.0, 1.0],
  ['e-mail', 'email', 1.0, 1.0, 0.0, 0.0],
  ['Visa, Mastercard, American Express and PayPal', 'Visa, Mastercard, American Express, and PayPal', 1.0, 1.0, 1.0, 1.0],
  [
    'within 14 days of the first payment',
    'Refunds are possible within 14 days of your first payment.',
    0.0,
    0.75,
    0.705882352941,
    0.705882352941,
  ],
  [
    'the account is downgraded to the Free plan',
    'After the grace period the account goes back to the Free plan.',
    0.0,
    0.533333333333,
    0.6,
    0.6,
  ],
  ["it's the user's file", 'its the users file', 1.0, 1.0, 0.4, 0.4],
  ["don't", 'do not', 0.0, 0.0, 0.0, 0.0],
  ['Caf\u00e9 au lait', 'cafe au lait', 0.0, 0.666666666667, 0.666666666667, 0.666666666667],
  ['na\u00efve approach', 'naive approach', 0.0, 0.5, 0.4, 0.5],
  ['a\u00f1o a a\u00e7\u00e3o', 'el a\u00f1o y la a\u00e7\u00e3o', 0.0, 0.571428571429, 0.666666666667, 0.5],
  ['Stra\u00dfe', 'strasse', 0.0, 0.0, 0.0, 0.0],
  [
    '\u6771\u4eac\u306f\u65e5\u672c\u306e\u9996\u90fd\u3067\u3059',
    '\u65e5\u672c\u306e\u9996\u90fd\u306f\u6771\u4eac\u3067\u3059',
    0.0,
    0.0,
    0.0,
    0.7,
  ],
  [
    '\u041c\u043e\u0441\u043a\u0432\u0430 \u0441\u0442\u043e\u043b\u0438\u0446\u0430 \u0420\u043e\u0441\u0441\u0438\u0438',
    '\u0441\u0442\u043e\u043b\u0438\u0446\u0430 \u0420\u043e\u0441\u0441\u0438\u0438 \u041c\u043e\u0441\u043a\u0432\u0430',
    0.0,
    1.0,
    0.0,
    0.666666666667,
  ],
  ['\u00abHello\u00bb \u2014 world\u2026', 'hello world', 0.0, 0.0, 1.0, 1.0],
  ['\uff21\uff22\uff23\uff11\uff12\uff13', 'abc123', 0.0, 0.0, 0.0, 1.0],
  ['\ufb01le size', 'file size', 0.0, 0.5, 0.5, 1.0],
  ['C++ and C#', 'c and c', 1.0, 1.0, 1.0, 1.0],
  ['version 3.5.1', 'version 3 5 1', 0.0, 0.333333333333, 1.0, 1.0],
  ['1,000,000 users', '1000000 users', 1.0, 1.0, 0.333333333333, 0.333333333333],
  ['under_score', 'under score', 0.0, 0.0, 1.0, 1.0],
  ['The answer is: yes', 'yes', 0.0, 0.5, 0.4, 0.4],
  ["\u216b o'clock", 'xii oclock', 0.0, 0.5, 0.0, 0.4],
  ['\u0130stanbul', 'istanbul', 0.0, 0.0, 0.0, 0.0],
  ['a\u0301gua fria', '\u00e1gua fria', 0.0, 0.5, 0.8, 1.0],
  ['tab\tand\u00a0nbsp', 'tab and nbsp', 1.0, 1.0, 1.0, 1.0],
  ['one\u001ftwo\ufeff', 'one two', 0.0, 0.5, 1.0, 1.0],
];

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('metrics equal their reference definitions', () => {
  it('has at least 30 reference pairs', () => assert.ok(REFERENCE.length >= 30));

  for (const [prediction, reference, em, f1, rouge, rougeUnicode] of REFERENCE) {
    it(`${JSON.stringify(prediction)} vs ${JSON.stringify(reference)}`, () => {
      close(exactMatch(prediction, reference), em, 'exact_match');
      close(tokenF1(prediction, reference), f1, 'f1');
      close(rougeL(prediction, reference), rouge, 'rouge_l');
      close(rougeLUnicode(prediction, reference), rougeUnicode, 'rouge_l_unicode');
    });
  }
});
