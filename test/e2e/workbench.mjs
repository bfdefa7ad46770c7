// The packaged extension in a real VS Code (code-server, offline) driven through
// its UI in headless Chromium: install the .vsix, start the server on 127.0.0.1,
// open a folder, use the command palette, find the report view's webview frame.
// Every process started here is killed on close, whatever happened.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URLSearchParams } from 'node:url';
import { chromium } from 'playwright-core';
import { killProcessGroup } from '../../scripts/killProcessGroup.mjs';
import { CHROMIUM, CODE_SERVER_ENTRY, codeServerEnv } from '../../scripts/provision.mjs';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Quiet user settings for a fresh profile, plus the caller's. */
export function writeUserSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const base = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...base, ...settings }, null, 2));
}

/** Installs a .vsix into an extensions folder with code-server's CLI. */
export function installVsix(vsix, dirs) {
  const r = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--force'],
    { env: codeServerEnv(), encoding: 'utf8', timeout: 120_000 },
  );
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out))
    throw new Error(`installing ${vsix} failed (${r.status ?? r.signal}):\n${out}`);
  return out.trim();
}

/** Starts code-server on 127.0.0.1 (a free port); resolves once it listens. */
export async function startCodeServer(dirs) {
  const args = [
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--disable-workspace-trust',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
  // Own process group, so the extension host and the other children go with it.
  const child = spawn(process.execPath, [CODE_SERVER_ENTRY, ...args], {
    env: codeServerEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${out}`)), 60_000);
    const onData = (buf) => {
      out += buf.toString();
      const m = out.match(/HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${out}`));
    });
  });
  return { child, port, output: () => out };
}

/** Stops code-server and its whole process group. */
export async function stopCodeServer(server) {
  await killProcessGroup(server?.child);
}

/** Opens the workbench on a folder in headless Chromium; resolves once it is interactive. */
export async function openWorkbench(port, folder, viewport = { width: 1600, height: 1000 }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport });
  // code-server registers a PWA service worker at "/" that takes control of the
  // webview frames too; VS Code's webview then waits for its own worker and the
  // view may stay hidden. The PWA worker is of no use here: it is not registered.
  await page.addInitScript(() => {
    const sw = globalThis.navigator?.serviceWorker;
    if (!sw) return;
    const register = sw.register.bind(sw);
    sw.register = (url, options) =>
      String(url).includes('/_static/out/browser/serviceWorker.js') ? Promise.reject(new Error('not in tests')) : register(url, options);
  });
  const params = new URLSearchParams({ folder });
  await page.goto(`http://127.0.0.1:${port}/?${params}`);
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
  return { browser, page };
}

/**
 * Runs a command through the palette: Escape, F1, its title, a click on its row.
 * Tried up to three times: focus inside a webview can swallow F1 or close the
 * palette; a click on the status bar gives focus back to the workbench.
 */
export async function runCommand(page, title) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      // The row whose label is exactly the title (a longer command may rank above it).
      const row = exactRow(page, title);
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await row.click({ timeout: 5_000 });
      return;
    } catch (err) {
      lastError = err;
      await page
        .locator('.part.statusbar')
        .click({ position: { x: 600, y: 8 } })
        .catch(() => {});
    }
  }
  throw lastError;
}

/** The visible quick pick row labelled exactly `label` (its aria-label may add ", <keybinding>"). */
function exactRow(page, label) {
  const q = JSON.stringify(label);
  const qc = JSON.stringify(`${label},`);
  return page
    .locator(
      `.quick-input-widget .monaco-list-row[aria-label=${q}]:visible, .quick-input-widget .monaco-list-row[aria-label^=${qc}]:visible`,
    )
    .first();
}

/** Switches the color theme through "Preferences: Color Theme", as a user would; resolves once the workbench wears it. */
export async function setColorTheme(page, name, kind) {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  // The theme id ("Default Dark Modern") is the row's description; its label is shorter ("Dark Modern").
  const row = page
    .locator(
      `.quick-input-widget .monaco-list-row[aria-label=${JSON.stringify(name)}]:visible, .quick-input-widget .monaco-list-row[aria-label$=${JSON.stringify(`, ${name}`)}]:visible`,
    )
    .first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  // Still open after the click (the row only got the focus, which previews the theme and Escape would take back): Enter accepts it.
  const widget = page.locator('.quick-input-widget');
  const closed = () =>
    widget.waitFor({ state: 'hidden', timeout: 3_000 }).then(
      () => true,
      () => false,
    );
  if (!(await closed())) {
    await input.press('Enter', { timeout: 5_000 });
    assert.ok(await closed(), `the theme picker closed on ${name}`);
  }
  await wearsTheme(page, kind);
}

/** Resolves once the workbench wears a theme of this kind ('light' or 'dark'). */
export function wearsTheme(page, kind) {
  return page.locator(kind === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 30_000 });
}

/** Hides the panel (terminal, problems) when it is showing. */
export async function hidePanel(page) {
  const panel = page.locator('.monaco-workbench .part.panel');
  if (!(await panel.isVisible().catch(() => false))) return;
  await runCommand(page, 'View: Toggle Panel Visibility');
  await panel.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

/** Whether the palette offers a command with this title. */
export async function paletteHas(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  const found = await row.waitFor({ state: 'visible', timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  await page.keyboard.press('Escape');
  return found;
}

/** The report view's document inside the workbench (webview iframe → its active frame). */
export function reportFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The setup wizard's document: the webview frame that holds its chat log (waits for it to appear). */
export async function wizardFrame(page) {
  for (let i = 0; i < 200; i++) {
    for (const f of page.frames()) {
      if (
        await f
          .locator('#chat-log')
          .count()
          .catch(() => 0)
      )
        return f;
    }
    await page.waitForTimeout(150);
  }
  throw new Error('the wizard webview did not appear');
}

/** Waits until `probe` resolves truthy; fails saying `what` it waited for. */
export async function waitUntil(probe, what, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The themes the screenshots are taken in. */
export const SHOT_THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

/**
 * Saves `<out>/<name>-light.png` and `<name>-dark.png`: the light theme first, then
 * the dark one chosen as a user would; `ready(theme)` runs before each picture. The
 * light theme is chosen again at the end.
 */
export async function themeShots(page, out, name, ready = async () => {}) {
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await setColorTheme(page, SHOT_THEMES.dark, 'dark');
    await page.keyboard.press('Escape');
    await ready(theme);
    await wearsTheme(page, theme);
    await page.mouse.move(1270, 400);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `${name}-${theme}.png`) });
  }
  await setColorTheme(page, SHOT_THEMES.light, 'light');
}

/** A temp folder with code-server's user-data and extensions folders; empties the screenshots folder `out` of old pictures. */
export function freshDirs(prefix, out) {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) if (f.endsWith('.png')) rmSync(join(out, f));
  return { tmp, dirs: { userData: join(tmp, 'user-data'), extensions: join(tmp, 'extensions') } };
}

/** Leaves a picture of the window behind when the test that just ran failed. */
export async function shotOnFailure(test, wb, out) {
  if (test?.state === 'failed' && wb)
    await wb.page.screenshot({ path: join(out, `failure-${test.title.replace(/\W+/g, '-')}.png`) }).catch(() => {});
}

/** Closes the browser and code-server, and removes the temp folder. */
export async function closeAll(wb, server, tmp) {
  await wb?.browser.close().catch(() => {});
  await stopCodeServer(server);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
