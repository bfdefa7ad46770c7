// The CI templates users copy (docs/ci) run their shard commands here as N processes
// with the variables each CI system sets, then merge as the template does; the
// merged report must equal an unsharded run of the same profile.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { buildCli, removeCli } from '../cli/runCliHelpers';
import type { Ran } from './ciTemplateRunner';
import {
  CI_DIR,
  CiMachine,
  callsAiqk,
  comparable,
  copyInto,
  globFiles,
  junitCaseCount,
  onlyReport,
  outDirOf,
  run,
} from './ciTemplateRunner';

/* eslint-disable @typescript-eslint/no-explicit-any -- CI files are free-form YAML, read by their documented keys */

const read = async (name: string): Promise<string> => readFile(path.join(CI_DIR, name), 'utf8');

describe('CI templates (docs/ci): shards run as the CI system runs them merge into the unsharded run', function () {
  this.timeout(180_000);
  let machine: CiMachine;
  let whole: RunResult;

  before(async () => {
    const cli = await buildCli();
    machine = await CiMachine.create(await mkdtemp(path.join(tmpdir(), 'aiqk-ci-')), cli);
    const dir = await machine.checkout('unsharded');
    const r = await run(['sh', '-c', 'npx aiqk run aiqk.yaml --format json --out whole'], dir, machine.env({}));
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    whole = await onlyReport(path.join(dir, 'whole'));
    // The profile's verdict needs every shard: answer_recall is a mean over all questions.
    assert.equal(whole.run.status, 'failed', 'the template profile should fail its answer_recall threshold');
  });

  after(async () => {
    await rm(machine.root, { recursive: true, force: true });
    await removeCli();
  });

  /** Checks one shard's run: it did not fail its job, said where its shard came from and wrote it into run.shard. */
  function checkShard(r: Ran, label: string, source: RegExp): void {
    assert.equal(r.code, 0, `${label} failed its job:\n${r.stderr}`);
    assert.match(r.stderr, source, `${label} did not say which CI variables it used:\n${r.stderr}`);
  }

  async function checkMerged(merge: Ran, outDir: string, junitFiles: string[], shards: number): Promise<void> {
    const merged = await onlyReport(outDir);
    assert.deepEqual(comparable(merged), comparable(whole));
    assert.equal(merge.code, merged.run.status === 'passed' ? 0 : 1, `the merge must gate on the merged verdict:\n${merge.stderr}`);
    assert.match(
      merged.logs.find((l) => l.message.startsWith('merged shards'))?.message ?? '',
      new RegExp(`^merged shards 1 to ${shards} of ${shards}`),
    );
    assert.equal(junitFiles.length, 1, 'the template publishes one JUnit report');
    assert.ok((await junitCaseCount(junitFiles[0]!)) >= whole.cases.length);
  }

  it('GitHub Actions: a matrix of shards with AIQK_SHARD_INDEX/TOTAL, artifacts, and a merge job that gates on the verdict', async () => {
    const wf = parse(await read('github-actions.yml')) as any;
    const jobs = Object.entries(wf.jobs as Record<string, any>);
    const [shardName, shardJob] = jobs.find(([, j]) => j.strategy?.matrix && j.steps.some((s: any) => /aiqk run/.test(s.run ?? '')))!;
    const [[axis, values]] = Object.entries(shardJob.strategy.matrix as Record<string, unknown[]>) as [string, unknown[]][];
    assert.ok(values!.length >= 2, 'the matrix lists the shards');
    const mergeJob = jobs.map(([, j]) => j).find((j) => [j.needs].flat().includes(shardName))!;
    assert.equal(mergeJob.if, '${{ !cancelled() }}', 'the merge runs after a failed shard too, to name it');

    const artifacts: { name: string; dir: string }[] = [];
    const shardRuns = values!.map(async (value, k) => {
      const expr = (text: string): string =>
        text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e: string) => {
          if (e === `matrix.${axis}`) return String(value);
          if (e === 'strategy.job-total') return String(values!.length);
          if (e === 'strategy.job-index') return String(k);
          throw new Error(`the test does not know the expression ${e}`);
        });
      const exprs = (env: Record<string, unknown> = {}): Record<string, string> =>
        Object.fromEntries(Object.entries(env).map(([name, v]) => [name, expr(String(v))]));
      const cwd = await machine.checkout(`github-${shardName}-${k}`);
      for (const step of shardJob.steps as any[]) {
        if (step.run && callsAiqk(step.run)) {
          const env = machine.env({ CI: 'true', GITHUB_ACTIONS: 'true', ...exprs(wf.env), ...exprs(shardJob.env), ...exprs(step.env) });
          checkShard(
            await run(['bash', '-eo', 'pipefail', '-c', expr(step.run)], cwd, env),
            `shard ${String(value)}`,
            /aiqk run: shard \d\/\d from AIQK_SHARD_INDEX\/AIQK_SHARD_TOTAL \(AIQK_SHARD_INDEX=\d/,
          );
        }
        if (String(step.uses ?? '').startsWith('actions/upload-artifact@'))
          artifacts.push({ name: expr(step.with.name), dir: path.join(cwd, step.with.path) });
      }
    });
    await Promise.all(shardRuns);
    assert.equal(artifacts.length, values!.length, 'each shard uploads its report');

    const cwd = await machine.checkout('github-merge');
    let merge: Ran | undefined;
    let outDir = '';
    for (const step of mergeJob.steps as any[]) {
      if (String(step.uses ?? '').startsWith('actions/download-artifact@')) {
        const pattern = new RegExp(`^${String(step.with.pattern).replace(/\*/g, '.*')}$`);
        for (const a of artifacts.filter((x) => pattern.test(x.name)))
          await copyInto(a.dir, step.with['merge-multiple'] ? path.join(cwd, step.with.path) : path.join(cwd, step.with.path, a.name));
      }
      if (step.run && callsAiqk(step.run)) {
        merge = await run(['bash', '-eo', 'pipefail', '-c', step.run], cwd, machine.env({ CI: 'true', GITHUB_ACTIONS: 'true' }));
        outDir = path.join(cwd, outDirOf(step.run));
      }
    }
    const publish = (mergeJob.steps as any[]).find((s) => String(s.uses ?? '').includes('junit'));
    await checkMerged(merge!, outDir, await globFiles(cwd, publish.with.report_paths), values!.length);
  });

  it('GitLab CI: parallel: with CI_NODE_INDEX/CI_NODE_TOTAL, artifacts side by side, and a merge stage', async () => {
    const ci = parse(await read('gitlab-ci.yml')) as any;
    const jobs = Object.entries(ci as Record<string, any>).filter(([, j]) => j && typeof j === 'object' && Array.isArray(j.script));
    const [shardName, shardJob] = jobs.find(([, j]) => typeof j.parallel === 'number' && j.script.some((l: string) => /aiqk run/.test(l)))!;
    const n = shardJob.parallel as number;
    const [, mergeJob] = jobs.find(([, j]) => [j.needs].flat().includes(shardName))!;
    assert.ok(ci.stages.indexOf(mergeJob.stage) > ci.stages.indexOf(shardJob.stage), 'the merge stage comes after the shards');
    const script = (job: any): string => (job.script as string[]).filter(callsAiqk).join('\n');
    const variables = (job: any): Record<string, string> => ({ ...(ci.variables ?? {}), ...(job.variables ?? {}) });

    const mergeDir = await machine.checkout('gitlab-merge');
    await Promise.all(
      Array.from({ length: n }, async (_, k) => {
        const cwd = await machine.checkout(`gitlab-${shardName}-${k + 1}`);
        const env = machine.env({
          CI: 'true',
          GITLAB_CI: 'true',
          ...variables(shardJob),
          CI_NODE_INDEX: String(k + 1),
          CI_NODE_TOTAL: String(n),
        });
        checkShard(
          await run(['bash', '-e', '-c', script(shardJob)], cwd, env),
          `job ${k + 1}/${n}`,
          new RegExp(`aiqk run: shard ${k + 1}/${n} from GitLab CI \\(CI_NODE_INDEX=${k + 1}, CI_NODE_TOTAL=${n}\\)`),
        );
        // GitLab restores each job's artifacts at their paths in the later job's checkout.
        for (const p of shardJob.artifacts.paths as string[]) await copyInto(path.join(cwd, p), path.join(mergeDir, p));
      }),
    );
    const merge = await run(
      ['bash', '-e', '-c', script(mergeJob)],
      mergeDir,
      machine.env({ CI: 'true', GITLAB_CI: 'true', ...variables(mergeJob) }),
    );
    await checkMerged(
      merge,
      path.join(mergeDir, outDirOf(script(mergeJob))),
      await globFiles(mergeDir, mergeJob.artifacts.reports.junit),
      n,
    );
  });

  it('Kubernetes: an Indexed Job with JOB_COMPLETION_INDEX and AIQK_SHARD_TOTAL on a shared volume, then a merge Job', async () => {
    const docs = (text: string): any[] => parseAllDocuments(text).map((d) => d.toJSON());
    const shardDocs = docs(await read('kubernetes-shards.yaml'));
    const job = shardDocs.find((d) => d.kind === 'Job' && d.spec.completionMode === 'Indexed');
    const n = job.spec.completions as number;
    const claims = new Set(shardDocs.filter((d) => d.kind === 'PersistentVolumeClaim').map((d) => d.metadata.name as string));
    const shared = path.join(machine.root, 'k8s-volume');
    /** A pod's command line, each volume's mount path pointing at the shared folder of its claim. */
    const podCommand = (spec: any): { argv: string[]; env: Record<string, string> } => {
      const c = spec.containers[0];
      let argv = [...c.command, ...(c.args ?? [])].map(String);
      for (const m of c.volumeMounts as any[]) {
        const claim = spec.volumes.find((v: any) => v.name === m.name).persistentVolumeClaim.claimName;
        assert.ok(claims.has(claim), `volume ${m.name} uses the claim the shards manifest defines`);
        argv = argv.map((a) => a.split(m.mountPath).join(path.join(shared, claim)));
      }
      return { argv, env: Object.fromEntries(((c.env ?? []) as any[]).map((e) => [e.name, String(e.value)])) };
    };
    const shardPod = podCommand(job.spec.template.spec);
    assert.equal(shardPod.env.AIQK_SHARD_TOTAL, String(n), 'AIQK_SHARD_TOTAL equals completions');
    assert.equal(job.spec.parallelism, n);
    await Promise.all(
      Array.from({ length: n }, async (_, k) => {
        const cwd = await machine.checkout(`k8s-pod-${k}`);
        const r = await run(shardPod.argv, cwd, machine.env({ ...shardPod.env, JOB_COMPLETION_INDEX: String(k) }));
        checkShard(
          r,
          `pod ${k}`,
          new RegExp(`aiqk run: shard ${k + 1}/${n} from Kubernetes Indexed Job \\(JOB_COMPLETION_INDEX=${k}, AIQK_SHARD_TOTAL=${n}\\)`),
        );
      }),
    );
    const mergeJob = docs(await read('kubernetes-merge.yaml')).find((d) => d.kind === 'Job');
    const mergePod = podCommand(mergeJob.spec.template.spec);
    const merge = await run(mergePod.argv, await machine.checkout('k8s-merge'), machine.env(mergePod.env));
    const outDir = outDirOf(mergePod.argv.join(' '));
    await checkMerged(merge, outDir, await globFiles(outDir, '*.junit.xml'), n);
  });
});
