#!/usr/bin/env node
// Stands in for a VS Code executable when running extension tests offline: it
// accepts VS Code's own flags, starts code-server (VS Code 1.100.3, installed by
// scripts/provision.mjs) on 127.0.0.1, opens its workbench in headless Chromium
// with the extension-test payload (the mechanism VS Code uses for its own browser
// integration tests), prints the extension host's console (mocha's output) and
// exits with the tests' exit code. code-server and the browser are killed on every path.
//
//   node scripts/vscodeTestRunner.mjs --extensionDevelopmentPath=<ext> --extensionTestsPath=<index.js> [options] [folder]
//
// VS Code flags: --extensionDevelopmentPath (repeatable), --extensionTestsPath,
//   --disable-workspace-trust (the default here; --untrusted overrides it), --user-data-dir, --extensions-dir,
//   a folder or .code-workspace file. Desktop-only flags (--no-sandbox,
//   --disable-extensions, --skip-welcome, ...) are accepted and ignored.
// Runner options:
//   --untrusted             enable Workspace Trust and leave the folder untrusted
//                           (vscode.workspace.isTrusted === false; restricted mode)
//   --user-settings=FILE    user settings.json for the fresh user-data dir (JSON or
//                           JSONC; JSON objects are merged over the runner's defaults)
//   --timeout=SECONDS       overall limit (default 300, or $AIQK_VSCODE_TEST_TIMEOUT)
//   --results-json=FILE     write {exitCode, passed, failed, pending, failures, durationMs}
//   --screenshot=FILE       screenshot of the window when the run fails or times out
//   --verbose               also print the workbench's own log lines
//   --keep-user-data        keep the temporary user-data dir (kept anyway on failure)
// The extension host inherits this process's environment (extensionTestsEnv of
// @vscode/test-electron works). The tests bootstrap may print one line
// `AIQK_MOCHA_RESULT {"passed":n,"failed":n,"pending":n}`; the runner turns it into
// its closing count line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, URLSearchParams } from 'node:url';
import { format, inspect } from 'node:util';
import { chromium } from 'playwright-core';
import { killProcessGroup } from './killProcessGroup.mjs';
import {
  CHROMIUM,
  CODE_SERVER_DIR,
  CODE_SERVER_ENTRY,
  CODE_SERVER_VERSION,
  codeServerEnv,
  installedCodeServerVersion,
  provision,
} from './provision.mjs';

const TAG = '[vscode-test-runner]';
const START_MARK = 'AIQK_MOCHA_START';
const RESULT_MARK = 'AIQK_MOCHA_RESULT ';
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
// Offline noise of the workbench: the extension gallery (open-vsx) cannot be reached.
const NOISE = /open-vsx\.org|ENOTFOUND|ERR_NAME_NOT_RESOLVED|Failed to load resource/;
const IGNORED_FLAGS = new Set([
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-gpu',
  '--disable-updates',
  '--skip-welcome',
  '--skip-release-notes',
  '--disable-extensions',
  '--new-window',
  '-n',
  '--reuse-window',
  '-r',
  '--wait',
  '-w',
  '--disable-telemetry',
  '--disable-crash-reporter',
  '--no-cached-data',
  '--disable-chromium-sandbox',
]);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-crash-reporter',
];
// Quiet, deterministic defaults for a fresh user-data dir; --user-settings overrides them.
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};

const say = (msg) => console.log(`${TAG} ${msg}`);

/** Parses VS Code's and the runner's flags. */
export function parseArgs(argv) {
  const o = {
    devPaths: [],
    testsPath: undefined,
    folder: undefined,
    untrusted: false,
    userSettings: undefined,
    timeoutS: Number(process.env.AIQK_VSCODE_TEST_TIMEOUT) || 300,
    resultsJson: undefined,
    screenshot: undefined,
    verbose: false,
    keepUserData: false,
    userDataDir: undefined,
    extensionsDir: undefined,
  };
  const valued = {
    '--extensionDevelopmentPath': (v) => o.devPaths.push(resolve(v)),
    '--extensionTestsPath': (v) => {
      o.testsPath = resolve(v);
    },
    '--user-settings': (v) => {
      o.userSettings = resolve(v);
    },
    '--timeout': (v) => {
      o.timeoutS = Number(v);
    },
    '--results-json': (v) => {
      o.resultsJson = resolve(v);
    },
    '--screenshot': (v) => {
      o.screenshot = resolve(v);
    },
    '--user-data-dir': (v) => {
      o.userDataDir = resolve(v);
    },
    '--extensions-dir': (v) => {
      o.extensionsDir = resolve(v);
    },
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (valued[name]) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      valued[name](v);
    } else if (a === '--untrusted') o.untrusted = true;
    else if (a === '--disable-workspace-trust') {
      /* the default; --untrusted wins in any order */
    } else if (a === '--verbose') o.verbose = true;
    else if (a === '--keep-user-data') o.keepUserData = true;
    else if (IGNORED_FLAGS.has(name) || name.startsWith('--locale') || name.startsWith('--log')) {
      /* desktop-only: nothing to do in code-server */
    } else if (a.startsWith('-')) say(`ignoring unknown flag ${a}`);
    else if (o.folder === undefined) o.folder = resolve(a);
    else throw new Error(`only one folder or workspace can be opened (got ${o.folder} and ${a})`);
  }
  if (!o.devPaths.length) throw new Error('--extensionDevelopmentPath is required');
  if (!o.testsPath) throw new Error('--extensionTestsPath is required');
  if (!(o.timeoutS > 0)) throw new Error('--timeout must be a positive number of seconds');
  return o;
}

/** User settings text: JSON merged over the defaults, JSONC copied as it is. */
function settingsText(file, untrusted) {
  const defaults = { ...DEFAULT_SETTINGS, ...(untrusted ? { 'security.workspace.trust.startupPrompt': 'never' } : {}) };
  if (!file) return JSON.stringify(defaults, null, 2);
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.stringify({ ...defaults, ...JSON.parse(text) }, null, 2);
  } catch {
    return text;
  }
}

/** Starts code-server; resolves with its port once it listens. */
function startCodeServer(o, dirs, onExit) {
  const args = [
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
  if (!o.untrusted) args.push('--disable-workspace-trust');
  // Own process group, so the whole tree (extension host, pty host, watchers) can be killed.
  const child = spawn(process.execPath, [CODE_SERVER_ENTRY, ...args], {
    env: codeServerEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise((resolveReady, rejectReady) => {
    const timer = setTimeout(() => rejectReady(new Error(`code-server did not listen within 60 s:\n${out}`)), 60_000);
    const onData = (buf) => {
      const s = buf.toString();
      out += s;
      if (o.verbose) process.stdout.write(s.replace(/^/gm, '[code-server] '));
      const m = out.match(/HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolveReady(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      rejectReady(new Error(`code-server exited (${code ?? signal}) before listening:\n${out}`));
      onExit(code ?? signal, out);
    });
  });
  return { child, ready, output: () => out };
}

/**
 * The workbench's log, fed by codeAutomationLog(level, args). Extension-host
 * console.* calls arrive here too, indistinguishable from the workbench's own
 * lines, so the bootstrap brackets mocha's run with START/RESULT marker lines:
 * what is between them is printed, what came before is kept for a failure report.
 */
class HostLog {
  constructor(verbose) {
    this.verbose = verbose;
    this.started = false;
    this.counts = undefined;
    this.before = [];
  }

  line(level, args) {
    let text =
      args.length && typeof args[0] === 'string' ? format(...args) : args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
    // Libraries in the host colour their output when they think they may (CI=true); logs stay plain.
    if (!process.stdout.isTTY) text = text.replace(ANSI, '');
    if (text.startsWith(START_MARK)) {
      this.started = true;
      return;
    }
    if (text.startsWith(RESULT_MARK)) {
      try {
        this.counts = JSON.parse(text.slice(RESULT_MARK.length));
      } catch {
        /* malformed: treated as no result */
      }
      return;
    }
    const shown = level === 'info' || level === 'log' ? text : `${level}: ${text}`;
    if (this.verbose) console.log(shown);
    else if (this.started && !this.counts && !NOISE.test(text)) console.log(shown);
    else if (!this.started) this.before.push(shown);
  }

  dumpBuffered() {
    if (this.verbose || !this.before.length) return;
    say('the tests never started; the workbench log said:');
    for (const l of this.before.slice(-80)) console.log(`  ${l}`);
  }
}

/**
 * code-server lives in <repo>/.cache, inside the extension under development. With
 * one development path, VS Code treats every theme located under it as the
 * extension's own and switches to one of them, ignoring workbench.colorTheme; the
 * built-in themes would all qualify. A symlink outside the repo breaks that nesting
 * (the extension host indexes extensions by real path, so `vscode` still resolves).
 */
function devPathAlias(devPath, tmp) {
  const rel = relative(devPath, CODE_SERVER_DIR);
  if (rel.startsWith('..') || isAbsolute(rel)) return devPath;
  const alias = join(tmp, 'extension-under-test', basename(devPath));
  if (!existsSync(alias)) {
    mkdirSync(dirname(alias), { recursive: true });
    symlinkSync(devPath, alias, 'dir');
  }
  return alias;
}

/** Runs the tests once; resolves with the exit code. */
export async function runTests(o) {
  const started = Date.now();
  if (installedCodeServerVersion() !== CODE_SERVER_VERSION || !existsSync(CHROMIUM)) provision();
  for (const p of [...o.devPaths, o.testsPath, ...(o.folder ? [o.folder] : [])]) if (!existsSync(p)) throw new Error(`not found: ${p}`);
  const tmp = mkdtempSync(join(tmpdir(), 'aiqk-vscode-'));
  const dirs = { userData: o.userDataDir ?? join(tmp, 'user-data'), extensions: o.extensionsDir ?? join(tmp, 'extensions') };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), settingsText(o.userSettings, o.untrusted));

  let server;
  let browser;
  let page;
  let closing = false;
  const log = new HostLog(o.verbose);
  let exitCode;
  let failureReason;
  let finish;
  const finished = new Promise((r) => {
    finish = r;
  });
  const timer = setTimeout(
    () => finish({ code: 1, reason: `timed out after ${o.timeoutS} s without codeAutomationExit` }),
    o.timeoutS * 1000,
  );
  const onSignal = (sig) => finish({ code: 130, reason: `interrupted by ${sig}` });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const open = async () => {
    server = startCodeServer(o, dirs, (code, out) =>
      finish({ code: 1, reason: `code-server exited (${code}) during the run:\n${out.slice(-4000)}` }),
    );
    const port = await server.ready;
    say(
      `code-server ${CODE_SERVER_VERSION} listening on 127.0.0.1:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s${o.untrusted ? ' (workspace trust enabled, folder untrusted)' : ''}`,
    );
    // Signals are ours to handle (playwright's own handlers would exit before code-server is killed).
    const launched = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: codeServerEnv(),
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    if (closing) return void (await launched.close());
    browser = launched;
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) || 0 }));
    await page.exposeFunction('codeAutomationLog', (type, args) => log.line(String(type), Array.isArray(args) ? args : [args]));
    page.on('console', (msg) => {
      if (o.verbose) console.log(`[browser ${msg.type()}] ${msg.text()}`);
    });
    page.on('response', (res) => {
      if (o.verbose && res.status() >= 400) console.log(`[browser http ${res.status()}] ${res.url()}`);
    });
    page.on('pageerror', (err) => {
      if (o.verbose) console.log(`[page error] ${err.message}`);
    });
    page.on('crash', () => finish({ code: 1, reason: 'the browser page crashed' }));

    const authority = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ...o.devPaths.map((p) => ['extensionDevelopmentPath', remote(devPathAlias(p, tmp))]),
      ['extensionTestsPath', remote(o.testsPath)],
      ['skipWelcome', 'true'],
    ];
    const params = new URLSearchParams();
    if (o.folder) params.set(o.folder.endsWith('.code-workspace') ? 'workspace' : 'folder', o.folder);
    else params.set('ew', 'true');
    params.set('payload', JSON.stringify(payload));
    await page.goto(`http://${authority}/?${params}`, { waitUntil: 'domcontentloaded', timeout: o.timeoutS * 1000 });
    say(`window open after ${((Date.now() - started) / 1000).toFixed(1)} s; running ${o.testsPath}${o.folder ? ` in ${o.folder}` : ''}`);
  };

  try {
    // A timeout or signal while starting up wins over the start-up steps.
    await Promise.race([open(), finished]);
    const result = await finished;
    exitCode = result.code;
    failureReason = result.reason;
  } catch (err) {
    exitCode = 1;
    failureReason = err instanceof Error ? err.message : String(err);
  }
  try {
    if (exitCode !== 0 && o.screenshot && page) {
      mkdirSync(dirname(o.screenshot), { recursive: true });
      await page.screenshot({ path: o.screenshot, timeout: 10_000 }).then(
        () => say(`screenshot: ${o.screenshot}`),
        () => {},
      );
    }
  } finally {
    closing = true;
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.race([browser?.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    await killProcessGroup(server?.child);
  }

  if (failureReason) console.error(`${TAG} FAILED: ${failureReason}`);
  const durationMs = Date.now() - started;
  const counts = log.counts;
  if (counts && exitCode === 0 && counts.failed > 0) exitCode = 1;
  if (exitCode !== 0 && !log.started) log.dumpBuffered();
  const countLine = counts
    ? `${counts.passed} passed, ${counts.failed} failed${counts.pending ? `, ${counts.pending} pending` : ''}`
    : 'no test results reported';
  say(`${countLine}; exit code ${exitCode}; ${(durationMs / 1000).toFixed(1)} s`);
  if (o.resultsJson) {
    mkdirSync(dirname(o.resultsJson), { recursive: true });
    writeFileSync(
      o.resultsJson,
      JSON.stringify(
        {
          exitCode,
          passed: counts?.passed ?? 0,
          failed: counts?.failed ?? 0,
          pending: counts?.pending ?? 0,
          failures: counts?.failures ?? [],
          reported: !!counts,
          durationMs,
          error: failureReason ?? null,
        },
        null,
        2,
      ),
    );
  }
  if (exitCode === 0 && !o.keepUserData) rmSync(tmp, { recursive: true, force: true });
  else if (o.userDataDir === undefined) say(`user data and logs kept in ${dirs.userData}`);
  return exitCode;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${TAG} ${err instanceof Error ? err.message : err}`);
    process.exit(2);
  }
  runTests(options).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`${TAG} FAILED: ${err instanceof Error ? err.stack : err}`);
      process.exit(1);
    },
  );
}
