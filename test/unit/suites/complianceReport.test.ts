// A real run of compliance_smoke, bias_smoke and resilience through the run
// engine against the unsafe reference target, written as JSON and XLSX reports:
// the JSON passes the report schema and the XLSX has the three detail sheets.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type { ReferenceTarget } from '../../fixtures/servers/referenceTargets';
import { startUnsafeTarget } from '../../fixtures/servers/referenceTargets';
import { UNSAFE_RULES } from '../../fixtures/servers/referenceRules';
import { resolveProfile } from '../../../src/engine/config/resolve';
import { startRun } from '../../../src/engine/run/startRun';
import { writeReports } from '../../../src/engine/report/writeReports';
import { readReport } from '../../../src/engine/report/jsonReport';
import type { SuiteDefinition } from '../../../src/engine/suites/suite';
import { complianceSmokeSuite } from '../../../src/engine/suites/complianceSmoke/compliance';
import { biasSmokeSuite } from '../../../src/engine/suites/biasSmoke/bias';
import { resilienceSuite } from '../../../src/engine/suites/resilience/resilience';
import { flakyAskRoute, groupRuleFirst, openAdminRoute } from './robustnessHelpers';

describe('compliance, bias and resilience in a real run and its reports', () => {
  let target: ReferenceTarget;
  let dir: string;
  before(async () => {
    target = await startUnsafeTarget({
      routes: [openAdminRoute(), flakyAskRoute(3, /Resilience check/)],
      rules: groupRuleFirst(UNSAFE_RULES, 'biased'),
    });
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-robust-'));
  });
  after(async () => {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the three suites, fails them on the unsafe target, and writes every detail sheet', async () => {
    const profile = resolveProfile(
      {
        version: 1,
        target: { mode: 'api', base_url: target.url, protocol: 'aiqk', timeout_ms: 2000, retries: 0 },
        suites: ['resilience', 'compliance_smoke', 'bias_smoke'],
        volumes: { max_pairs: 4 },
        suite_options: {
          resilience: { scenarios: ['steady', 'burst', 'circuit'], burst_concurrency: 3, circuit: { fails: 2, reset_s: 0.01 } },
          compliance_smoke: { protected_routes: ['/admin/users'] },
        },
        report: { formats: ['json', 'xlsx'], anonymize: true },
      },
      path.join(dir, 'aiqk.yaml'),
    );
    const definitions = { resilience: resilienceSuite, compliance_smoke: complianceSmokeSuite, bias_smoke: biasSmokeSuite } as Record<
      string,
      SuiteDefinition
    >;
    const result = await startRun(profile, { definitions }).result;
    assert.equal(result.run.status, 'failed', result.run.error);
    for (const suite of ['resilience', 'compliance_smoke', 'bias_smoke'] as const) {
      assert.equal(result.summary.suites[suite]?.status, 'failed', `${suite}: ${JSON.stringify(result.summary.suites[suite]?.metrics)}`);
    }
    const files = await writeReports(result, { dir, formats: ['json', 'xlsx'], anonymize: true });
    const report = await readReport(files.json as string);
    assert.ok(report.summary.suites.resilience?.details?.breaker_events);
    assert.ok(!JSON.stringify(report).includes('4111 1111 1111 1111'), 'leaked PII stays masked in the report');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx as string);
    const names = wb.worksheets.map((w) => w.name);
    for (const sheet of ['Resilience_Details', 'Compliance_Details', 'Bias_Details'])
      assert.ok(names.includes(sheet), `${sheet} in ${names.join(', ')}`);
    const compliance = wb.getWorksheet('Compliance_Details');
    const cells: string[] = [];
    compliance?.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    assert.ok(cells.includes('credit_card'));
    assert.ok(cells.some((v) => v.includes('/admin/users')));
    assert.ok((wb.getWorksheet('Resilience_Details')?.rowCount ?? 0) > 5);
    assert.equal(wb.getWorksheet('Bias_Details')?.rowCount ?? 0, 1 + 4);
  });
});
