import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { prepareRun } from '../../../src/extension/runs/prepareRun';

describe('prepareRun (the checks before a run in VS Code)', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aiqk-prepare-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prepares a valid profile with its suites in run order', async () => {
    const out = await prepareRun(write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [bias_smoke, rag_quality]\n'));
    assert.ok(out.ok);
    assert.deepEqual(out.run.suites, ['rag_quality', 'bias_smoke']);
    assert.equal(out.run.profile.file, path.join(dir, 'aiqk.yaml'));
  });

  it('blocks missing required data with defaults off, naming the data, and only for the suites run', async () => {
    const file = write(
      'blocked.aiqk.yaml',
      'version: 1\ntarget: {mode: builtin}\nsuites: [rag_quality, bias_smoke]\nuse_defaults: false\n',
    );
    const out = await prepareRun(file);
    assert.ok(!out.ok);
    assert.equal(out.refusal.kind, 'blocked');
    assert.deepEqual(out.refusal.missingData, ['passages', 'qaset']);
    assert.equal(out.refusal.message, 'blocked.aiqk.yaml cannot run: required data is missing (passages, qaset) and use_defaults is off.');
    assert.deepEqual(out.refusal.reasons, [
      'rag_quality needs passages: add data.passages or set use_defaults: true',
      'rag_quality needs qaset: add data.qaset or set use_defaults: true',
    ]);
    assert.ok((await prepareRun(file, ['bias_smoke'])).ok, 'bias_smoke alone needs nothing');
  });

  it('refuses a profile with errors, listing them with positions', async () => {
    const out = await prepareRun(
      write('bad.aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [rag-quality]\ndata: {qaset: missing.jsonl}\n'),
    );
    assert.ok(!out.ok);
    assert.equal(out.refusal.kind, 'invalid');
    assert.match(out.refusal.message, /^bad\.aiqk\.yaml has 1 error; fix it before running/);
    assert.match(out.refusal.reasons[0] ?? '', /^bad\.aiqk\.yaml:3:\d+: error: suites\[0\]: 'rag-quality' is not a suite/);
  });

  it('refuses a data path that does not exist', async () => {
    const out = await prepareRun(
      write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [red_team]\ndata: {attacks: nope.txt}\n'),
    );
    assert.ok(!out.ok);
    assert.match(out.refusal.reasons.join('\n'), /data\.attacks: file not found: nope\.txt/);
  });

  it('refuses a file that cannot be read', async () => {
    const out = await prepareRun(path.join(dir, 'absent.aiqk.yaml'));
    assert.ok(!out.ok);
    assert.match(out.refusal.reasons[0] ?? '', /Cannot read the run profile: ENOENT/);
  });
});
