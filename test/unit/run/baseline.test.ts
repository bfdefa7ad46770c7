import assert from 'node:assert/strict';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { findBaseline } from '../../../src/engine/run/baseline';
import { runAndWriteReports } from '../../../src/engine/run/runAndWriteReports';
import { apiProfile } from './runFixtures';
import { useFaultServerAndWorkspace } from './runTestSetup';
import { FIRST_RUN_NOTE } from '../../../src/engine/suites/regression/regressionSummary';

describe('regression baseline', () => {
  const setup = useFaultServerAndWorkspace(3);

  it('uses the newest passed report of the same profile, skipping failed, inconclusive and cancelled runs, other profiles and junk', async () => {
    const raw = apiProfile(setup.server.url, ['regression'], {
      volumes: { qa_sample_size: 3, concurrency: 2 },
      report: { dir: 'reports', formats: ['json'], anonymize: false },
    });
    const profile = await setup.ws.profile(raw);
    const other = await setup.ws.profile(raw, 'other.aiqk.yaml');

    const first = await runAndWriteReports(profile, { auditFile: false }).written;
    assert.equal(first.result.summary.suites.regression?.notes.includes(FIRST_RUN_NOTE), true);
    assert.equal(first.result.run.options.baseline, undefined);

    const second = await runAndWriteReports(profile, { auditFile: false }).written;
    assert.deepEqual(second.result.run.options.baseline, { run_id: first.result.run.id, file: `reports/${first.result.run.id}.json` });
    assert.ok(
      second.result.cases.every((c) => typeof c.metrics.similarity === 'number'),
      'cases were compared with the baseline',
    );

    const cancelled = runAndWriteReports(profile, { auditFile: false });
    cancelled.cancel('not a baseline');
    assert.equal((await cancelled.written).result.run.status, 'cancelled');
    await runAndWriteReports(other, { auditFile: false }).written;
    const junk = path.join(profile.report.dir, 'zz-not-a-report.json');
    await writeFile(junk, '{ nope');
    const future = new Date(Date.now() + 60_000);
    await utimes(junk, future, future);
    // Newer runs of the same profile that did not pass: real reports with the status a failed or inconclusive run records.
    const secondReport = JSON.parse(await readFile(second.files.json as string, 'utf8')) as RunResult;
    for (const [id, status] of [
      ['run_20991231-235958_0000000a', 'failed'],
      ['run_20991231-235959_0000000b', 'inconclusive'],
    ] as const) {
      const file = path.join(profile.report.dir, `${id}.json`);
      const notPassed = {
        ...secondReport,
        run: { ...secondReport.run, id, status },
        summary: { ...secondReport.summary, overall: { ...secondReport.summary.overall, status } },
      };
      await writeFile(file, JSON.stringify(notPassed));
      await utimes(file, future, future);
    }

    const logs: string[] = [];
    const found = await findBaseline(profile, { excludeRunId: 'run_20990101-000000_00000000', log: (_l, m) => logs.push(m) });
    assert.equal(found?.runId, second.result.run.id);
    assert.equal(found?.cases.length, 3);
    assert.ok(
      logs.some((m) => /skipped 1 unreadable report/.test(m)),
      logs.join('\n'),
    );
  });

  it('takes a chosen report over discovery, and fails clearly when it cannot be read', async () => {
    const raw = apiProfile(setup.server.url, ['regression'], { volumes: { qa_sample_size: 3, concurrency: 2 } });
    const profile = await setup.ws.profile(raw, 'chosen.aiqk.yaml');
    const base = await runAndWriteReports(profile, { auditFile: false }).written;
    const viaProfile = await setup.ws.profile(
      { ...raw, suite_options: { regression: { baseline: path.relative(setup.ws.dir, base.files.json as string) } } },
      'chosen2.aiqk.yaml',
    );
    const found = await findBaseline(viaProfile, { excludeRunId: 'x', log: () => undefined });
    assert.equal(found?.runId, base.result.run.id);
    const missing = await runAndWriteReports(profile, { auditFile: false, baseline: path.join(setup.ws.dir, 'nope.json') }).written;
    assert.equal(missing.result.run.status, 'error');
    assert.match(missing.result.run.error ?? '', /baseline report cannot be used: cannot read report/);
  });
});
