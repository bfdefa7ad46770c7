import { strict as assert } from 'node:assert';
import Ajv from 'ajv';
import { checkAnswerSchema, extractJson } from '../../../src/engine/metrics/schemaCheck';

const validate = new Ajv({ allErrors: true }).compile({
  type: 'object',
  required: ['answer', 'age'],
  properties: { answer: { type: 'string' }, age: { type: 'integer' } },
});

describe('metrics/schemaCheck', () => {
  it('scores a valid JSON answer 1', () => {
    assert.deepEqual(checkAnswerSchema('{"answer": "Paris", "age": 3}', validate), { value: 1 });
  });

  it('accepts a ```json fence around the answer', () => {
    assert.equal(extractJson('```json\n{"a": 1}\n```'), '{"a": 1}');
    assert.equal(checkAnswerSchema('```json\n{"answer": "x", "age": 1}\n```', validate).value, 1);
  });

  it('scores text that is not JSON 0 with the reason', () => {
    const r = checkAnswerSchema('Paris is the capital.', validate);
    assert.equal(r.value, 0);
    assert.equal(r.reason, 'the answer is not JSON');
  });

  it('scores JSON breaking the schema 0 with ajv messages', () => {
    const r = checkAnswerSchema('{"answer": "Paris", "age": "three"}', validate);
    assert.equal(r.value, 0);
    assert.deepEqual(r.errors, ['/age must be integer']);
  });
});
