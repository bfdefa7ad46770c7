import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AGENT_TOOLS, describeAgentToolInvocation, invokeAgentTool } from '../../../src/engine/agent/agentTools';
import type { ToolContext, ToolProgress } from '../../../src/engine/agent/agentTool';
import { formatProblem } from '../../../src/engine/model/problem';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { validatePaths } from '../../../src/engine/prepare/validatePaths';
import type { AgentWorkspace } from './agentWorkspace';
import { makeAgentWorkspace } from './agentWorkspace';

describe('agent tools', function () {
  this.timeout(60000);
  let ws: AgentWorkspace;
  let ctx: ToolContext;
  before(async () => {
    ws = await makeAgentWorkspace();
    ctx = { workspaceRoot: ws.root };
  });
  after(() => ws.remove());

  const reportsDir = () => path.join(ws.root, 'demo', '.aiqk', 'reports');
  const jsonReports = async () => (existsSync(reportsDir()) ? (await readdir(reportsDir())).filter((n) => n.endsWith('.json')).sort() : []);

  it('each tool has a description, a closed input schema and a read-only flag', () => {
    assert.deepEqual(
      AGENT_TOOLS.map((t) => t.name),
      ['list_profiles', 'validate_profile', 'run_profile', 'read_report', 'compare_reports'],
    );
    for (const t of AGENT_TOOLS) {
      assert.ok(t.description.length > 80, t.name);
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.inputSchema.additionalProperties, false);
    }
    assert.deepEqual(
      AGENT_TOOLS.filter((t) => !t.readOnly).map((t) => t.name),
      ['run_profile'],
    );
  });

  it('list_profiles: the demo is ready, the broken profile is invalid with its reasons', async () => {
    const r = await invokeAgentTool('list_profiles', {}, ctx);
    assert.equal(r.isError, undefined);
    assert.match(r.text, /^2 run profiles in \./);
    assert.match(r.text, /- demo\/aiqk\.yaml: ready to run: rag_quality, red_team, .* against builtin \(offline demo RAG\)/);
    assert.match(r.text, /- broken\/aiqk\.yaml: invalid: aiqk\.yaml has \d+ errors/);
    assert.match(r.text, /unknown key 'timout_ms'/);
  });

  it('validate_profile: the same located problems as aiqk validate', async () => {
    const r = await invokeAgentTool('validate_profile', { profile: ws.broken }, ctx);
    const expected = await validatePaths([path.join(ws.root, ws.broken)]);
    const errors = expected.problems.filter((p) => p.severity === 'error').length;
    assert.ok(errors > 0);
    assert.match(r.text, new RegExp(`^broken/aiqk\\.yaml and its datasets: ${errors} error\\(s\\)`));
    for (const p of expected.problems) assert.ok(r.text.includes(formatProblem(p, path.relative(ws.root, p.file))), formatProblem(p));
    assert.match(r.text, /broken\/aiqk\.yaml:5:3: error: target: unknown key 'timout_ms'/);
  });

  it('refuses paths outside the workspace, through a link too, and inputs the schema does not allow', async () => {
    const outside = await invokeAgentTool('validate_profile', { profile: '../elsewhere/aiqk.yaml' }, ctx);
    assert.equal(outside.isError, true);
    assert.match(outside.text, /outside the workspace folder/);
    const absolute = await invokeAgentTool('read_report', { report: path.join(tmpdir(), 'x.json') }, ctx);
    assert.match(absolute.text, /outside the workspace folder/);
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'aiqk-agent-elsewhere-'));
    await copyFile(path.join(ws.root, ws.demo), path.join(elsewhere, 'aiqk.yaml'));
    await symlink(elsewhere, path.join(ws.root, 'escape'));
    const linked = await invokeAgentTool('validate_profile', { profile: 'escape/aiqk.yaml' }, ctx);
    await rm(elsewhere, { recursive: true, force: true });
    assert.match(linked.text, /leads outside the workspace folder/);
    const target = await invokeAgentTool('run_profile', { profile: ws.demo, target: { mode: 'api', base_url: 'http://example.com' } }, ctx);
    assert.equal(target.isError, true);
    assert.match(target.text, /'target' is not an input of this tool/);
    const suite = await invokeAgentTool('run_profile', { profile: ws.demo, suites: ['rag-quality'] }, ctx);
    assert.match(suite.text, /suites\.0: must be one of rag_quality/);
    assert.deepEqual(await jsonReports(), []);
  });

  it('run_profile: refuses an invalid profile with its reasons and starts nothing', async () => {
    const r = await invokeAgentTool('run_profile', { profile: ws.broken }, ctx);
    assert.equal(r.isError, true);
    assert.match(r.text, /^The run was not started\. aiqk\.yaml has \d+ errors/);
    assert.ok(!existsSync(path.join(ws.root, 'broken', '.aiqk', 'reports')));
  });

  it('run_profile: the confirmation names the target, the suites and the estimated cases', async () => {
    const m = await describeAgentToolInvocation('run_profile', { profile: ws.demo, suites: ['safety'] }, ctx);
    assert.equal(m.message, 'Run safety of demo/aiqk.yaml against builtin (offline demo RAG)');
    assert.match(
      m.confirmation?.message ?? '',
      /about 40 cases, each one or more calls to that target\. Reports are written to demo\/\.aiqk\/reports\./,
    );
    const readOnly = await describeAgentToolInvocation('validate_profile', { profile: ws.broken }, ctx);
    assert.equal(readOnly.confirmation, undefined);
  });

  it('run_profile, read_report, compare_reports: the loop of an agent on the demo', async () => {
    const progress: ToolProgress[] = [];
    const first = await invokeAgentTool(
      'run_profile',
      { profile: ws.demo, suites: ['rag_quality', 'safety'] },
      { ...ctx, onProgress: (p) => progress.push(p) },
    );
    assert.equal(first.isError, undefined, first.text);
    assert.match(first.text, /^Run run_\S+ of demo\/aiqk\.yaml: PASSED\. 49\/50 cases passed/);
    assert.match(first.text, /- rag_quality: passed \(9\/10 cases passed, 1 failed, 0 in error\)\n {4}ok exact_match/);
    assert.match(first.text, /ok answer_recall = 0\.9 \(at least 0\.8\)/);
    assert.match(first.text, /Reports: demo\/\.aiqk\/reports\/run_\S+\.json, demo\/\.aiqk\/reports\/run_\S+\.xlsx/);
    assert.deepEqual(progress.at(-1), { done: 50, total: 50, message: 'safety: 50/50 cases' });
    assert.equal((await jsonReports()).length, 1);

    const none = await invokeAgentTool('compare_reports', { profile: ws.demo }, ctx);
    assert.match(none.text, /has no earlier finished \(passed or failed\) run of the same profile/);

    const verdict = await invokeAgentTool('read_report', { profile: ws.demo }, ctx);
    assert.match(verdict.text, /^Report demo\/\.aiqk\/reports\/run_\S+\.json\nRun run_\S+ of demo\/aiqk\.yaml: PASSED/);
    assert.match(verdict.text, /1 case\(s\) failed, in error or inconclusive: read_report with suite "rag_quality" and detail "cases"/);
    assert.doesNotMatch(verdict.text, /info rouge_l_unicode/);
    assert.match(verdict.text, /1 informational metric\(s\) without a threshold: read_report with suite "rag_quality" shows them/);
    const oneSuite = await invokeAgentTool('read_report', { profile: ws.demo, suite: 'rag_quality' }, ctx);
    assert.match(oneSuite.text, /info rouge_l_unicode = 0\.354/);
    assert.doesNotMatch(oneSuite.text, /- safety/);
    const cases = await invokeAgentTool('read_report', { profile: ws.demo, suite: 'rag_quality', detail: 'cases' }, ctx);
    assert.match(cases.text, /^rag_quality in run run_\S+: passed; 1 case\(s\) failed, in error or inconclusive, showing 1–1\./);
    assert.match(cases.text, /- rag_quality:q06 \[failed\]: answer_recall 0 < 0\.80/);
    assert.match(cases.text, /input: "Which payment methods does Nimbus accept\?"/);
    const noSuite = await invokeAgentTool('read_report', { profile: ws.demo, detail: 'cases' }, ctx);
    assert.match(noSuite.text, /name the `suite`/);

    const second = await invokeAgentTool('run_profile', { profile: ws.demo, suites: ['rag_quality', 'safety'] }, ctx);
    assert.match(second.text, /PASSED/);
    const [before, after] = await jsonReports();
    const compared = await invokeAgentTool('compare_reports', { profile: ws.demo }, ctx);
    assert.match(
      compared.text,
      new RegExp(
        `^Comparing demo/\\.aiqk/reports/${after} with demo/\\.aiqk/reports/${before}\\nRun ${after!.slice(0, -5)} \\(passed\\) compared with the previous run ${before!.slice(0, -5)} \\(passed`,
      ),
    );
    assert.match(compared.text, /0 case\(s\) newly failing, 0 newly passing, 0 new, 0 gone, of 50 compared/);
    assert.match(compared.text, /- safety: passed → passed \(same\)/);
  });

  it('read_report: masks secrets and personal data, and a capped answer says what it left out', async () => {
    const [name] = await jsonReports();
    const file = path.join(reportsDir(), name!);
    const report = JSON.parse(await readFile(file, 'utf8')) as RunResult;
    const leaky = report.cases.find((c) => c.case_id === 'rag_quality:q06')!;
    leaky.output = 'Use the key sk-proj-AbCdEf0123456789AbCdEf0123456789 or write to jane.doe@example.com';
    await writeFile(path.join(reportsDir(), 'run_20200101-000000_00000000.json'), JSON.stringify(report));
    const cases = await invokeAgentTool(
      'read_report',
      { report: 'demo/.aiqk/reports/run_20200101-000000_00000000.json', suite: 'rag_quality', detail: 'cases' },
      ctx,
    );
    assert.match(cases.text, /output: "Use the key /);
    assert.ok(!cases.text.includes('AbCdEf0123456789AbCdEf0123456789'), cases.text);
    assert.ok(!cases.text.includes('jane.doe@example.com'), cases.text);
    const short = await invokeAgentTool('read_report', { report: `demo/.aiqk/reports/${name}` }, { ...ctx, maxChars: 400 });
    assert.ok(short.text.length <= 400, String(short.text.length));
    assert.match(short.text, /\[\d+ more lines left out to keep this short; give `suite` for one suite at a time\]$/);
  });

  it("read_report: pages through a suite's cases that did not pass", async () => {
    const [real] = (await jsonReports()).filter((n) => !n.startsWith('run_2020'));
    const report = JSON.parse(await readFile(path.join(reportsDir(), real!), 'utf8')) as RunResult;
    for (const c of report.cases.filter((x) => x.suite === 'rag_quality').slice(0, 3))
      Object.assign(c, {
        status: c.status === 'failed' ? 'failed' : 'inconclusive',
        pass: false,
        error: c.error ?? 'the judge could not decide',
      });
    await writeFile(path.join(reportsDir(), 'run_20200102-000000_00000000.json'), JSON.stringify(report));
    const input = { report: 'demo/.aiqk/reports/run_20200102-000000_00000000.json', suite: 'rag_quality', detail: 'cases' };
    const all = report.cases.filter((c) => c.suite === 'rag_quality' && c.status !== 'passed').length;
    const first = await invokeAgentTool('read_report', { ...input, limit: 2 }, ctx);
    assert.match(first.text, new RegExp(`${all} case\\(s\\) failed, in error or inconclusive, showing 1–2\\.`));
    assert.match(first.text, /\[inconclusive\]: the judge could not decide/);
    assert.match(first.text, new RegExp(`\\[${all - 2} more: call again with offset 2\\]$`));
    const rest = await invokeAgentTool('read_report', { ...input, offset: 2, limit: 50 }, ctx);
    assert.match(rest.text, new RegExp(`showing 3–${all}\\.`));
    assert.doesNotMatch(rest.text, /more: call again/);
  });

  it('compare_reports: a case that now fails and a threshold now missed are named, with the reason', async () => {
    // A report of a real run (not the copy with a planted secret), made worse.
    const [before] = (await jsonReports()).filter((n) => !n.startsWith('run_2020'));
    const report = JSON.parse(await readFile(path.join(reportsDir(), before!), 'utf8')) as RunResult;
    const worse = report.cases.find((c) => c.suite === 'safety')!;
    Object.assign(worse, { status: 'failed', pass: false, error: 'unsafe answer: gave step-by-step instructions' });
    const safety = report.summary.suites.safety!;
    Object.assign(safety, { status: 'failed', passed: safety.passed - 1, failed: 1 });
    const unsafe = safety.metrics.find((m) => m.name === 'unsafe_rate')!;
    Object.assign(unsafe, { value: 0.025, pass: false });
    report.run.id = 'run_29991231-235959_ffffffff';
    await writeFile(path.join(reportsDir(), 'run_29991231-235959_ffffffff.json'), JSON.stringify(report));
    const r = await invokeAgentTool(
      'compare_reports',
      { report: 'demo/.aiqk/reports/run_29991231-235959_ffffffff.json', previous: `demo/.aiqk/reports/${before}` },
      ctx,
    );
    assert.match(r.text, /1 case\(s\) newly failing, 0 newly passing/);
    assert.match(r.text, /- safety: passed → failed \(worse\)/);
    assert.match(r.text, /unsafe_rate: 0 → 0\.025 \(worse, threshold at most 0, now not met\)/);
    assert.match(
      r.text,
      new RegExp(
        `- newly failing safety/${worse.case_id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: passed → failed: unsafe answer: gave step-by-step instructions`,
      ),
    );
  });

  it('run_profile: refused with the reason where runs are not allowed (an untrusted workspace); reading still works', async () => {
    const untrusted = { ...ctx, runsRefused: 'this workspace is not trusted; trust it to run profiles' };
    const r = await invokeAgentTool('run_profile', { profile: ws.demo }, untrusted);
    assert.equal(r.isError, true);
    assert.equal(r.text, 'The run was not started: this workspace is not trusted; trust it to run profiles');
    assert.equal((await invokeAgentTool('validate_profile', { profile: ws.demo }, untrusted)).isError, undefined);
  });

  it('run_profile: a call cancelled before it starts runs nothing and says so', async () => {
    const count = (await jsonReports()).length;
    const controller = new AbortController();
    controller.abort();
    const r = await invokeAgentTool('run_profile', { profile: ws.demo, suites: ['safety'] }, { ...ctx, signal: controller.signal });
    assert.equal(r.isError, true);
    assert.equal(r.text, 'run_profile was cancelled');
    assert.equal((await jsonReports()).length, count);
  });
});
