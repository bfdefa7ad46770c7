#!/usr/bin/env node
// `npm run test:e2e`: the packaged extension driven through VS Code's real UI.
//   1. provision (apt packages and code-server, once; see scripts/provision.mjs),
//   2. `npm run package` → dist/ai-quality-kit.vsix (skip with --no-package),
//   3. mocha over test/e2e/*.e2e.mjs (install the .vsix into code-server, open
//      examples/demo in Chromium, run the demo from the command palette, check the
//      report view, save screenshots to test-output/e2e/).
// The last line is `e2e: N passed, N failed`; the exit code is non-zero on failure.
// Exported for scripts/test.mjs: runE2e() resolves with the counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, provision } from './provision.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Packages the extension and runs the e2e tests; resolves with their counts. */
export function runE2e({ skipProvision = false, skipPackage = false } = {}) {
  if (!skipProvision) provision();
  if (!skipPackage) {
    console.log('[e2e] npm run package');
    const pack = spawnSync(npm, ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (pack.status !== 0) throw new Error('npm run package failed');
  }
  const vsix = join(REPO_ROOT, 'dist', 'ai-quality-kit.vsix');
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing`);
  const tmp = mkdtempSync(join(tmpdir(), 'aiqk-e2e-stats-'));
  const statsFile = join(tmp, 'stats.json');
  try {
    const r = spawnSync(
      npx,
      ['--no', '--', 'mocha', '--config', 'test/e2e/mocharc.json', '--reporter', './scripts/mochaStatsReporter.mjs'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, AIQK_MOCHA_STATS_FILE: statsFile, AIQK_E2E_VSIX: vsix },
      },
    );
    const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : undefined;
    const failed = (stats?.failed ?? 0) + (r.status !== 0 && !stats?.failed ? 1 : 0);
    return { passed: stats?.passed ?? 0, failed, failures: stats?.failures ?? [] };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { passed, failed } = runE2e({ skipPackage: process.argv.includes('--no-package') });
    console.log(`e2e: ${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  } catch (err) {
    console.error(`[e2e] FAILED: ${err instanceof Error ? err.message : err}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exitCode = 1;
  }
}
