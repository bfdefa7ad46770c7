// The build plugin that keeps bundled dependencies from calling the deprecated
// `new Buffer(...)`: a bundle of a package that does, run with deprecations as errors.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Plugin } from 'esbuild';

describe('legacy Buffer build plugin', function () {
  this.timeout(20_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aiqk-buffer-'));
    mkdirSync(join(dir, 'node_modules', 'legacy'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'legacy', 'index.js'),
      "module.exports = () => [new Buffer(3).length, new Buffer('hé').toString(), new Buffer([1, 2]).length, new Buffer('aGk=', 'base64').toString()];\n",
    );
    writeFileSync(join(dir, 'entry.js'), "console.log(JSON.stringify(require('legacy')()));\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function bundleAndRun(plugins: Plugin[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const outfile = join(dir, `out-${plugins.length}.js`);
    await esbuild.build({
      entryPoints: [join(dir, 'entry.js')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile,
      logLevel: 'silent',
      plugins,
    });
    const r = spawnSync(process.execPath, ['--throw-deprecation', outfile], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
  }

  it('gives the same buffers without the deprecated constructor', async () => {
    const { legacyBufferPlugin } = await import('../../../scripts/build/legacyBufferPlugin.mjs');
    const patched = await bundleAndRun([legacyBufferPlugin]);
    assert.equal(patched.status, 0, patched.stderr);
    assert.deepEqual(JSON.parse(patched.stdout), [3, 'hé', 2, 'hi']);
    const plain = await bundleAndRun([]);
    assert.notEqual(plain.status, 0, 'the unpatched bundle trips DEP0005');
    assert.match(plain.stderr, /DEP0005/);
  });
});
