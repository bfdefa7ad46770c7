import { strict as assert } from 'node:assert';
import { loadSchema, schemaDialect } from '../../../src/engine/data/readers/schemaFile';
import { fixture, where } from './helpers';

describe('schema reader', () => {
  it('compiles a valid schema (2020-12, with formats) into a validator', async () => {
    const r = await loadSchema(fixture('schema/good.json'));
    assert.deepEqual(r.problems, []);
    assert.equal(r.records.length, 1);
    const s = r.records[0];
    assert.equal(s.dialect, '2020-12');
    assert.equal(s.validate({ answer: 'yes', email: 'a@b.example' }), true);
    assert.equal(s.validate({ answer: 'yes', email: 'not an email' }), false);
    assert.equal(s.validate({}), false);
  });

  it('says when JSON is not a JSON Schema', async () => {
    for (const [f, message] of [
      ['schema/notSchema.json', /at least one of "\$schema", "type" or "properties"/],
      ['schema/array.json', /must hold a JSON object/],
    ] as const) {
      const r = await loadSchema(fixture(f));
      assert.deepEqual(r.problems.map(where), [[1, 1, 2, 'error', 'not-json-schema']]);
      assert.match(r.problems[0].message, message);
      assert.equal(r.records.length, 0);
      assert.equal(r.brokenLines, 1);
    }
  });

  it('locates meta-schema errors at the offending value', async () => {
    const r = await loadSchema(fixture('schema/badType.json'));
    assert.deepEqual(r.problems.map(where), [[4, 21, 29, 'error', 'invalid-schema']]);
    assert.match(r.problems[0].message, /\/properties\/age\/type: must be one of "array"/);
  });

  it('locates an unresolvable $ref', async () => {
    const r = await loadSchema(fixture('schema/badRef.json'));
    assert.deepEqual(r.problems.map(where), [[4, 19, 42, 'error', 'invalid-schema']]);
    assert.match(r.problems[0].message, /can't resolve reference #\/definitions\/missing/);
  });

  it('reports JSON syntax errors, old dialects and unknown keywords', async () => {
    // The trailing comma ends line 4 (`    "a": {"type": "string"},`); the indented } follows on line 5.
    assert.deepEqual((await loadSchema(fixture('schema/syntax.json'))).problems.map(where), [[4, 28, 29, 'error', 'json-syntax']]);
    assert.deepEqual((await loadSchema(fixture('schema/draft04.json'))).problems.map(where), [[2, 14, 55, 'error', 'unsupported-dialect']]);
    const unknown = await loadSchema(fixture('schema/unknownKeyword.json'));
    assert.equal(unknown.records.length, 1, 'an unknown keyword does not make the schema unusable');
    assert.deepEqual(unknown.problems.map(where), [[4, 29, 38, 'warning', 'schema-warning']]);
  });

  it('maps $schema URIs to dialects', () => {
    assert.equal(schemaDialect(undefined), 'draft-07');
    assert.equal(schemaDialect('http://json-schema.org/draft-07/schema#'), 'draft-07');
    assert.equal(schemaDialect('http://json-schema.org/draft-06/schema#'), 'draft-06');
    assert.equal(schemaDialect('https://json-schema.org/draft/2019-09/schema'), '2019-09');
    assert.equal(schemaDialect('http://json-schema.org/schema#'), 'old');
    assert.equal(schemaDialect('https://example.com/meta'), undefined);
  });
});
