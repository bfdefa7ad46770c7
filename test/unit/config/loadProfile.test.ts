import { strict as assert } from 'node:assert';
import { parseProfile } from '../../../src/engine/config/loadProfile';

const FILE = '/ws/aiqk.yaml';
const problemsOf = (text: string) => parseProfile(text, FILE).problems;
const at = (p: { range: { start: { line: number; column: number } } }) => `${p.range.start.line}:${p.range.start.column}`;

describe('run profile loading', () => {
  it('accepts a minimal valid profile and returns it typed', () => {
    const parsed = parseProfile('version: 1\ntarget:\n  mode: builtin\nsuites: [rag_quality]\n', FILE);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.profile?.target.mode, 'builtin');
    assert.deepEqual(parsed.profile?.suites, ['rag_quality']);
  });

  it('names a misspelt suite, suggests the right one and offers the replacement', () => {
    const [p] = problemsOf('version: 1\ntarget: { mode: builtin }\nsuites: [red_team, safety, rag-quality]\n');
    assert.equal(p.message, "suites[2]: 'rag-quality' is not a suite. Did you mean 'rag_quality'?");
    assert.equal(p.code, 'unknown-suite');
    assert.equal(at(p), '3:28');
    assert.deepEqual(p.range.end, { line: 3, column: 39 });
    assert.deepEqual(p.fix, { kind: 'replace', text: 'rag_quality', title: "Change to 'rag_quality'" });
  });

  it('points an unknown key at the key itself, with a suggestion', () => {
    const [p] = problemsOf('version: 1\ntarget:\n  mode: builtin\n  timout_ms: 5\nsuites: [safety]\n');
    assert.equal(p.code, 'unknown-key');
    assert.equal(p.message, "target: unknown key 'timout_ms'. Did you mean 'timeout_ms'?");
    assert.equal(at(p), '4:3');
  });

  it('explains a conditional requirement at the parent key', () => {
    const [p] = problemsOf('version: 1\ntarget:\n  mode: api\nsuites: [safety]\n');
    assert.equal(p.message, "target: missing 'base_url' (required when mode is api)");
    assert.equal(p.code, 'missing-key');
    assert.equal(at(p), '2:1');
  });

  it('reports missing top-level keys', () => {
    const messages = problemsOf('version: 1\n').map((p) => p.message);
    assert.deepEqual(messages.sort(), ["missing 'suites'", "missing 'target'"]);
  });

  it('words type and range errors for people', () => {
    const msgs = problemsOf(
      'version: 1\ntarget: { mode: builtin }\nsuites: [safety]\nvolumes: { concurrency: 0, qa_sample_size: four }\n',
    ).map((p) => `${at(p)} ${p.message}`);
    assert.ok(msgs.includes("4:44 volumes.qa_sample_size: must be a whole number, not a string ('four')"), msgs.join('\n'));
    assert.ok(msgs.includes('4:25 volumes.concurrency: must be at least 1 (got 0)'), msgs.join('\n'));
  });

  it('takes shard: auto or {index, total}, and says which branch a wrong value misses, once', () => {
    const shard = (value: string) =>
      problemsOf(`version: 1\ntarget: { mode: builtin }\nsuites: [safety]\nshard: ${value}\n`).map((p) => `${at(p)} ${p.message}`);
    assert.deepEqual(shard('auto'), []);
    assert.deepEqual(shard('{ index: 2, total: 3 }'), []);
    assert.deepEqual(shard('autom'), ['4:8 shard: must be "auto" or a mapping, not a string (\'autom\')']);
    assert.deepEqual(shard('3'), ['4:8 shard: must be "auto" or a mapping, not number (3)']);
    assert.deepEqual(shard('{ index: 0, total: 2 }'), ['4:17 shard.index: must be at least 1 (got 0)']);
    assert.deepEqual(shard('{ index: 1 }'), ["4:1 shard: missing 'total'"]);
  });

  it('refuses a secret where the name of a variable belongs', () => {
    const [p] = problemsOf(
      'version: 1\ntarget:\n  mode: api\n  base_url: http://127.0.0.1:8000\n  auth: { bearer_env: "sk-abc123" }\nsuites: [safety]\n',
    );
    assert.match(p.message, /^target\.auth\.bearer_env: must be the NAME of an environment variable/);
  });

  it('reports a suite listed twice at the second occurrence', () => {
    const [p] = problemsOf('version: 1\ntarget: { mode: builtin }\nsuites: [safety, red_team, safety]\n');
    assert.equal(p.code, 'duplicate-suite');
    assert.equal(p.message, "suites[2]: 'safety' is listed twice (also suites[0])");
    assert.equal(at(p), '3:28');
  });

  it('reports YAML syntax errors with their position and does not validate further', () => {
    const ps = problemsOf('version: 1\ntarget:\n  mode: builtin\n suites: [safety\n');
    assert.ok(ps.length >= 1);
    assert.ok(ps.every((p) => p.code === 'yaml-syntax'));
    assert.equal(ps[0].severity, 'error');
    assert.ok(ps[0].range.start.line >= 2);
  });

  it('reports duplicate keys as YAML errors', () => {
    const ps = problemsOf('version: 1\ntarget: { mode: builtin }\nsuites: [safety]\nsuites: [red_team]\n');
    assert.equal(ps[0].code, 'yaml-syntax');
    assert.equal(ps[0].range.start.line, 4);
  });

  it('says what a profile is when the file is not a mapping', () => {
    const [p] = problemsOf('- just\n- a list\n');
    assert.equal(p.code, 'not-a-profile');
  });

  it('keeps the value of an invalid profile but no typed profile', () => {
    const parsed = parseProfile('version: 2\ntarget: { mode: builtin }\nsuites: [safety]\n', FILE);
    assert.equal(parsed.profile, undefined);
    assert.equal((parsed.value as { version: number }).version, 2);
    assert.equal(parsed.problems[0].message, 'version: must be 1');
  });
});
