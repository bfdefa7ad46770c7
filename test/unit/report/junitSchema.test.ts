// The JUnit file of passed, failed, cancelled and inconclusive runs validated by a
// real XSD validator (xmllint, from libxml2) against junit-10.xsd, the schema
// Jenkins' xUnit plugin reads JUnit reports with.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { resolveProfile } from '../../../src/engine/config/resolve';
import { toJunitXml } from '../../../src/engine/report/junitReport';
import { runAndWriteReports } from '../../../src/engine/run/runAndWriteReports';
import { buildSummary, unclearRateMetric } from '../../../src/engine/metrics/verdict';
import { assemble, makeCase } from './fixtures';
import { findAll, parseXml } from './miniXml';

const XSD = path.resolve('test/fixtures/junit/junit-10.xsd');
const DEMO = path.resolve('examples/demo/aiqk.yaml');
const run = promisify(execFile);

/** xmllint's verdict on a JUnit text: '' when valid, else its messages. */
async function schemaErrors(xml: string, dir: string): Promise<string> {
  const file = path.join(dir, `check-${Math.random().toString(16).slice(2)}.xml`);
  await writeFile(file, xml);
  try {
    await run('xmllint', ['--noout', '--schema', XSD, file]);
    return '';
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('xmllint is not installed: install the Debian package libxml2-utils (the CI provisioning does)', {
        cause: err,
      });
    return e.stderr ?? String(err);
  }
}

describe('JUnit report against the xUnit plugin schema (junit-10.xsd)', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-junit-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function demoRun(extra: Partial<RunProfile>, cancelAfterCases?: number): Promise<{ result: RunResult; xml: string }> {
    const raw = { ...(parse(await readFile(DEMO, 'utf8')) as RunProfile), ...extra };
    const profile = resolveProfile(raw, DEMO);
    const handle = runAndWriteReports(profile, {
      auditFile: false,
      formats: ['junit'],
      outDir: path.join(dir, 'reports'),
      suites: ['rag_quality', 'red_team', 'performance'],
    });
    if (cancelAfterCases !== undefined) {
      let finished = 0;
      handle.events.onEvent((e) => {
        if (e.type === 'case-finished' && ++finished === cancelAfterCases) handle.cancel('stopped by the test');
      });
    }
    const written = await handle.written;
    assert.equal(written.writeError, undefined);
    return { result: written.result, xml: await readFile(written.files.junit as string, 'utf8') };
  }

  it('rejects what the schema forbids (the validator is real): skipped and timestamp on <testsuites>', async () => {
    const old =
      '<?xml version="1.0"?>\n<testsuites name="x" tests="0" failures="0" errors="0" skipped="0" timestamp="2025-01-01T00:00:00Z" time="0.000"/>\n';
    assert.match(await schemaErrors(old, dir), /skipped.*not allowed|timestamp.*not allowed/);
  });

  it('a passed run: valid, times are the wall times of the run, each suite and each case', async () => {
    const { result, xml } = await demoRun({});
    assert.equal(result.run.status, 'passed');
    assert.equal(await schemaErrors(xml, dir), '');
    const doc = parseXml(xml);
    assert.equal(doc.attrs['time'], (result.run.duration_ms / 1000).toFixed(3));
    assert.equal(doc.attrs['skipped'], undefined);
    assert.equal(doc.attrs['timestamp'], undefined);
    for (const suite of findAll(doc, 'testsuite')) {
      const summary = result.summary.suites[suite.attrs['name'] as 'rag_quality'];
      assert.equal(typeof summary?.duration_ms, 'number');
      assert.equal(suite.attrs['time'], ((summary?.duration_ms as number) / 1000).toFixed(3));
    }
    const first = result.cases[0]!;
    assert.equal(typeof first.duration_ms, 'number');
    assert.ok((first.duration_ms as number) >= (first.latency_ms ?? 0), 'a case takes at least its call');
    const tc = findAll(doc, 'testcase').find((t) => t.attrs['name'] === first.case_id);
    assert.equal(tc?.attrs['time'], ((first.duration_ms as number) / 1000).toFixed(3));
    assert.equal(findAll(doc, 'error').length, 0);
  });

  it('a failed run: valid, the threshold miss is a failure', async () => {
    const { result, xml } = await demoRun({ thresholds: { f1_min: 0.99 } });
    assert.equal(result.run.status, 'failed');
    assert.equal(await schemaErrors(xml, dir), '');
    const failures = findAll(parseXml(xml), 'failure').map((f) => f.attrs['message']);
    assert.ok(
      failures.some((m) => /^f1 .* < 0\.99$/.test(m ?? '')),
      failures.join('\n'),
    );
  });

  it('a cancelled run: valid, and an <error> says it was cancelled and why, so CI is not green', async () => {
    const { result, xml } = await demoRun({}, 2);
    assert.equal(result.run.status, 'cancelled');
    assert.equal(await schemaErrors(xml, dir), '');
    const doc = parseXml(xml);
    const runSuite = findAll(doc, 'testsuite').find((s) => s.attrs['name'] === 'aiqk.run');
    const error = findAll(runSuite!, 'error')[0];
    assert.equal(error?.attrs['type'], 'cancelled');
    assert.match(error?.attrs['message'] ?? '', /^run cancelled: stopped by the test/);
    assert.ok(Number(doc.attrs['errors']) >= 1);
    const skipped = findAll(doc, 'skipped').map((s) => s.attrs['message'] ?? '');
    assert.ok(
      skipped.some((m) => m.startsWith('cancelled: ')),
      skipped.join('\n'),
    );
  });

  it('an inconclusive run: valid, an <error> names the inconclusive suite, its unjudged replies are skipped', async () => {
    const cases = [
      makeCase('red_team', 'a1', 'passed'),
      makeCase('red_team', 'a2', 'inconclusive', { error: 'the reply could not be classified' }),
      makeCase('red_team', 'a3', 'inconclusive', { error: 'the reply could not be classified' }),
    ];
    const result = assemble(cases, { status: 'inconclusive' });
    // Only red_team ran: 2 of its 3 replies could not be classified, over unclear_rate_max.
    result.run.suites = ['red_team'];
    result.summary.suites = { red_team: buildSummary('red_team', cases, [unclearRateMetric(2, 3, {}, false)]) };
    assert.equal(result.summary.suites.red_team?.status, 'inconclusive');
    const xml = await toJunitXml(result);
    assert.equal(await schemaErrors(xml, dir), '');
    const doc = parseXml(xml);
    const error = findAll(doc, 'error').find((e) => e.attrs['type'] === 'inconclusive');
    assert.equal(
      error?.attrs['message'],
      'run inconclusive, not passed: red_team: 2 of 3 replies could not be classified; a judge (judge: in the profile) would grade them (unclear_rate 0.67 > 0.2)',
    );
    const red = findAll(doc, 'testsuite').find((s) => s.attrs['name'] === 'red_team')!;
    const skipped = findAll(red, 'skipped').map((s) => s.attrs['message']);
    assert.deepEqual(skipped, [
      'inconclusive: 2 of 3 replies could not be classified; a judge (judge: in the profile) would grade them (unclear_rate 0.67 > 0.2)',
      'the reply could not be classified',
      'the reply could not be classified',
    ]);
    assert.equal(red.attrs['skipped'], '3');
    // A report written before wall times were recorded: the suite's time spans its cases.
    assert.equal(red.attrs['time'], '2.120');
  });
});
