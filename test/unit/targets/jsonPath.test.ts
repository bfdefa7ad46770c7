import { strict as assert } from 'node:assert';
import { evaluateJsonPath, JsonPathError, parseJsonPath } from '../../../src/engine/targets/http/jsonPath';

describe('jsonPath', () => {
  const doc = {
    answer: 'forty-two',
    data: { reply: 'hi', sources: [{ text: 'a' }, { text: 'b' }, { id: 3 }] },
    'odd key': { 'x.y': 1 },
    list: [10, 20, 30],
  };

  it('selects the root', () => {
    assert.deepEqual(evaluateJsonPath(doc, '$'), [doc]);
  });

  it('follows dotted and bracketed keys', () => {
    assert.deepEqual(evaluateJsonPath(doc, '$.answer'), ['forty-two']);
    assert.deepEqual(evaluateJsonPath(doc, '$.data.reply'), ['hi']);
    assert.deepEqual(evaluateJsonPath(doc, "$['odd key']['x.y']"), [1]);
    assert.deepEqual(evaluateJsonPath(doc, '$["data"]["reply"]'), ['hi']);
  });

  it('indexes arrays, negative from the end', () => {
    assert.deepEqual(evaluateJsonPath(doc, '$.list[0]'), [10]);
    assert.deepEqual(evaluateJsonPath(doc, '$.list[-1]'), [30]);
    assert.deepEqual(evaluateJsonPath(doc, '$.list[5]'), []);
  });

  it('expands wildcards over arrays and objects, skipping missing keys', () => {
    assert.deepEqual(evaluateJsonPath(doc, '$.data.sources[*].text'), ['a', 'b']);
    assert.deepEqual(evaluateJsonPath(doc, '$.data.*'), ['hi', doc.data.sources]);
  });

  it('returns nothing for paths that do not exist or cross scalars', () => {
    assert.deepEqual(evaluateJsonPath(doc, '$.missing.deeper'), []);
    assert.deepEqual(evaluateJsonPath(doc, '$.answer.length'), []);
    assert.deepEqual(evaluateJsonPath(doc, '$.list.key'), []);
  });

  it('does not reach inherited properties', () => {
    assert.deepEqual(evaluateJsonPath({}, '$.constructor'), []);
  });

  it('rejects what it does not support, with the position', () => {
    assert.throws(() => parseJsonPath('answer'), JsonPathError);
    assert.throws(() => parseJsonPath('$..text'), /recursive descent/);
    assert.throws(() => parseJsonPath('$.a[?(@.x)]'), /filter/);
    assert.throws(() => parseJsonPath('$.a[0:2]'), /slices/);
    assert.throws(() => parseJsonPath('$.a[0'), /missing '\]'/);
    assert.throws(() => parseJsonPath('$.a b'), /position 4/);
  });
});
