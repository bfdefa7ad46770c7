import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { readReport } from '../../../src/engine/report/jsonReport';
import type { Workspace } from '../run/runFixtures';
import { apiProfile, makeWorkspace } from '../run/runFixtures';
import { runCli } from './runCliHelpers';

/** A loopback port nothing listens on: bound, then released. */
async function stoppedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('aiqk run tells the story of the run', function () {
  this.timeout(60000);
  let ws: Workspace;
  let url: string;
  before(async () => {
    ws = await makeWorkspace(8);
    url = `http://127.0.0.1:${await stoppedPort()}`;
    // No `profile:` and no qa_sample_size: the smoke preset samples 2 of the 8 questions.
    const { volumes: _v, ...raw } = apiProfile(url, ['rag_quality']);
    await ws.profile({ ...raw, report: { dir: 'reports', formats: ['json'], anonymize: true } });
  });
  after(() => ws.remove());

  it('prints why a suite errored against a stopped target, with the real address, and the sampling', async () => {
    const r = await runCli(['run', 'aiqk.yaml', '--run-id', 'run_20250101-000001_0000d001'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    const out = r.stdout;
    assert.ok(
      out.includes(`  rag_quality: 2 of 2 questions got no answer: connection refused by ${url}/ask\n`),
      `the cause, with the address as configured:\n${out}`,
    );
    assert.match(out, /^Why:$/m);
    assert.ok(out.includes('  rag_quality: asked 2 of 8 questions (profile: smoke); set profile: full or volumes.qa_sample_size\n'), out);
    assert.doesNotMatch(out, /Run error:/, 'the story replaces the run error line');
    assert.doesNotMatch(out, /^Notes:$/m, 'notes only with --verbose');
    // The report keeps the user's own address readable too; the masks still run.
    const report = await readReport(path.join(ws.dir, 'reports', 'run_20250101-000001_0000d001.json'));
    assert.equal(report.cases[0]?.error, `connection_refused: connection refused by ${url}/ask`);
    assert.ok(
      report.logs.some((l) => l.message.includes(url)),
      JSON.stringify(report.logs),
    );
    assert.ok(!JSON.stringify(report).includes('127.*.*.*'));
  });

  it("--verbose adds the suites' notes, apart from the errors", async () => {
    const r = await runCli(['run', 'aiqk.yaml', '--verbose'], ws.dir);
    const notes = r.stdout.slice(r.stdout.indexOf('\nNotes:\n'));
    assert.match(notes, /^ {2}rag_quality: 2 of 2 questions got no answer \(target errors\)/m);
  });
});
