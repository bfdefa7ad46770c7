#!/usr/bin/env node
// Provisions what the integration tests need, once per machine/checkout:
//   1. Debian packages `chromium libkrb5-dev ripgrep libxml2-utils` (apt-get, only when missing;
//      libxml2-utils brings xmllint, the XSD validator the JUnit report test uses),
//   2. code-server 4.100.3 (VS Code 1.100.3) in .cache/code-server of the repo.
// code-server is deliberately not a devDependency: `npm ci` must not depend on apt
// packages or native builds. Idempotent: a finished install is detected by its
// version and skipped. Nothing is downloaded except from npm and Debian's mirrors.
//
// Offline pitfalls handled here (see DESIGN.md, integration tests):
//   - root: code-server's postinstall refuses without npm_config_unsafe_perm=true;
//   - @vscode/ripgrep's postinstall downloads rg from GitHub: we pre-seed its cache
//     (under a TMPDIR of ours) with a tarball of Debian's /usr/bin/rg;
//   - node-pty's postinstall runs `npx node-gyp`: npm_config_yes=true;
//   - native builds need Node's headers: npm_config_nodedir = this Node's prefix
//     (node-gyp would otherwise download them from nodejs.org);
//   - code-server writes ~/.config even for --version: XDG_* point into .cache.
//
// Usage: node scripts/provision.mjs [--force-apt]   (also AIQK_PROVISION_FORCE_APT=1)
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
  rmSync,
  renameSync,
  copyFileSync,
  chmodSync,
  accessSync,
  constants,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository (this file lives in scripts/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Git-ignored folder for everything the test tooling downloads or writes. */
export const CACHE_DIR = join(REPO_ROOT, '.cache');
/** The code-server release whose engines allow Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';
/** Folder holding node_modules/code-server. */
export const CODE_SERVER_DIR = join(CACHE_DIR, 'code-server');
/** code-server's Node entry point, run with the current Node. */
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** The browser the runner drives; never downloaded by playwright. */
export const CHROMIUM = process.env.AIQK_CHROMIUM || '/usr/bin/chromium';

const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep', 'libxml2-utils'];
// @vscode/ripgrep (as pinned by code-server 4.100.3) looks for this file in its cache
// before downloading. Keys are Node's process.arch.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSET = {
  x64: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz',
  arm64: 'ripgrep-v13.0.0-10-aarch64-unknown-linux-musl.tar.gz',
};

const log = (msg) => console.log(`provision: ${msg}`);

/** Environment for code-server and its install: scratch XDG dirs, our TMPDIR. */
export function codeServerEnv(extra = {}) {
  const xdg = join(CACHE_DIR, 'xdg');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    ...extra,
  };
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) mkdirSync(env[k], { recursive: true });
  return env;
}

/** Version of the installed code-server, or undefined. */
export function installedCodeServerVersion(dir = CODE_SERVER_DIR) {
  const pkg = join(dir, 'node_modules', 'code-server', 'package.json');
  if (!existsSync(pkg) || !existsSync(join(dir, '.aiqk-complete'))) return undefined;
  try {
    return JSON.parse(readFileSync(pkg, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(cmd) {
  return (process.env.PATH || '').split(':').some((d) => d && isExecutable(join(d, cmd)));
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** Which apt packages are needed: the named four, plus a C++ toolchain for native modules. */
function missingAptPackages(force) {
  if (force) return [...APT_PACKAGES];
  const missing = [];
  if (!isExecutable(CHROMIUM)) missing.push('chromium');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (!isExecutable('/usr/bin/rg')) missing.push('ripgrep');
  if (!isExecutable('/usr/bin/xmllint')) missing.push('libxml2-utils');
  if (missing.length === 0) return missing;
  // On a fresh machine, install all four together (cheap when some are present).
  return [...APT_PACKAGES];
}

function toolchainPackages() {
  const extra = [];
  if (!onPath('make') || !onPath('g++')) extra.push('build-essential');
  if (!onPath('python3')) extra.push('python3');
  return extra;
}

/** Installs the Debian packages the tests need when any is missing. */
export function provisionApt({ force = false } = {}) {
  const pkgs = missingAptPackages(force);
  const needsCodeServer = installedCodeServerVersion() !== CODE_SERVER_VERSION;
  if (needsCodeServer) pkgs.push(...toolchainPackages().filter((p) => !pkgs.includes(p)));
  if (pkgs.length === 0) {
    log(`system packages present (${CHROMIUM}, /usr/bin/rg, /usr/bin/xmllint, gssapi headers)`);
    return;
  }
  log(`installing Debian packages: ${pkgs.join(' ')}`);
  if (!onPath('apt-get')) throw new Error(`apt-get not found: install ${pkgs.join(' ')} by hand`);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot && !onPath('sudo')) throw new Error(`not root and no sudo: install ${pkgs.join(' ')} by hand`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // sudo resets the environment: the variable goes on its command line (allowed for NOPASSWD: ALL).
  const apt = (args) =>
    isRoot
      ? run('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] })
      : run('sudo', ['-n', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  apt(['update']);
  apt(['install', '-y', ...pkgs]);
  if (!isExecutable(CHROMIUM)) throw new Error(`${CHROMIUM} still missing after apt-get install`);
  if (!isExecutable('/usr/bin/xmllint')) throw new Error('/usr/bin/xmllint still missing after apt-get install');
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrepCache(tmpDir) {
  const asset = RIPGREP_ASSET[process.arch];
  if (!asset) {
    log(`warning: no ripgrep cache name known for ${process.arch}; @vscode/ripgrep may try to download`);
    return;
  }
  const cacheDir = join(tmpDir, RIPGREP_CACHE);
  const tarball = join(cacheDir, asset);
  if (existsSync(tarball)) return;
  const stage = join(tmpDir, 'rg-stage');
  mkdirSync(stage, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  run('tar', ['-czf', tarball, '-C', stage, 'rg']);
  rmSync(stage, { recursive: true, force: true });
}

/**
 * Prefix holding this Node's C headers (include/node), or undefined. argon2 and
 * kerberos build from source; without `nodedir` node-gyp downloads the headers
 * from nodejs.org, which is out of reach here.
 */
function nodeHeadersPrefix() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

/** Installs code-server into .cache/code-server unless that version is already there. */
export function provisionCodeServer() {
  const have = installedCodeServerVersion();
  if (have === CODE_SERVER_VERSION) {
    log(`code-server ${have} present in .cache/code-server`);
    return;
  }
  log(
    have
      ? `code-server ${have} found, want ${CODE_SERVER_VERSION}: reinstalling`
      : `installing code-server ${CODE_SERVER_VERSION} into .cache/code-server (about 2 min)`,
  );
  const started = Date.now();
  const tmpDir = join(CACHE_DIR, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  // Install into a staging folder and rename at the end, so a half-finished or
  // concurrent install never looks complete.
  const stage = `${CODE_SERVER_DIR}.staging-${process.pid}`;
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify(
      {
        name: 'aiqk-code-server',
        private: true,
        description: 'Test tooling cache: code-server for the integration tests',
        // npm 11 warns (a later npm blocks) on install scripts without an approval.
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  const env = codeServerEnv({
    TMPDIR: tmpDir,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: process.env.npm_config_loglevel || 'warn',
  });
  const headers = nodeHeadersPrefix();
  if (headers) env.npm_config_nodedir = headers;
  else log(`warning: no Node headers under ${dirname(dirname(process.execPath))}/include/node; node-gyp will try to download them`);
  // The parent `npm test` sets npm_config_* of its own (prefix, etc.); drop those that would redirect the install.
  for (const k of ['npm_config_prefix', 'npm_config_global', 'npm_config_save', 'npm_config_save_dev']) delete env[k];
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    run(npm, ['install', '--prefix', stage, '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: stage,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const version = JSON.parse(readFileSync(join(stage, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
    if (version !== CODE_SERVER_VERSION) throw new Error(`installed code-server ${version}, expected ${CODE_SERVER_VERSION}`);
    writeFileSync(join(stage, '.aiqk-complete'), `${CODE_SERVER_VERSION}\n`);
    if (installedCodeServerVersion() === CODE_SERVER_VERSION) {
      log('another process finished the same install meanwhile; keeping it');
      rmSync(stage, { recursive: true, force: true });
    } else {
      rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
      renameSync(stage, CODE_SERVER_DIR);
    }
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    throw err;
  }
  const check = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], { env: codeServerEnv(), encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`code-server --version failed: ${check.stderr || check.stdout}`);
  const versionLine = check.stdout.split('\n').find((l) => /^\d+\.\d+\.\d+ /.test(l)) ?? check.stdout.trim();
  log(`code-server ${versionLine} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Everything the integration tests need; cheap when already done. */
export function provision({ forceApt = false } = {}) {
  if (process.platform !== 'linux') {
    log(`skipping apt on ${process.platform}; make sure ${CHROMIUM} exists (set AIQK_CHROMIUM)`);
  } else {
    provisionApt({ force: forceApt });
  }
  provisionCodeServer();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    provision({ forceApt: process.argv.includes('--force-apt') || process.env.AIQK_PROVISION_FORCE_APT === '1' });
  } catch (err) {
    console.error(`provision: FAILED: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
