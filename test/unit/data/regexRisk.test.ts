import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { regexRisk } from '../../../src/engine/data/readers/regexRisk';
import { parsePiiPatterns } from '../../../src/engine/data/readers/piiPatterns';
import { ProblemSink } from '../../../src/engine/data/problems/problemSink';

describe('catastrophic backtracking check of user patterns', () => {
  it('flags nested and overlapping repetition, at the repeated group', () => {
    assert.equal(regexRisk('(a+)+$')?.offset, 0);
    assert.equal(regexRisk('^(\\d+)*$')?.offset, 1);
    assert.equal(regexRisk('x(\\w+\\s?)*$')?.offset, 1);
    assert.equal(regexRisk('(x+x+)+y')?.offset, 0);
    assert.match(regexRisk('(a|aa)+$')?.reason ?? '', /alternatives can start with the same character/);
    assert.match(regexRisk('(?:[a-z]+ ?)+$', 'i')?.reason ?? '', /can itself repeat without bound/);
  });

  it('accepts repetition fenced by a character its inner part cannot match, and bounded repetition', () => {
    for (const ok of [
      '(?:\\.[a-z]+)*x',
      '([a-z]+\\.)+com',
      '\\b(\\w+@)+x',
      '(?:[A-Z][a-z]+ ?)+',
      '(a|b)+',
      '(\\d{3}-){2}\\d{4}',
      '(?:\\d[ -]?){12,18}\\d',
    ])
      assert.equal(regexRisk(ok), undefined, ok);
  });

  it('finds no risk in the built-in patterns', () => {
    const builtin = JSON.parse(readFileSync('assets/defaults/pii_patterns.json', 'utf8')) as Record<
      string,
      { pattern: string; flags?: string }
    >;
    for (const [name, p] of Object.entries(builtin)) assert.equal(regexRisk(p.pattern, p.flags), undefined, name);
  });

  it('refuses a risky pii_patterns entry with a located error naming the pattern and why', () => {
    const text = '{\n  "ok": {"pattern": "\\\\d{3}", "description": "ok"},\n  "slow": {"pattern": "(a+)+$", "description": "slow"}\n}\n';
    const sink = new ProblemSink('/ws/pii.json');
    const { records, broken } = parsePiiPatterns(text, sink);
    assert.deepEqual(
      records.map((r) => r.name),
      ['ok'],
    );
    assert.equal(broken, 1);
    const [p] = sink.finish(broken);
    assert.equal(p.severity, 'error');
    assert.equal(p.code, 'invalid-regex');
    assert.deepEqual(p.range.start, { line: 3, column: 23 });
    assert.match(p.message, /^the pattern of "slow" risks catastrophic backtracking at character 1 \("\(a\+\)\+\$"\): a repeated group/);
  });
});
