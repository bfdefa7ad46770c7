// The mocha bootstrap VS Code's extension host loads (`--extensionTestsPath` =
// out/test/integration/index.js). esbuild bundles every test/integration/*.ts on its
// own, so the suites (`<name>.test.ts` → `<name>.test.js`) sit next to this file and
// are loaded by name. Which suites run (their workspace differs, see
// scripts/runIntegrationTests.mjs): $AIQK_TEST_SUITES (comma-separated names), else
// the suite named like the opened workspace folder, else every suite.
import Mocha from 'mocha';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

// Marker lines scripts/vscodeTestRunner.mjs reads: what is between them is mocha's
// output; the second carries the counts.
const START_MARK = 'AIQK_MOCHA_START';
const RESULT_MARK = 'AIQK_MOCHA_RESULT ';

function suiteFiles(dir: string): string[] {
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  const requested = (process.env.AIQK_TEST_SUITES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (requested.length) {
    const missing = requested.filter((n) => !existsSync(join(dir, `${n}.test.js`)));
    if (missing.length) throw new Error(`no compiled suite for ${missing.join(', ')} in ${dir}`);
    return requested.map((n) => join(dir, `${n}.test.js`));
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.name;
  if (folder && all.includes(`${folder}.test.js`)) return [join(dir, `${folder}.test.js`)];
  return all.map((f) => join(dir, f));
}

/** Runs the selected suites with mocha (bdd); rejects when any test fails. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  console.log(START_MARK);
  return new Promise((resolve, reject) => {
    try {
      for (const file of suiteFiles(__dirname)) mocha.addFile(file);
      const failedTests: string[] = [];
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        console.log(`${RESULT_MARK}${JSON.stringify({ passed, failed, pending: stats?.pending ?? 0, failures: failedTests })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('fail', (test, err: unknown) => {
        failedTests.push(
          `${test.fullTitle()}: ${String(err instanceof Error ? err.message : err)
            .split('\n')[0]
            ?.slice(0, 300)}`,
        );
      });
    } catch (err) {
      // Only string arguments survive the trip to the runner.
      console.error(`could not run the suites: ${err instanceof Error ? err.stack : String(err)}`);
      console.log(`${RESULT_MARK}${JSON.stringify({ passed: 0, failed: 1, pending: 0 })}`);
      reject(err);
    }
  });
}
