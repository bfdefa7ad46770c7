import { strict as assert } from 'node:assert';
import { removeEntryEdit } from '../../../src/engine/config/removeEntry';
import { parseProfile } from '../../../src/engine/config/loadProfile';

const apply = (text: string, docPath: (string | number)[]): string => {
  const e = removeEntryEdit(text, docPath);
  assert.ok(e, 'an edit');
  return text.slice(0, e.start) + e.text + text.slice(e.end);
};

describe('removeEntryEdit', () => {
  it('removes a list item in flow and block style, keeping the list well formed', () => {
    assert.equal(apply('suites: [red_team, rag-quality, rag_quality]\n', ['suites', 1]), 'suites: [red_team, rag_quality]\n');
    assert.equal(apply('suites: [red_team, rag_quality, rag-quality]\n', ['suites', 2]), 'suites: [red_team, rag_quality]\n');
    assert.equal(apply('suites:\n  - rag_quality\n  - rag-quality\nx: 1\n', ['suites', 1]), 'suites:\n  - rag_quality\nx: 1\n');
  });

  it('removes a mapping key with its value', () => {
    assert.equal(
      apply('target:\n  mode: builtin\n  timout_ms: 5\n  timeout_ms: 3\n', ['target', 'timout_ms']),
      'target:\n  mode: builtin\n  timeout_ms: 3\n',
    );
    assert.equal(
      apply('target: {mode: builtin, timout_ms: 5, timeout_ms: 3}\n', ['target', 'timout_ms']),
      'target: {mode: builtin, timeout_ms: 3}\n',
    );
    assert.equal(removeEntryEdit('a: 1\n', ['b', 'c']), undefined);
  });
});

describe('quick fixes that never create a new error', () => {
  const fixOf = (text: string, code: string) => parseProfile(text, '/p/aiqk.yaml').problems.find((p) => p.code === code)?.fix;

  it('offers to remove a misspelt suite whose right name is already listed, instead of a duplicate', () => {
    const text = 'version: 1\ntarget: {mode: builtin}\nsuites: [rag_quality, rag-quality]\n';
    const fix = fixOf(text, 'unknown-suite');
    assert.deepEqual(fix, { kind: 'removeEntry', path: ['suites', 1], title: "Remove 'rag-quality' (rag_quality is already listed)" });
    const fixed = apply(text, ['suites', 1]);
    assert.deepEqual(parseProfile(fixed, '/p/aiqk.yaml').problems, [], 'the fixed profile has no problem');
    assert.deepEqual(fixOf('version: 1\ntarget: {mode: builtin}\nsuites: [rag-quality]\n', 'unknown-suite'), {
      kind: 'replace',
      text: 'rag_quality',
      title: "Change to 'rag_quality'",
    });
  });

  it('offers to remove a duplicate suite, and a misspelt key whose right name is already set', () => {
    const dup = fixOf('version: 1\ntarget: {mode: builtin}\nsuites:\n  - safety\n  - safety\n', 'duplicate-suite');
    assert.deepEqual(dup, { kind: 'removeEntry', path: ['suites', 1], title: "Remove the second 'safety'" });
    const key = fixOf('version: 1\ntarget:\n  mode: builtin\n  timeout_ms: 5\n  timout_ms: 6\nsuites: [safety]\n', 'unknown-key');
    assert.deepEqual(key, { kind: 'removeEntry', path: ['target', 'timout_ms'], title: "Remove 'timout_ms' (timeout_ms is already set)" });
  });
});
