#!/usr/bin/env node
// `npm test`: every check, in order, each run even when an earlier one failed:
//   provision (first use: apt packages and code-server, see scripts/provision.mjs),
//   lint (eslint .), format (prettier --check .), import contract (dependency-cruiser, .dependency-cruiser.cjs),
//   typecheck (tsc --noEmit -p .), unit tests (mocha, .mocharc.json),
//   webview tests (the built webview bundles in headless Chromium, test/webview/mocharc.json),
//   integration tests (real VS Code extension host, scripts/runIntegrationTests.mjs),
//   e2e tests (the packaged .vsix driven through the UI in code-server, scripts/e2e.mjs; about a minute).
// Counts are tests from unit, webview, integration and e2e; a failed step that yields no count
// (provision, lint, typecheck, a crashed run) adds one failure. The last line is
// exactly `N passed, N failed`, and the exit code is non-zero when N failed > 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, provision } from './provision.mjs';
import { runE2e } from './e2e.mjs';
import { runIntegrationTests } from './runIntegrationTests.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** The longest a mocha step may take (normal runs take one or two minutes). */
const STEP_LIMIT_MS = 20 * 60_000;
const steps = [];
/** Failed tests, `step: full title: first line of the error`, repeated under the summary. */
const failures = [];
/** Tests that failed once and passed on their retry (webview tests retry once), listed so flakiness stays visible. */
const retried = [];
let passed = 0;
let failed = 0;

function banner(name) {
  console.log(`\n=== ${name} ===`);
  return Date.now();
}

function record(name, started, ok, detail) {
  steps.push({ name, ok, detail, seconds: (Date.now() - started) / 1000 });
}

/** A step without test counts: one failure when its command fails. */
function check(name, args) {
  const started = banner(`${name}: npx ${args.join(' ')}`);
  const r = spawnSync(npx, ['--no', '--', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const ok = r.status === 0;
  if (!ok) failed += 1;
  record(name, started, ok, ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`);
}

function unitTests() {
  mochaStep('unit', 'unit tests: mocha', []);
}

/** A mocha run counted test by test (extra args select the config). */
function mochaStep(name, title, extraArgs) {
  const started = banner(title);
  const tmp = mkdtempSync(join(tmpdir(), `aiqk-${name}-`));
  const statsFile = join(tmp, 'stats.json');
  // A handle a test leaks would keep mocha alive for ever: past the limit the step is killed and fails.
  const r = spawnSync(npx, ['--no', '--', 'mocha', ...extraArgs, '--reporter', './scripts/mochaStatsReporter.mjs'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, AIQK_MOCHA_STATS_FILE: statsFile },
    timeout: STEP_LIMIT_MS,
    killSignal: 'SIGKILL',
  });
  const hung = r.error?.code === 'ETIMEDOUT';
  if (hung) console.error(`${name}: mocha did not exit within ${STEP_LIMIT_MS / 60_000} minutes (a test left a handle open?); killed`);
  const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : undefined;
  rmSync(tmp, { recursive: true, force: true });
  const p = stats?.passed ?? 0;
  // mocha exiting non-zero with no failing test (load error, crash) is one failure.
  const f = (stats?.failed ?? 0) + ((r.status !== 0 || hung) && !stats?.failed ? 1 : 0);
  passed += p;
  failed += f;
  for (const line of stats?.failures ?? []) failures.push(`${name}: ${line}`);
  for (const line of stats?.retried ?? []) retried.push(`${name}: ${line}`);
  record(
    name,
    started,
    f === 0,
    `${p} passed, ${f} failed${hung ? ' (killed: did not exit in time)' : stats ? '' : ' (no results: mocha did not finish)'}`,
  );
}

/** The webview bundles, built, in headless Chromium (needs the provisioned browser). */
function webviewTests(provisioned) {
  if (!provisioned) {
    failed += 1;
    record('webview', Date.now(), false, 'skipped: provisioning failed');
    return;
  }
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) {
    failed += 1;
    record('webview', Date.now(), false, 'FAILED: build');
    return;
  }
  mochaStep('webview', 'webview tests: built bundles in Chromium', ['--config', 'test/webview/mocharc.json']);
}

async function integrationTests(provisioned) {
  const started = banner('integration tests: VS Code extension host');
  if (!provisioned) {
    failed += 1;
    record('integration', started, false, 'skipped: provisioning failed');
    return;
  }
  try {
    const r = await runIntegrationTests([], { skipProvision: true });
    passed += r.passed;
    failed += r.failed;
    for (const line of r.failures) failures.push(`integration: ${line}`);
    record('integration', started, r.failed === 0, `${r.passed} passed, ${r.failed} failed`);
  } catch (err) {
    console.error(`integration: ${err instanceof Error ? err.message : err}`);
    failed += 1;
    record('integration', started, false, 'FAILED before any test ran');
  }
}

function e2eTests(provisioned) {
  const started = banner('e2e tests: packaged extension in code-server');
  if (!provisioned) {
    failed += 1;
    record('e2e', started, false, 'skipped: provisioning failed');
    return;
  }
  try {
    const r = runE2e({ skipProvision: true });
    passed += r.passed;
    failed += r.failed;
    for (const line of r.failures) failures.push(`e2e: ${line}`);
    record('e2e', started, r.failed === 0, `${r.passed} passed, ${r.failed} failed`);
  } catch (err) {
    console.error(`e2e: ${err instanceof Error ? err.message : err}`);
    failed += 1;
    record('e2e', started, false, 'FAILED before any test ran');
  }
}

let provisioned = false;
const provStarted = banner('provision');
try {
  provision();
  provisioned = true;
  record('provision', provStarted, true, 'ok');
} catch (err) {
  console.error(`provision: FAILED: ${err instanceof Error ? err.message : err}`);
  failed += 1;
  record('provision', provStarted, false, 'FAILED');
}
check('lint', ['eslint', '.']);
check('format', ['prettier', '--check', '.']);
check('import contract', ['depcruise', '--config', '.dependency-cruiser.cjs', 'src', 'webview']);
check('typecheck', ['tsc', '--noEmit', '-p', '.']);
unitTests();
webviewTests(provisioned);
await integrationTests(provisioned);
e2eTests(provisioned);

console.log('\n=== summary ===');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(12)} ${s.detail} (${s.seconds.toFixed(1)} s)`);
for (const line of failures) console.log(`  failed: ${line}`);
for (const line of retried) console.log(`  passed on retry: ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
