#!/usr/bin/env node
// Runs the integration tests inside a real VS Code extension host (code-server's
// VS Code 1.100.3 in headless Chromium, offline; see scripts/vscodeTestRunner.mjs).
//
//   node scripts/runIntegrationTests.mjs [suite ...]     (npm run test:integration)
//
// Conventions: adding a suite
//   - test/integration/<name>.test.ts       mocha bdd (describe/it), may import vscode.
//     esbuild bundles it to out/test/integration/<name>.test.js; the bootstrap
//     test/integration/index.ts (the extensionTestsPath) loads the suites by name.
//   - test/fixtures/workspaces/<name>/       the folder opened for that suite. It is
//     copied to a temp folder named <name> first, so tests may edit files freely.
//   - test/integration/<name>.suite.json     optional, per suite:
//       { "workspace": "other",        // fixture folder name to open instead; null = empty window
//         "userSettings": { "workbench.colorTheme": "Default Dark Modern" },
//         "untrusted": true,           // Workspace Trust on, folder untrusted (restricted mode)
//         "timeoutSeconds": 300 }
//   Helpers shared by several suites go in test/integration/<sub-folder>/ (not an entry).
// Each suite gets its own fresh code-server, user-data dir and window (about 10-20 s).
// Exit code: 0 when every suite passed; the last line is `integration: N passed, N failed`.
//
// With desktop VS Code (not offline) the same tests run through the standard tools:
//   import { runTests } from '@vscode/test-electron';   // not a dependency here (needs Node 22)
//   await runTests({
//     extensionDevelopmentPath: repoRoot,
//     extensionTestsPath: `${repoRoot}/out/test/integration/index.js`,
//     launchArgs: ['test/fixtures/workspaces/activation', '--disable-extensions'],
//     extensionTestsEnv: { AIQK_TEST_SUITES: 'activation' },
//     // leave out vscodeExecutablePath to download VS Code, or stand in our runner:
//     vscodeExecutablePath: `${repoRoot}/scripts/vscodeTestRunner.mjs`,
//   });
// (the runner accepts VS Code's flags; `@vscode/test-cli` can use it the same way
// through `useInstallation: { fromPath: 'scripts/vscodeTestRunner.mjs' }`).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, provision } from './provision.mjs';

const TESTS_DIR = join(REPO_ROOT, 'test', 'integration');
const WORKSPACES_DIR = join(REPO_ROOT, 'test', 'fixtures', 'workspaces');
const BOOTSTRAP = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const RUNNER = join(REPO_ROOT, 'scripts', 'vscodeTestRunner.mjs');
const SUITE_OPTION_KEYS = new Set(['workspace', 'userSettings', 'untrusted', 'timeoutSeconds']);

const say = (msg) => console.log(`[integration] ${msg}`);
let interrupted = false;

/** Every suite name (test/integration/<name>.test.ts), sorted. */
export function listSuites() {
  return readdirSync(TESTS_DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -'.test.ts'.length))
    .sort();
}

/** The suite's options, from its optional <name>.suite.json. */
export function suiteOptions(name) {
  const file = join(TESTS_DIR, `${name}.suite.json`);
  const opts = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const unknown = Object.keys(opts).filter((k) => !SUITE_OPTION_KEYS.has(k));
  if (unknown.length) throw new Error(`${name}.suite.json: unknown option(s) ${unknown.join(', ')}`);
  const workspace = opts.workspace === undefined ? name : opts.workspace;
  if (workspace !== null && !existsSync(join(WORKSPACES_DIR, workspace))) {
    throw new Error(
      `suite ${name}: no workspace test/fixtures/workspaces/${workspace} (add it, or set "workspace" in test/integration/${name}.suite.json)`,
    );
  }
  return { workspace, userSettings: opts.userSettings, untrusted: opts.untrusted === true, timeoutSeconds: opts.timeoutSeconds };
}

function runRunner(args, env) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [RUNNER, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const forward = (sig) => {
      interrupted = true;
      child.kill(sig);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveRun(code ?? (signal ? 1 : 0));
    });
  });
}

/** Runs one suite in its own window; returns its counts. */
async function runSuite(name, tmpRoot) {
  const opts = suiteOptions(name);
  const dir = join(tmpRoot, name);
  mkdirSync(dir, { recursive: true });
  const screenshot = join(REPO_ROOT, 'test-output', 'integration', `${name}-failure.png`);
  rmSync(screenshot, { force: true });
  const args = [
    `--extensionDevelopmentPath=${REPO_ROOT}`,
    `--extensionTestsPath=${BOOTSTRAP}`,
    `--results-json=${join(dir, 'results.json')}`,
    `--screenshot=${screenshot}`,
  ];
  if (opts.untrusted) args.push('--untrusted');
  else args.push('--disable-workspace-trust');
  if (opts.timeoutSeconds) args.push(`--timeout=${opts.timeoutSeconds}`);
  if (opts.userSettings) {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(opts.userSettings, null, 2));
    args.push(`--user-settings=${join(dir, 'settings.json')}`);
  }
  if (opts.workspace !== null) {
    // The folder keeps the suite's name: the bootstrap falls back to it to pick the suite.
    const folder = join(dir, 'workspace', name);
    cpSync(join(WORKSPACES_DIR, opts.workspace), folder, { recursive: true });
    args.push(folder);
  }
  say(
    `suite ${name}: workspace ${opts.workspace === null ? '(none)' : `test/fixtures/workspaces/${opts.workspace}`}${opts.untrusted ? ', untrusted' : ''}${opts.userSettings ? ', user settings' : ''}`,
  );
  const started = Date.now();
  const code = await runRunner(args, { ...process.env, AIQK_TEST_SUITES: name });
  const resultsFile = join(dir, 'results.json');
  const r = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { reported: false, passed: 0, failed: 0 };
  // A suite that exits non-zero without failing tests (crash, timeout) counts as one failure.
  const failed = r.failed + (code !== 0 && r.failed === 0 ? 1 : 0);
  return { name, passed: r.passed, failed, failures: r.failures ?? [], seconds: (Date.now() - started) / 1000 };
}

/** Builds, then runs the named suites (default: all); resolves with the totals. */
export async function runIntegrationTests(names = [], { skipProvision = false } = {}) {
  const all = listSuites();
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
  const suites = names.length ? names : all;
  if (!skipProvision) provision();
  say('building (node esbuild.mjs)');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const tmpRoot = mkdtempSync(join(tmpdir(), 'aiqk-integration-'));
  const results = [];
  try {
    for (const name of suites) {
      if (interrupted) {
        say(`interrupted: suite ${name} not run`);
        results.push({ name, passed: 0, failed: 1, failures: [], seconds: 0 });
        continue;
      }
      results.push(await runSuite(name, tmpRoot));
    }
  } finally {
    rmSync(tmpRoot, { recursive: true, force: true });
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  for (const r of results)
    say(`${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
  return { passed, failed, suites: results, failures: results.flatMap((r) => r.failures.map((f) => `${r.name}: ${f}`)) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runIntegrationTests(process.argv.slice(2)).then(
    ({ passed, failed }) => {
      console.log(`integration: ${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
    (err) => {
      console.error(`[integration] FAILED: ${err instanceof Error ? err.message : err}`);
      console.log('integration: 0 passed, 1 failed');
      process.exit(1);
    },
  );
}
