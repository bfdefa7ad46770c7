import { strict as assert } from 'node:assert';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPassages, loadQaset } from '../../../src/engine/data/readers/jsonlKinds';
import { DATA_PROBLEM_CODES as C } from '../../../src/engine/data/problems/problemCodes';
import { validateDataFile } from '../../../src/engine/data/validateDataFile';
import { colOf, fixture, fixtureLine, problemAt, where } from './helpers';

describe('qaset reader', () => {
  const rel = 'qaset/broken.jsonl';
  const line = (n: number) => fixtureLine(rel, n);

  it('reports every broken line where it breaks and loads the good ones', async () => {
    const r = await loadQaset(fixture(rel));
    assert.deepEqual(
      r.records.map((q) => [q.qid, q.line]),
      [
        ['q1', 1],
        ['q6', 10],
        ['q9', 13],
      ],
    );
    assert.equal(r.brokenLines, 9);
    assert.deepEqual(r.records[0], {
      qid: 'q1',
      question: 'What is the Free plan quota?',
      expected_answer: '5 GB',
      contexts: ['plan-free'],
      line: 1,
    });

    const syntax = problemAt(r.problems, 2, C.jsonSyntax);
    assert.deepEqual(where(syntax), [2, colOf(line(2), '"Truncated'), line(2).length + 1, 'error', 'json-syntax']);
    assert.match(syntax.message, /unterminated string/);

    const numeric = problemAt(r.problems, 3, C.wrongType);
    assert.deepEqual(where(numeric), [3, colOf(line(3), '3,'), colOf(line(3), '3,') + 1, 'error', 'wrong-type']);
    assert.equal(numeric.message, '"qid" must be a string, got the number 3: write "qid": "3"');

    assert.deepEqual(where(problemAt(r.problems, 5, C.emptyText)), [
      5,
      colOf(line(5), '"   "'),
      colOf(line(5), '"   "') + 5,
      'error',
      'empty-text',
    ]);

    const renamed = problemAt(r.problems, 6, C.missingField);
    assert.deepEqual(where(renamed), [6, colOf(line(6), '"answer"'), colOf(line(6), '"answer"') + 8, 'error', 'missing-field']);
    assert.deepEqual(renamed.fix, { kind: 'replace', text: '"expected_answer"', title: 'Rename to "expected_answer"' });
  });

  it('flags duplicate ids at the id, relates them to the first line and offers deleting exact copies', async () => {
    const r = await loadQaset(fixture(rel));
    const other = problemAt(r.problems, 7, C.duplicateId);
    assert.deepEqual(where(other), [7, colOf(line(7), '"q1"'), colOf(line(7), '"q1"') + 4, 'error', 'duplicate-id']);
    assert.equal(other.fix, undefined);
    assert.equal(other.related?.[0].range.start.line, 1);
    const exact = problemAt(r.problems, 8, C.duplicateId);
    assert.deepEqual(exact.fix, { kind: 'deleteLine', line: 8 });
    assert.match(exact.message, /identical to line 1/);
  });

  it('reports non-objects, bad list items, trailing commas and unknown fields once per name', async () => {
    const r = await loadQaset(fixture(rel));
    assert.deepEqual(where(problemAt(r.problems, 9, C.notAnObject)), [9, 1, line(9).length + 1, 'error', 'not-an-object']);
    assert.deepEqual(where(problemAt(r.problems, 11, C.wrongType)), [
      11,
      colOf(line(11), '2]'),
      colOf(line(11), '2]') + 1,
      'error',
      'wrong-type',
    ]);
    assert.deepEqual(where(problemAt(r.problems, 12, C.jsonSyntax)).slice(0, 2), [12, colOf(line(12), ',}')]);
    const unknown = problemAt(r.problems, 10, C.unknownField);
    assert.deepEqual(where(unknown), [
      10,
      colOf(line(10), '"difficulty"'),
      colOf(line(10), '"difficulty"') + 12,
      'warning',
      'unknown-field',
    ]);
    assert.equal(unknown.message, 'unknown field "difficulty" is ignored (on 2 lines)');
    assert.equal(r.problems.filter((p) => p.code === C.unknownField).length, 1);
  });

  it('accepts a BOM and CRLF line ends, with columns counted after the BOM', async () => {
    const r = await loadQaset(fixture('qaset/bomCrlf.jsonl'));
    assert.deepEqual(
      r.records.map((q) => q.qid),
      ['a', 'b', 'c'],
    );
    assert.equal(r.records[0].expected_answer, 'one');
    assert.deepEqual(r.records[2].contexts, []);
    assert.equal(r.problems.length, 1);
    const dup = r.problems[0];
    assert.deepEqual(where(dup), [4, 9, 12, 'error', 'duplicate-id']);
    assert.deepEqual(dup.fix, { kind: 'deleteLine', line: 4 });
  });

  it('says an empty or blank file is empty', async () => {
    for (const f of ['qaset/empty.jsonl', 'qaset/blankLines.jsonl']) {
      const r = await validateDataFile('qaset', fixture(f));
      assert.equal(r.records, 0);
      assert.deepEqual(r.problems.map(where), [[1, 1, 1, 'error', 'empty-dataset']]);
    }
  });

  it('recognises a JSON array instead of JSON Lines with one problem', async () => {
    const r = await validateDataFile('qaset', fixture('qaset/array.json'));
    assert.deepEqual(
      r.problems.map((p) => p.code),
      [C.notJsonl],
    );
  });

  it('reports a missing file', async () => {
    const r = await validateDataFile('qaset', fixture('qaset/nope.jsonl'));
    assert.deepEqual(r.problems.map(where), [[1, 1, 1, 'error', 'file-not-found']]);
  });
});

describe('passages reader', () => {
  const rel = 'passages/broken.jsonl';
  const line = (n: number) => fixtureLine(rel, n);

  it('loads good passages with their meta', async () => {
    const r = await loadPassages(fixture('passages/good.jsonl'));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.records, [
      { id: 'p1', text: 'Alpha passage.', meta: { source: 'a.md' }, line: 1 },
      { id: 'p2', text: 'Beta passage.', line: 2 },
      { id: 'p3', text: 'Gamma passage.', line: 3 },
    ]);
  });

  it('locates empty ids and texts, renamed fields, bad meta, single quotes and non-objects', async () => {
    const r = await loadPassages(fixture(rel));
    assert.deepEqual(
      r.records.map((p) => p.id),
      ['p1', 'p6', 'p7'],
    );
    assert.equal(r.brokenLines, 6);
    assert.deepEqual(r.problems.map(where), [
      [2, colOf(line(2), '""'), colOf(line(2), '""') + 2, 'error', 'empty-text'],
      [3, colOf(line(3), '""'), colOf(line(3), '""') + 2, 'error', 'empty-text'],
      [4, colOf(line(4), '"content"'), colOf(line(4), '"content"') + 9, 'error', 'missing-field'],
      [5, colOf(line(5), '"web"'), colOf(line(5), '"web"') + 5, 'error', 'wrong-type'],
      [6, 2, 3, 'error', 'json-syntax'],
      [7, colOf(line(7), '"tags"'), colOf(line(7), '"tags"') + 6, 'warning', 'unknown-field'],
      [9, 1, 3, 'error', 'not-an-object'],
    ]);
    assert.match(r.problems[4].message, /double quotes/);
  });

  it('says once that a qaset was given as passages', async () => {
    const r = await validateDataFile('passages', fixture('passages/looksLikeQaset.jsonl'));
    assert.deepEqual(
      r.problems.map((p) => p.code),
      [C.wrongKind],
    );
    assert.equal(r.records, 0);
    assert.equal(r.brokenLines, 3);
  });
});

describe('JSONL limits and cancellation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-jsonl-'));
  const big = join(dir, 'big.jsonl');
  const lines: string[] = [];
  for (let i = 1; i <= 5000; i++)
    lines.push(i % 10 === 0 ? `{"id": "p${i}", "text": ` : JSON.stringify({ id: `p${i}`, text: `passage ${i}` }));
  writeFileSync(big, lines.join('\n'));

  it('lists the first problems, then one summary, with exact counts', async () => {
    const r = await validateDataFile('passages', big, { maxProblems: 20 });
    assert.equal(r.records, 4500);
    assert.equal(r.brokenLines, 500);
    assert.equal(r.problems.length, 21);
    const summary = r.problems[20];
    assert.equal(summary.code, C.tooManyProblems);
    assert.equal(summary.severity, 'error');
    assert.equal(summary.range.start.line, 210);
    assert.equal(summary.message, '… and 480 more problems not listed (500 broken lines in total)');
  });

  it('reports progress in bytes up to the file size', async () => {
    const seen: [number, number][] = [];
    await validateDataFile('passages', big, { onProgress: (done, total) => seen.push([done, total]) });
    const size = statSync(big).size;
    assert.ok(seen.length >= 1);
    assert.deepEqual(seen[seen.length - 1], [size, size]);
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await assert.rejects(validateDataFile('passages', big, { signal: ac.signal }), /stop/);
  });
});

describe('JSON documents given as JSONL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-notjsonl-'));
  const check = async (content: string) => {
    const f = join(dir, `f${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(f, content);
    return validateDataFile('qaset', f);
  };

  it('says so once for a one-line array of objects, a multi-line array or a pretty-printed object', async () => {
    for (const content of [
      '[{"qid": "q1", "question": "a?", "expected_answer": "b"}]\n',
      '[{"qid": "q1",\n "question": "a?"}]\n',
      '{\n  "qid": "q1"\n}\n',
    ]) {
      const r = await check(content);
      assert.deepEqual(
        r.problems.map((p) => p.code),
        [C.notJsonl],
        content,
      );
    }
  });

  it('treats a first line holding an array of plain values as one broken line', async () => {
    const r = await check('["a", "b"]\n{"qid": "q1", "question": "a?", "expected_answer": "b"}\n');
    assert.deepEqual(
      r.problems.map((p) => p.code),
      [C.notAnObject],
    );
    assert.equal(r.records, 1);
  });
});
