import { strict as assert } from 'node:assert';
import { parseProfile } from '../../../src/engine/config/loadProfile';

const yamlProblems = (text: string) =>
  parseProfile(text, '/p/aiqk.yaml')
    .problems.filter((p) => p.code === 'yaml-syntax')
    .map((p) => `${p.range.start.line}:${p.range.start.column} ${p.message}`);

describe('YAML errors in plain words, on the line that is wrong', () => {
  it('puts an over-indented key on its own line, once', () => {
    assert.deepEqual(yamlProblems('version: 1\ntarget:\n  mode: builtin\n   timeout_ms: 5\nsuites: [rag_quality]\n'), [
      '4:4 YAML: this line is indented more than the line above it ("mode: builtin"), which already has a value: line it up with the keys above',
    ]);
  });

  it('explains a key out of line, an unclosed bracket or quote where it opens, tabs and duplicate keys', () => {
    assert.deepEqual(yamlProblems('version: 1\ntarget:\n    mode: builtin\n  base_url: x\nsuites: [rag_quality]\n'), [
      '4:3 YAML: this key is not lined up with the keys above it in the same block: indent it like them',
    ]);
    assert.deepEqual(yamlProblems('version: 1\ntarget:\n  mode: builtin\nsuites: [rag_quality\n'), [
      '4:1 YAML: a [ or { opened on this line is not closed: add the closing ] or }',
    ]);
    assert.deepEqual(yamlProblems('version: 1\ntarget:\n\tmode: builtin\nsuites: [rag_quality]\n'), [
      '3:1 YAML: this line is indented with a tab; YAML needs spaces',
    ]);
    assert.deepEqual(yamlProblems('version: 1\nversion: 2\ntarget: {mode: builtin}\nsuites: "abc\n'), [
      "2:1 YAML: the key 'version' appears twice in the same block: keep one",
      '4:1 YAML: a quote opened on this line is not closed: add the closing quote',
    ]);
  });
});
