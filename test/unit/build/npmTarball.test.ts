// The npm tarball of the command line, installed the way the README says, in a
// fresh folder and offline: its bundle needs no dependency, so nothing is fetched.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packCli } from '../../../scripts/packCli.mjs';
import { buildCli } from '../cli/runCliHelpers';

const REPO = resolve(__dirname, '..', '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

describe('the npm tarball of aiqk', function () {
  this.timeout(180_000);
  let dir: string;
  let tarball: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aiqk-tarball-'));
    tarball = packCli({ cli: await buildCli(), out: join(dir, 'pack') });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('installs offline in a fresh project and runs npx aiqk validate and npx aiqk run on the demo profile', () => {
    const project = join(dir, 'project');
    cpSync(join(REPO, 'examples', 'demo'), project, { recursive: true });
    writeFileSync(join(project, 'package.json'), '{"name": "my-project", "version": "1.0.0", "private": true}\n');
    const env = { ...process.env, npm_config_cache: join(dir, 'npm-cache'), NO_COLOR: '1' };
    const install = spawnSync(npm, ['i', '-D', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'ai-quality-kit', 'package.json'), 'utf8'));
    assert.deepEqual(manifest.bin, { aiqk: 'dist/cli.js' });
    assert.equal(manifest.dependencies, undefined, 'the bundle carries its dependencies');

    const validate = spawnSync(npx, ['--no-install', 'aiqk', 'validate'], { cwd: project, env, encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stdout + validate.stderr);
    assert.match(validate.stdout, /1 run profile\(s\) checked: 0 error\(s\)/);

    const run = spawnSync(
      npx,
      ['--no-install', 'aiqk', 'run', 'aiqk.yaml', '--suites', 'rag_quality,red_team', '--format', 'json', '--out', 'reports', '--quiet'],
      { cwd: project, env, encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Run run_\S+: passed/m);
    assert.equal(readdirSync(join(project, 'reports')).filter((f) => f.endsWith('.json')).length, 1);
  });
});
