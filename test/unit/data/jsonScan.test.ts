import { strict as assert } from 'node:assert';
import { memberOf, nodeAtPointer, scanJson } from '../../../src/engine/data/readers/jsonScan';

describe('scanJson', () => {
  const fail = (text: string) => {
    const s = scanJson(text);
    assert.equal(s.ok, false, text);
    return s as Extract<typeof s, { ok: false }>;
  };

  it('accepts what JSON.parse accepts and keeps key and value offsets', () => {
    const text = '{"a": [1, -2.5e3, true, null], "b\\"c": {"d": "x\\u00e9"}}';
    const s = scanJson(text);
    assert.ok(s.ok);
    const a = memberOf(s.root, 'a')!;
    assert.equal(text.slice(a.keyStart, a.keyEnd), '"a"');
    assert.equal(text.slice(a.value.start, a.value.end), '[1, -2.5e3, true, null]');
    const d = nodeAtPointer(s.root, '/b"c/d');
    assert.equal(d.type === 'string' && d.value, 'xé');
    assert.equal(nodeAtPointer(s.root, '/a/1').start, text.indexOf('-2.5e3'));
    assert.equal(nodeAtPointer(s.root, '/a/9'), a.value, 'deepest node found');
  });

  it('explains failures at the offending offset', () => {
    assert.deepEqual([fail('{"a": 1,}').offset, fail('{"a": 1,}').message], [7, 'trailing comma before }']);
    // At the comma itself, not at the whitespace or indentation before the bracket.
    assert.equal(fail('{\n  "a": 1,\n  }').offset, 10);
    assert.deepEqual([fail('[1, 2 ,\n ]').offset, fail('[1, 2 ,\n ]').message], [6, 'trailing comma before ]']);
    assert.equal(fail('{"a" 1}').offset, 5);
    assert.match(fail("{'a': 1}").message, /double quotes/);
    assert.match(fail('{"a": None}').message, /None \(use null\)/);
    assert.match(fail('{"a": hello}').message, /need double quotes/);
    assert.equal(fail('{"a": "x').offset, 6);
    assert.match(fail('{"a": "x').message, /unterminated string/);
    assert.match(fail('{"a": 1} x').message, /after the end/);
    assert.match(fail('{"a": "\\q"}').message, /invalid escape/);
    assert.match(fail('{"a": "\t"}').message, /raw tab/);
    assert.equal(fail('').length, 0);
    assert.match(fail('[1, 2').message, /not closed with \]/);
    assert.match(fail('{"a": 01}').message, /after a property value/);
  });

  it('never accepts what JSON.parse rejects (and vice versa) on a sample of inputs', () => {
    const samples = [
      '{}',
      '[]',
      '1',
      '"s"',
      'true',
      '{"a":[{}]}',
      '{"a":1,}',
      '[,]',
      '[1,]',
      '{"a"}',
      '01',
      '-',
      '1.',
      '.5',
      '1e',
      '"\\u12"',
      'nul',
      '{"a":1}}',
      ' {"a" : 1 } ',
      '"\u0001"',
    ];
    for (const s of samples) {
      let parses = true;
      try {
        JSON.parse(s);
      } catch {
        parses = false;
      }
      assert.equal(scanJson(s).ok, parses, s);
    }
  });
});
