import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { prepareRun } from '../../../src/engine/prepare/prepareRun';

describe('prepareRun (the one run preparation)', () => {
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

  it('prepares a valid profile with its suites in run order and the gate that let it run', async () => {
    const out = await prepareRun(write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [bias_smoke, rag_quality]\n'));
    assert.ok(out.ok);
    assert.deepEqual(out.run.suites, ['rag_quality', 'bias_smoke']);
    assert.equal(out.run.profile.file, path.join(dir, 'aiqk.yaml'));
    assert.equal(out.run.gate.ok, true);
    assert.deepEqual(out.run.gate.suites, out.run.suites);
    assert.equal(out.run.gate.matrix.find((r) => r.suite === 'rag_quality' && r.kind === 'passages')?.status, 'using_defaults');
    assert.deepEqual(out.run.inline, {});
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
    // The same reasons with positions: at the suite that needs the data, with the fix.
    const missing = out.refusal.problems.filter((p) => p.code === 'missing-data');
    assert.deepEqual(
      missing.map((p) => [p.range.start.line, p.range.start.column, p.fix]),
      [
        [3, 10, { kind: 'setUseDefaults', dataKind: 'passages' }],
        [3, 10, { kind: 'setUseDefaults', dataKind: 'qaset' }],
      ],
    );
    assert.ok((await prepareRun(file, { suites: ['bias_smoke'] })).ok, 'bias_smoke alone needs nothing');
  });

  it('judges suites asked for that the profile does not list, pointing at its suites key', async () => {
    const out = await prepareRun(write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [bias_smoke]\nuse_defaults: false\n'), {
      suites: ['red_team'],
    });
    assert.ok(!out.ok);
    assert.equal(out.refusal.kind, 'blocked');
    assert.deepEqual(out.refusal.reasons, ['red_team needs attacks: add data.attacks or set use_defaults: true']);
    assert.deepEqual(out.refusal.problems[0]?.range.start, { line: 3, column: 1 });
  });

  it('refuses a profile with errors, listing every one of them with positions (the data of a broken profile is checked too)', async () => {
    const out = await prepareRun(
      write('bad.aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [rag-quality]\ndata: {qaset: missing.jsonl}\n'),
    );
    assert.ok(!out.ok);
    assert.equal(out.refusal.kind, 'invalid');
    assert.match(out.refusal.message, /^bad\.aiqk\.yaml has 2 errors; fix them before running/);
    assert.match(out.refusal.reasons[0] ?? '', /^bad\.aiqk\.yaml:3:\d+: error: suites\[0\]: 'rag-quality' is not a suite/);
    assert.match(out.refusal.reasons[1] ?? '', /^bad\.aiqk\.yaml:4:\d+: error: data\.qaset: file not found: missing\.jsonl/);
    assert.deepEqual(out.refusal.matrix, [], 'no matrix for a profile that is not valid');
  });

  it('refuses a data path that does not exist, and does not count it as provided', async () => {
    const out = await prepareRun(
      write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [red_team]\ndata: {attacks: nope.txt}\n'),
    );
    assert.ok(!out.ok);
    assert.equal(out.refusal.kind, 'invalid');
    assert.match(out.refusal.reasons.join('\n'), /^aiqk\.yaml:4:\d+: error: data\.attacks: file not found: nope\.txt \[data-not-found\]$/);
    const row = out.refusal.matrix.find((r) => r.kind === 'attacks');
    assert.deepEqual(
      { status: row?.status, blocking: row?.blocking, detail: row?.detail },
      { status: 'missing', blocking: true, detail: 'red_team needs attacks: data.attacks (nope.txt) cannot be read' },
    );
    assert.deepEqual(out.refusal.missingData, [], 'use_defaults does not fix a broken data entry');
    assert.equal(out.refusal.problems.filter((p) => p.code === 'missing-data').length, 0, 'the data entry problem says it once');
  });

  it('does not count a data file with no usable record as provided, even with defaults on', async () => {
    write('attacks.yaml', 'attacks: []\n');
    const out = await prepareRun(
      write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [red_team]\ndata: {attacks: attacks.yaml}\n'),
    );
    assert.ok(!out.ok);
    assert.match(out.refusal.reasons.join('\n'), /data\.attacks: attacks\.yaml has no usable records/);
    const row = out.refusal.matrix.find((r) => r.kind === 'attacks');
    assert.equal(row?.status, 'missing');
    assert.equal(row?.detail, 'red_team needs attacks: data.attacks (attacks.yaml) has no usable records');
  });

  it('applies the report overrides and the shard, parses inline bias groups once and keeps warnings with positions', async () => {
    const file = write(
      'aiqk.yaml',
      'version: 1\ntarget: {mode: builtin, base_url: "http://x"}\nsuites: [bias_smoke]\ndata: {bias_groups: "women|men"}\n',
    );
    const out = await prepareRun(file, { report: { formats: ['junit'], outDir: path.join(dir, 'out') }, shard: { index: 2, total: 3 } });
    assert.ok(out.ok);
    assert.deepEqual(out.run.profile.report.formats, ['junit']);
    assert.equal(out.run.profile.report.dir, path.join(dir, 'out'));
    assert.deepEqual(out.run.shard, { index: 2, total: 3 });
    assert.deepEqual(out.run.inline.bias_groups?.records, [{ a: 'women', b: 'men' }]);
    assert.equal(out.run.gate.matrix.find((r) => r.kind === 'bias_groups')?.status, 'provided');
    assert.equal(out.run.problems[0]?.code, 'ignored-setting');
    assert.deepEqual(out.run.problems[0]?.range.start, { line: 2, column: 25 });
    assert.match(out.run.warnings[0] ?? '', /^aiqk\.yaml:2:25: warning: target\.base_url is only used when mode is api/);
  });

  it("checks an editor's unsaved text instead of the file on disk", async () => {
    const file = write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [bias_smoke]\n');
    const out = await prepareRun(file, { text: 'version: 1\ntarget: {mode: builtin}\nsuites: [red_team]\nuse_defaults: false\n' });
    assert.ok(!out.ok);
    assert.deepEqual(out.refusal.missingData, ['attacks']);
  });

  it('refuses a bad shard and a file that cannot be read', async () => {
    const file = write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [bias_smoke]\n');
    const shard = await prepareRun(file, { shard: { index: 3, total: 2 } });
    assert.ok(!shard.ok);
    assert.equal(shard.refusal.kind, 'blocked');
    assert.deepEqual(shard.refusal.reasons, ['shard index must be a whole number from 1 to 2 (got 3)']);
    const out = await prepareRun(path.join(dir, 'absent.aiqk.yaml'));
    assert.ok(!out.ok);
    assert.match(out.refusal.reasons[0] ?? '', /there is no run profile at .*: check the path/);
  });

  it('reads shard: auto from the CI job, records where, and refuses with the variables it looked for outside one', async () => {
    const file = write('aiqk.yaml', 'version: 1\ntarget: {mode: builtin}\nsuites: [bias_smoke]\nshard: auto\n');
    const out = await prepareRun(file, { env: { CIRCLE_NODE_INDEX: '2', CIRCLE_NODE_TOTAL: '3' } });
    assert.ok(out.ok);
    assert.deepEqual(out.run.shard, { index: 3, total: 3, source: 'CircleCI (CIRCLE_NODE_INDEX=2, CIRCLE_NODE_TOTAL=3)' });
    const given = await prepareRun(file, { shard: { index: 1, total: 2 }, env: { CIRCLE_NODE_INDEX: '2', CIRCLE_NODE_TOTAL: '3' } });
    assert.ok(given.ok);
    assert.deepEqual(given.run.shard, { index: 1, total: 2 }, '--shard i/n wins over the profile');
    const none = await prepareRun(file, { env: {} });
    assert.ok(!none.ok);
    assert.equal(none.refusal.kind, 'blocked');
    assert.match(
      none.refusal.message,
      /aiqk\.yaml cannot run: shard auto: no CI system's shard variables are set; looked for AIQK_SHARD_INDEX/,
    );
    const bad = await prepareRun(file, { shard: 'auto', env: { CI_NODE_INDEX: '5', CI_NODE_TOTAL: '4' } });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.refusal.reasons, [
      "shard auto (GitLab CI): CI_NODE_INDEX must be a whole number from 1 to 4 (1-based, CI_NODE_TOTAL=4); got '5'",
    ]);
  });
});
