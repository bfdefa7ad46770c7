import { strict as assert } from 'node:assert';
import { loadPiiPatterns, parsePiiPatterns } from '../../../src/engine/data/readers/piiPatterns';
import { ProblemSink } from '../../../src/engine/data/problems/problemSink';
import { DATA_PROBLEM_CODES as C } from '../../../src/engine/data/problems/problemCodes';
import { colOf, fixture, fixtureLine, problemAt, where } from './helpers';

describe('pii_patterns reader', () => {
  const rel = 'pii/bad.json';
  const line = (n: number) => fixtureLine(rel, n);
  const valueAt = (n: number, needle: string): [number, number] => [n, colOf(line(n), needle)];

  it('loads the good patterns compiled for global matching', async () => {
    const r = await loadPiiPatterns(fixture(rel));
    assert.deepEqual(
      r.records.map((p) => [p.name, p.line, p.validator]),
      [
        ['email', 2, undefined],
        ['matches_empty', 9, undefined],
        ['no_description', 12, 'luhn'],
      ],
    );
    assert.equal(r.brokenLines, 8);
    const email = r.records[0];
    assert.equal(email.description, 'Email');
    assert.ok(email.regex.global);
    assert.deepEqual('a@b.io and c@d.org'.match(email.regex), ['a@b.io', 'c@d.org']);
    assert.equal(r.records[2].description, 'no_description', 'falls back to the name');
  });

  it('locates an invalid regular expression at the pattern string, with a hint for Python syntax', async () => {
    const r = await loadPiiPatterns(fixture(rel));
    const py = problemAt(r.problems, 3, C.invalidRegex);
    assert.deepEqual(where(py).slice(0, 2), valueAt(3, '"(?P<'));
    assert.equal(py.range.end.column, colOf(line(3), ', "description"'));
    assert.match(
      py.message,
      /"python_group" is not a valid JavaScript regular expression: Invalid group \(named groups are written \(\?<name>…\)/,
    );
    assert.deepEqual(where(problemAt(r.problems, 4, C.invalidRegex)), [
      4,
      colOf(line(4), '"(abc"'),
      colOf(line(4), '"(abc"') + 6,
      'error',
      'invalid-regex',
    ]);
    assert.deepEqual(where(problemAt(r.problems, 10, C.invalidRegex)).slice(0, 2), valueAt(10, '"iq"'));
  });

  it('reports duplicates, unknown validators, missing and misnamed patterns, non-objects and warnings', async () => {
    const r = await loadPiiPatterns(fixture(rel));
    const dup = problemAt(r.problems, 5, C.duplicateId);
    assert.deepEqual(where(dup), [5, 3, 10, 'error', 'duplicate-id']);
    assert.equal(dup.related?.[0].range.start.line, 2);
    assert.deepEqual(where(problemAt(r.problems, 6, C.unknownValidator)).slice(0, 2), valueAt(6, '"crc32"'));
    assert.deepEqual(where(problemAt(r.problems, 7, C.missingField)).slice(0, 2), [7, 3]);
    assert.deepEqual(problemAt(r.problems, 8, C.missingField).fix, { kind: 'replace', text: '"pattern"', title: 'Rename to "pattern"' });
    assert.deepEqual(where(problemAt(r.problems, 9, C.emptyMatch)), [
      9,
      colOf(line(9), '"a*"'),
      colOf(line(9), '"a*"') + 4,
      'warning',
      'empty-match',
    ]);
    assert.deepEqual(where(problemAt(r.problems, 11, C.wrongType)).slice(0, 2), valueAt(11, '"\\\\d+"'));
    assert.equal(problemAt(r.problems, 12, C.missingField).severity, 'warning');
    assert.equal(problemAt(r.problems, 12, C.unknownField).severity, 'warning');
  });

  it('wants a JSON object at the top', async () => {
    const r = await loadPiiPatterns(fixture('pii/array.json'));
    assert.deepEqual(r.problems.map(where), [[1, 1, 2, 'error', 'wrong-type']]);
  });

  it('quotes names, fields and values of the file only as short, masked excerpts', () => {
    const key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const long = 'a name that goes on and on far beyond what a message should carry';
    const text = JSON.stringify({
      [key]: { pattern: '\\d{3}', description: 'x', [key]: 1 },
      [long]: { pattern: '\\d{3}', description: 'x', validator: key },
      flags: { pattern: '\\d', description: 'x', flags: `q${key}` },
      risky: { pattern: `(a+)+${key}`, description: 'x' },
      [`${long}!`]: { regex: '\\d', description: 'x' },
    });
    const sink = new ProblemSink('/ws/pii.json');
    const { records } = parsePiiPatterns(text, sink);
    const messages = sink.finish(0).map((p) => p.message);
    assert.equal(records[0].name, key, 'the record keeps the real name');
    assert.ok(messages.length >= 5, messages.join('\n'));
    for (const m of messages) {
      assert.ok(!m.includes(key), `a key is quoted whole: ${m}`);
      assert.ok(!m.includes(long.slice(0, 30)), `a long name is quoted whole: ${m}`);
    }
    assert.ok(
      messages.some((m) => m.includes('unknown field "sk_l… (32 characters, hidden)"')),
      messages.join('\n'),
    );
    assert.ok(messages.some((m) => m.includes('unknown validator "sk_l… (32 characters, hidden)"')));
    assert.ok(messages.some((m) => m.includes(`"${long.slice(0, 24)}…" has no "pattern"`)));
    assert.ok(
      messages.some((m) => /backtracking at character 1 \("\(a\+\)\+sk_live_4eC39HqLyjW…"\)/.test(m)),
      messages.join('\n'),
    );
  });
});
