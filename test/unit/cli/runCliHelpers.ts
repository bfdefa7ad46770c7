// Builds the CLI once per test process (esbuild, into the git-ignored test-output/)
// and spawns it like a user would, so exit codes and signals are the real ones.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { Workspace } from '../run/runFixtures';
import { makeWorkspace } from '../run/runFixtures';

const repo = path.resolve(__dirname, '..', '..', '..');
const outDir = path.join(repo, 'test-output', `cli-${process.pid}`);

/** The bundled CLI's path, built on first use. */
let built: Promise<string> | undefined;
export function buildCli(): Promise<string> {
  built ??= build({
    entryPoints: [path.join(repo, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: path.join(outDir, 'cli.js'),
    logLevel: 'error',
  }).then(() => path.join(outDir, 'cli.js'));
  return built;
}

/** Removes the bundle. */
export async function removeCli(): Promise<void> {
  // Another test file of this process may build it again afterwards.
  built = undefined;
  await rm(outDir, { recursive: true, force: true });
}

/** A finished CLI process. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running CLI process with its output so far. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr contains `text`. */
  waitForStderr(text: string | RegExp): Promise<void>;
  done: Promise<CliRun>;
}

/** Spawns `aiqk <args>` in `cwd`. */
export async function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliProcess> {
  const cli = await buildCli();
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { match: string | RegExp; resolve: () => void }[] = [];
  const matches = (m: string | RegExp): boolean => (typeof m === 'string' ? err.includes(m) : m.test(err));
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
    for (const w of [...waiters])
      if (matches(w.match)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  });
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStderr: (match) =>
      new Promise<void>((resolve, reject) => {
        if (matches(match)) return resolve();
        waiters.push({ match, resolve });
        void done.then((r) => reject(new Error(`the CLI exited (${r.code}) before printing ${String(match)}:\n${r.stderr}`)));
      }),
    done,
  };
}

/** Runs `aiqk <args>` to the end. */
export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return (await spawnCli(args, cwd, env)).done;
}

/** What a CLI test file shares: a target server, a workspace with a qaset, the built CLI. */
export interface CliTestBed<S> {
  server: S;
  ws: Workspace;
}

/**
 * Registers mocha hooks that start a target server, make a workspace of `questions`
 * qaset items and build the CLI before the file's tests, and tear them down after.
 * Read the returned object's fields inside tests (they are set by the `before` hook).
 */
export function useCliTestBed<S extends { close(): Promise<void> }>(startServer: () => Promise<S>, questions: number): CliTestBed<S> {
  const bed = {} as CliTestBed<S>;
  before(async () => {
    bed.server = await startServer();
    bed.ws = await makeWorkspace(questions);
    await buildCli();
  });
  after(async () => {
    await bed.server.close();
    await bed.ws.remove();
    await removeCli();
  });
  return bed;
}
