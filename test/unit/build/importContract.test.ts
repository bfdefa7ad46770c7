// The import contract (.dependency-cruiser.cjs, docs/architecture.md) run on small trees made for
// it: every rule fires on a deliberate violation with its name and the import, and a tree
// that keeps the rules passes. The repository itself is checked by `npm test`'s own step.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..', '..');
const CLI = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(REPO, '.dependency-cruiser.cjs');

/** Writes a tree of files (path → text) with a tsconfig, and returns its folder. */
function makeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-imports-'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }),
  );
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** Runs the contract on a tree: exit code and the violation lines (`rule: from → to`). */
function check(dir: string): { status: number | null; violations: string[] } {
  const r = spawnSync(process.execPath, [CLI, '--config', CONFIG, '--output-type', 'err', 'src', 'webview'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const violations = r.stdout
    .split('\n')
    .map((l) => /^\s*error (\S+): (\S+) → (\S+)?/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}: ${m[2]} → ${m[3] ?? '(cycle)'}`);
  return { status: r.status, violations };
}

/** A tree that keeps every rule: the floors used the right way round. */
const CLEAN: Record<string, string> = {
  'src/engine/model/suiteNames.ts':
    "export const SUITE_NAMES = ['red_team'] as const;\nexport type SuiteName = (typeof SUITE_NAMES)[number];\n",
  'src/engine/suites/redTeam/manifest.ts':
    "import type { SuiteName } from '../../model/suiteNames';\nexport const name: SuiteName = 'red_team';\n",
  'src/engine/requirements/requirements.ts': "import { name } from '../suites/redTeam/manifest';\nexport const first = name;\n",
  'src/engine/run/execute.ts': "import { first } from '../requirements/requirements';\nexport const run = (): string => first;\n",
  'src/cli/main.ts': "import { run } from '../engine/run/execute';\nrun();\n",
  'src/protocol.ts': "import type { SuiteName } from './engine/model/suiteNames';\nexport interface Hello { suite: SuiteName }\n",
  'src/extension/core/constants.ts': "export const ID = 'aiqk';\n",
  'src/extension/runs/runs.ts':
    "import { ID } from '../core/constants';\nimport { run } from '../../engine/run/execute';\nexport const go = (): string => ID + run();\n",
  'src/extension/extension.ts': "import { go } from './runs/runs';\nexport const activate = go;\n",
  'webview/report/main.ts':
    "import type { Hello } from '../../src/protocol';\nimport type { SuiteName } from '../../src/engine/model/suiteNames';\nexport const h: Hello | SuiteName | undefined = undefined;\n",
};

describe('import contract (dependency-cruiser rules)', function () {
  this.timeout(30_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('passes a tree that keeps the floors, the rooms and the webview rule', () => {
    const dir = makeTree(CLEAN);
    dirs.push(dir);
    const r = check(dir);
    assert.deepEqual(r.violations, []);
    assert.equal(r.status, 0);
  });

  it('names every deliberate violation: back-pointing floors, cycles, the engine, cli, manifests, rooms and webview rules', () => {
    const dir = makeTree({
      ...CLEAN,
      // A lower floor importing a higher one, which also closes a cycle.
      'src/engine/model/runTypes.ts': "import { run } from '../run/execute';\nexport const r = run;\n",
      'src/engine/run/execute.ts':
        "import { r } from '../model/runTypes';\nimport { first } from '../requirements/requirements';\nexport const run = (): string => first + String(r);\n",
      // The engine is a library; the CLI runs without VS Code.
      'src/engine/data/reader.ts': "import { go } from '../../extension/runs/runs';\nexport const read = go;\n",
      'src/cli/validate.ts': "import { go } from '../extension/runs/runs';\ngo();\n",
      // A manifest that pulls in behaviour.
      'src/engine/suites/safety/manifest.ts': "import { run } from '../../run/execute';\nexport const s = run;\n",
      'src/engine/suites/safety/safety.ts': 'export const plan = 1;\n',
      // A file outside every floor.
      'src/engine/helpers.ts': 'export const h = 1;\n',
      'src/engine/config/resolve.ts': "import { h } from '../helpers';\nexport const c = h;\n",
      // A lower room importing a higher one, and a feature importing the activation file.
      'src/extension/core/paths.ts': "import { go } from '../runs/runs';\nexport const p = go;\n",
      'src/extension/runs/again.ts': "import { activate } from '../extension';\nexport const a = activate;\n",
      // A file beside extension.ts, outside every room.
      'src/extension/helpers.ts': 'export const x = 1;\n',
      'src/extension/runs/stray.ts': "import { x } from '../helpers';\nexport const y = x;\n",
      // The webview taking engine code by value, and protocol importing above the model.
      'webview/wizard/main.ts':
        "import { SUITE_NAMES } from '../../src/engine/model/suiteNames';\nimport { run } from '../../src/engine/run/execute';\nexport const w = [SUITE_NAMES, run];\n",
      'src/protocol.ts': "import type { Hello2 } from './engine/run/execute';\nexport type Hello = Hello2;\n",
    });
    dirs.push(dir);
    const r = check(dir);
    const expected = [
      'no-circular: src/engine/model/runTypes.ts → (cycle)',
      'model-is-the-ground-floor: src/engine/model/runTypes.ts → src/engine/run/execute.ts',
      'floors-engine-model: src/engine/model/runTypes.ts → src/engine/run/execute.ts',
      'engine-is-a-library: src/engine/data/reader.ts → src/extension/runs/runs.ts',
      'cli-not-extension: src/cli/validate.ts → src/extension/runs/runs.ts',
      'manifests-are-data: src/engine/suites/safety/manifest.ts → src/engine/run/execute.ts',
      'engine-files-live-in-floors: src/engine/config/resolve.ts → src/engine/helpers.ts',
      'floors-extension-core: src/extension/core/paths.ts → src/extension/runs/runs.ts',
      'extension-features-do-not-import-activation: src/extension/runs/again.ts → src/extension/extension.ts',
      'extension-files-live-in-rooms: src/extension/runs/stray.ts → src/extension/helpers.ts',
      'webview-imports-protocol-and-model: webview/wizard/main.ts → src/engine/run/execute.ts',
      'webview-and-protocol-import-types-only: webview/wizard/main.ts → src/engine/model/suiteNames.ts',
      'protocol-imports-model-only: src/protocol.ts → src/engine/run/execute.ts',
    ];
    for (const v of expected) assert.ok(r.violations.includes(v), `expected "${v}" among:\n${r.violations.join('\n')}`);
    assert.notEqual(r.status, 0);
    // What the rules allow stays allowed in the same tree: manifests imported from a lower floor.
    assert.ok(!r.violations.some((v) => v.includes('src/engine/requirements/requirements.ts →')), r.violations.join('\n'));
  });
});
