import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { PreparedRun } from '../../../src/engine/prepare/preparedRun';
import { prepareRun } from '../../../src/engine/prepare/prepareRun';
import { runAndWriteReports } from '../../../src/engine/run/runAndWriteReports';
import { startRun } from '../../../src/engine/run/startRun';

describe('a prepared run handed to the run', () => {
  let dir: string;
  let prepared: PreparedRun;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'aiqk-prepared-'));
    const file = path.join(dir, 'aiqk.yaml');
    writeFileSync(
      file,
      'version: 1\ntarget: {mode: builtin}\nsuites: [bias_smoke]\ndata: {bias_groups: "women|men"}\nreport: {formats: [json]}\n',
    );
    const out = await prepareRun(file, { report: { outDir: path.join(dir, 'out') } });
    assert.ok(out.ok, JSON.stringify(!out.ok && out.refusal));
    prepared = out.run;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the run gate's answer as prepared instead of asking again", async () => {
    const gate = { ...prepared.gate, ok: false, reasons: ['the prepared gate said no'] };
    const result = await startRun({ ...prepared, gate }).result;
    assert.equal(result.run.status, 'error');
    assert.equal(result.run.error, 'the run cannot start: the prepared gate said no');
    assert.equal(result.cases.length, 0);
  });

  it('uses the inline bias groups parsed while preparing', async () => {
    const parsed = prepared.inline.bias_groups;
    assert.ok(parsed);
    const inline = { bias_groups: { ...parsed, records: [{ a: 'cats', b: 'dogs' }] } };
    const result = await startRun({ ...prepared, inline }).result;
    assert.ok(result.cases.length > 0, JSON.stringify(result.logs));
    assert.ok(
      result.cases.every((c) => /cats|dogs/.test(JSON.stringify(c.input))),
      JSON.stringify(result.cases.map((c) => c.input)),
    );
    assert.ok(!result.cases.some((c) => /women/.test(JSON.stringify(c.input))));
    assert.ok(result.logs.some((l) => l.message === 'bias_groups: 1 records from the profile (inline)'));
  });

  it('writes the reports where the preparation put them', async () => {
    const written = await runAndWriteReports(prepared, { auditFile: false }).written;
    assert.equal(written.writeError, undefined);
    assert.equal(path.dirname(written.files.json ?? ''), path.join(dir, 'out'));
    assert.deepEqual(written.result.run.suites, ['bias_smoke']);
  });
});
