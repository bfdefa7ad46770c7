#!/usr/bin/env node
// Packs the command line as an npm tarball: `npm i -D ./ai-quality-kit-<version>.tgz`
// then `npx aiqk …` in the user's own project.
//
//   node scripts/packCli.mjs [--cli dist/cli.js] [--out dist]      (part of `npm run package`)
//
// The bundle (dist/cli.js, built by esbuild.mjs) already holds every runtime
// dependency, so the tarball declares none and installs offline. It carries the
// built-in datasets (assets/) the CLI looks for above its own file, and the schemas.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(import.meta.url), '..', '..');

/** Packs the CLI bundle at `cli` into `<out>/<name>-<version>.tgz`; returns the tarball's path. */
export function packCli({ cli = join(REPO, 'dist', 'cli.js'), out = join(REPO, 'dist') } = {}) {
  if (!existsSync(cli)) throw new Error(`no CLI bundle at ${cli}: run node esbuild.mjs first`);
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const stage = mkdtempSync(join(tmpdir(), 'aiqk-pack-'));
  try {
    mkdirSync(join(stage, 'dist'));
    // npm links bin files as they are: without the shebang a shell would run the JavaScript.
    const code = readFileSync(cli, 'utf8');
    writeFileSync(join(stage, 'dist', 'cli.js'), code.startsWith('#!') ? code : `#!/usr/bin/env node\n${code}`, { mode: 0o755 });
    cpSync(join(REPO, 'assets'), join(stage, 'assets'), { recursive: true });
    cpSync(join(REPO, 'schemas'), join(stage, 'schemas'), { recursive: true, filter: (f) => !/\.ts$/.test(f) });
    for (const f of ['README.md', 'LICENSE', 'CHANGELOG.md']) if (existsSync(join(REPO, f))) cpSync(join(REPO, f), join(stage, f));
    const manifest = {
      name: pkg.name,
      version: pkg.version,
      description: `${pkg.displayName ?? pkg.name}: the aiqk command line (validate, requirements, run, merge)`,
      license: pkg.license,
      ...(pkg.repository ? { repository: pkg.repository } : {}),
      bin: { aiqk: 'dist/cli.js' },
      files: ['dist/cli.js', 'assets', 'schemas', 'README.md', 'LICENSE', 'CHANGELOG.md'],
      engines: { node: '>=20' },
    };
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(out, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['pack', '--pack-destination', resolve(out), '--json'], { cwd: stage, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr || r.stdout}`);
    const [{ filename }] = JSON.parse(r.stdout);
    return join(resolve(out), basename(filename));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const cli = value('--cli');
  const out = value('--out');
  const file = packCli({ ...(cli ? { cli: resolve(cli) } : {}), ...(out ? { out: resolve(out) } : {}) });
  console.log(`packed ${file}`);
}
