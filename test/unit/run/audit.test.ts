import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AuditLog, defaultAuditFile, redactText } from '../../../src/engine/run/audit';

describe('audit log', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-audit-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('masks credential-like text and truncates long text', () => {
    const text = redactText('upstream said: Authorization: Bearer abc.def.ghi and api_key=hunter2 sk-1234567890abcdef');
    assert.ok(!text.includes('abc.def.ghi'), text);
    assert.ok(!text.includes('hunter2'), text);
    assert.ok(!text.includes('sk-1234567890abcdef'), text);
    assert.ok(text.includes('[redacted]'));
    // The secrets module's key shapes reach the audit log too (not only the generic rules).
    const hf = `hf_${'aB3'.repeat(10)}`;
    const gitlab = `glpat-${'x7Y'.repeat(7)}`;
    const shapes = redactText(`echoed ${hf} and ${gitlab} and AKIA${'Q7'.repeat(8)}`);
    for (const token of [hf, gitlab, `AKIA${'Q7'.repeat(8)}`]) assert.ok(!shapes.includes(token), shapes);
    assert.ok(shapes.startsWith('echoed hf_'), shapes);
    const long = redactText('word '.repeat(200), 50);
    assert.equal(long.length, 50);
    assert.ok(long.endsWith('…'));
  });

  it('appends one JSON line per record, in order, creating the folder', async () => {
    const file = defaultAuditFile(dir);
    assert.equal(file, path.join(dir, '.aiqk', 'audit.jsonl'));
    const log = new AuditLog(file);
    const base = { run_id: 'run_1', profile: '/p/aiqk.yaml', suites: ['performance' as const], target: { mode: 'api' } };
    void log.write({ time: 't1', event: 'run_started', ...base });
    await log.write({
      time: 't2',
      event: 'run_cancelled',
      ...base,
      status: 'cancelled',
      counts: { total: 3, passed: 3, failed: 0, errors: 0 },
      duration_ms: 12,
      reason: 'upstream timeout '.repeat(50),
    });
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['run_started', 'run_cancelled'],
    );
    assert.equal((lines[1]?.reason as string).length, 200);
    assert.deepEqual(lines[1]?.counts, { total: 3, passed: 3, failed: 0, errors: 0 });
  });

  it('reports a write failure instead of throwing', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const errors: string[] = [];
    const log = new AuditLog(path.join(blocker, 'audit.jsonl'), (m) => errors.push(m));
    await log.write({ time: 't', event: 'run_started', run_id: 'r', profile: 'p', suites: [], target: {} });
    assert.equal(errors.length, 1);
    assert.match(errors[0] as string, /could not write the audit log/);
  });
});
