import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { guessDataKind } from '../../../src/engine/data/guessKind';
import { spawnCli } from './runCliHelpers';

const run = async (args: string[], cwd: string) => (await spawnCli(args, cwd)).done;

describe('aiqk validate on dataset files', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aiqk-validate-data-'));
    writeFileSync(
      path.join(dir, 'aiqk.yaml'),
      'version: 1\ntarget: {mode: builtin}\nsuites: [rag_quality]\ndata: {passages: docs.jsonl, qaset: q.jsonl}\n',
    );
    // Named like nothing in particular: only the profile says it holds passages.
    writeFileSync(path.join(dir, 'docs.jsonl'), '{"id": "p1", "text": "Alpha."}\n{"id": "p2", "text": "Beta."}\n');
    writeFileSync(path.join(dir, 'q.jsonl'), '{"qid": "q1", "question": "A?", "expected_answer": "a"}\n{"qid": "q2", "question": "B?"}\n');
    writeFileSync(path.join(dir, 'loose.jsonl'), '{"id": "x", "text": "no profile names me"}\n');
    writeFileSync(path.join(dir, 'server.js'), 'const http = require("http");\nhttp.createServer(() => {}).listen(8080);\n'.repeat(50));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('checks a valid dataset as the dataset its profile says it is: no YAML errors, exit 0', async () => {
    const r = await run(['validate', 'docs.jsonl'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '0 run profile(s) and 1 dataset(s) checked: 0 error(s), 0 warning(s), 0 note(s)\n');
    assert.match(r.stderr, /docs\.jsonl: checked as passages \(named by aiqk\.yaml\)/);
  });

  it('locates the problems of a broken dataset and exits 1', async () => {
    const r = await run(['validate', 'q.jsonl'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^q\.jsonl:2:1: error: missing required field "expected_answer" \[missing-field\]$/m);
  });

  it('takes the kind from --kind when no profile names the file, else from its name and shape', async () => {
    const asQaset = await run(['validate', '--kind', 'qaset', 'loose.jsonl'], dir);
    assert.equal(asQaset.code, 1, 'passages rows are not questions');
    assert.match(asQaset.stderr, /loose\.jsonl: checked as qaset \(--kind\)/);
    const guessed = await run(['validate', 'loose.jsonl'], dir);
    assert.equal(guessed.code, 0, guessed.stdout + guessed.stderr);
    assert.match(guessed.stderr, /loose\.jsonl: checked as passages \(from its name and contents; --kind to choose\)/);
    const bad = await run(['validate', '--kind', 'qa', 'loose.jsonl'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--kind: 'qa' is not a data kind/);
  });

  it('says in one line that a file is neither a profile nor a dataset', async () => {
    const r = await run(['validate', 'server.js'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'aiqk validate: server.js is neither a run profile nor a dataset; to check it as a dataset, add --kind (passages, qaset, attacks, schema, pii_patterns, bias_groups)\n',
    );
  });
});

describe('guessDataKind', () => {
  it('tells each kind by its shape, then by its name', () => {
    assert.equal(guessDataKind('a.jsonl', '{"qid": "1", "question": "?"}\n'), 'qaset');
    assert.equal(guessDataKind('a.jsonl', '{"id": "1", "text": "t"}\n'), 'passages');
    assert.equal(guessDataKind('my_qaset.jsonl', 'not json'), 'qaset');
    assert.equal(guessDataKind('a.jsonl', 'not json'), undefined);
    assert.equal(guessDataKind('a.json', '{"type": "object"}'), 'schema');
    assert.equal(guessDataKind('a.json', '{"email": {"pattern": "@"}}'), 'pii_patterns');
    assert.equal(guessDataKind('package.json', '{"name": "x"}'), undefined);
    assert.equal(guessDataKind('g.csv', 'a|b'), 'bias_groups');
    assert.equal(guessDataKind('notes.txt', 'female|male\nyoung|old\n'), 'bias_groups');
    assert.equal(guessDataKind('attacks.txt', 'ignore all rules'), 'attacks');
    assert.equal(guessDataKind('notes.txt', 'hello world'), undefined);
    assert.equal(guessDataKind('x.yaml', 'attacks:\n  - hi\n'), 'attacks');
    assert.equal(guessDataKind('server.js', 'const x = 1;'), undefined);
  });
});
