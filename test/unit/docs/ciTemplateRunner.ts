// Runs the commands of the CI templates in docs/ci on this machine the way the CI
// system would: each job in a checkout of its own, with the variables that system
// sets, `npx aiqk` being the CLI built from this source.
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import type { CaseResult, RunResult, SuiteSummary } from '../../../src/engine/model/runTypes';
import { readReport } from '../../../src/engine/report/jsonReport';
import { reportFilesIn } from '../../../src/engine/report/reportFiles';

export const CI_DIR = path.resolve(__dirname, '..', '..', '..', 'docs', 'ci');

/** A small profile on the offline built-in target whose verdict needs every shard (answer_recall is a mean over all questions). */
export const TEMPLATE_PROFILE: RunProfile = {
  version: 1,
  target: { mode: 'builtin' },
  suites: ['rag_quality', 'red_team'],
  volumes: { qa_sample_size: 8, concurrency: 4 },
  thresholds: { answer_recall_min: 0.9 },
};

/** A finished shell command. */
export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `argv` in `cwd` with exactly `env` (nothing of this process's own CI variables leaks in). */
export function run(argv: readonly string[], cwd: string, env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A machine for the template jobs: checkouts under `root`, and `npx aiqk` on PATH running `cli`. */
export class CiMachine {
  private constructor(
    readonly root: string,
    private readonly bin: string,
  ) {}

  static async create(root: string, cli: string): Promise<CiMachine> {
    const bin = path.join(root, 'bin');
    await mkdir(bin, { recursive: true });
    const npx = path.join(bin, 'npx');
    await writeFile(
      npx,
      `#!/bin/sh\nif [ "$1" = aiqk ]; then shift; exec "${process.execPath}" "${cli}" "$@"; fi\necho "npx $*: only aiqk is installed here" >&2\nexit 127\n`,
    );
    await chmod(npx, 0o755);
    return new CiMachine(root, bin);
  }

  /** A fresh checkout of the repository the template runs in: the run profile at aiqk.yaml. */
  async checkout(name: string): Promise<string> {
    const dir = path.join(this.root, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'aiqk.yaml'), stringify(TEMPLATE_PROFILE));
    return dir;
  }

  /** The environment of a job: PATH with `npx aiqk`, HOME, and what the CI system sets. */
  env(ci: Record<string, string>): Record<string, string> {
    return { PATH: `${this.bin}${path.delimiter}${process.env.PATH ?? ''}`, HOME: this.root, NO_COLOR: '1', ...ci };
  }
}

/** Whether a script line or step calls aiqk (the lines a test runs; `npm ci` and the like are skipped). */
export function callsAiqk(command: string): boolean {
  return /\bnpx aiqk\b/.test(command);
}

/** The value of `--out` in a command. */
export function outDirOf(command: string): string {
  const m = /--out\s+(\S+)/.exec(command);
  if (!m) throw new Error(`no --out in: ${command}`);
  return m[1]!;
}

/** Copies a folder's contents into another (an artifact uploaded, then downloaded). */
export async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await cp(from, to, { recursive: true });
}

/** The files of `dir` matching a CI glob's last segment (`aiqk-report/*.junit.xml`). */
export async function globFiles(cwd: string, pattern: string): Promise<string[]> {
  const dir = path.join(cwd, path.dirname(pattern));
  const re = new RegExp(
    `^${path
      .basename(pattern)
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  return (await readdir(dir).catch(() => [])).filter((n) => re.test(n)).map((n) => path.join(dir, n));
}

/** The one JSON report in a folder (and its subfolders). */
export async function onlyReport(dir: string): Promise<RunResult> {
  const files = await reportFilesIn([dir]);
  if (files.length !== 1) throw new Error(`expected one report in ${dir}, found ${files.join(', ')}`);
  return readReport(files[0]!);
}

/** A JUnit file's test case count, to see it is the merged run's. */
export async function junitCaseCount(file: string): Promise<number> {
  return ((await readFile(file, 'utf8')).match(/<testcase /g) ?? []).length;
}

function comparableCase(c: CaseResult): Omit<CaseResult, 'latency_ms' | 'timestamp' | 'duration_ms'> {
  const { latency_ms: _l, timestamp: _t, duration_ms: _d, ...rest } = c;
  return rest;
}

function comparableSummary(summary: SuiteSummary): unknown {
  const { duration_ms: _d, ...s } = summary;
  return s;
}

// Means summed in another order differ in the last bits (0.33534274033500033 and …44): 12 significant digits are compared.
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v,
  );
}

/**
 * What must be equal between a merged and an unsharded run: verdicts, counts, every
 * metric, every case (not ids, times, durations or latencies), numbers to 12 significant digits.
 */
export function comparable(r: RunResult): unknown {
  const key = (c: CaseResult): string => `${c.suite}\u0000${c.case_id}`;
  return rounded({
    status: r.run.status,
    suites: r.run.suites,
    overall: r.summary.overall,
    summaries: Object.fromEntries(Object.entries(r.summary.suites).map(([name, s]) => [name, comparableSummary(s)])),
    cases: [...r.cases].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map(comparableCase),
  });
}
