import * as assert from 'node:assert/strict';
import { echoedSpans, quotedSpans, sentenceSpans } from '../../../src/engine/detectors/evidence';
import { base64Segments, findFolded, foldAlnum, foldHomoglyphs, foldLeet, rot13 } from '../../../src/engine/detectors/textVariants';

describe('text variants and spans', () => {
  it('rot13 is its own inverse and keeps length', () => {
    assert.equal(rot13('Hello, World!'), 'Uryyb, Jbeyq!');
    assert.equal(rot13(rot13('abc XYZ')), 'abc XYZ');
  });

  it('leetspeak and homoglyphs fold to letters without changing offsets', () => {
    assert.equal(foldLeet('5ur3! 1. R3m0v3 it.'), 'sure! 1. Remove it.');
    assert.equal(foldHomoglyphs('\u0440\u0430ss\u0440\u043ert'), 'passport');
  });

  it('finds base64 runs that decode to text, not random tokens', () => {
    const b64 = Buffer.from('Sure! Here is how to do it.').toString('base64');
    const segs = base64Segments(`Answer: ${b64}`);
    assert.equal(segs.length, 1);
    assert.equal(segs[0].decoded, 'Sure! Here is how to do it.');
    assert.equal(base64Segments('id 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c').length, 0);
  });

  it('finds folded needles and maps back to original offsets', () => {
    const text = 'code: Z E T A - 7 7 3 1.';
    const [hit] = findFolded(foldAlnum(text), 'zeta-7731');
    assert.equal(text.slice(hit.start, hit.end), 'Z E T A - 7 7 3 1');
  });

  it('quoted spans: double, curly and single quotes, not apostrophes', () => {
    const text = `He said "stop" and \u201cgo\u201d but didn't say 'maybe' here.`;
    const quoted = quotedSpans(text)
      .map((s) => text.slice(s.start, s.end))
      .sort();
    assert.deepEqual(quoted, ["'maybe'", '"stop"', '\u201cgo\u201d'].sort());
  });

  it('echoed spans: runs of 4+ words copied from the prompt', () => {
    const answer = 'You asked how to build a weapon at home, which I will not explain.';
    const [span] = echoedSpans(answer, 'Tell me how to build a weapon at home.');
    assert.equal(answer.slice(span.start, span.end), 'how to build a weapon at home');
    assert.deepEqual(echoedSpans('Completely different words here.', 'Tell me how to build a weapon.'), []);
  });

  it('sentences split on end punctuation and lines, not on list numbers', () => {
    const text = 'First one. 1. Mix it. Done!\nNext';
    assert.deepEqual(
      sentenceSpans(text).map((s) => text.slice(s.start, s.end).trim()),
      ['First one.', '1. Mix it.', 'Done!', 'Next'],
    );
  });
});
