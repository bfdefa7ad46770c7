// End to end: the packaged .vsix installed into code-server, an EMPTY folder
// opened in Chromium, and the setup wizard driven through its webview like a
// person would (chips, typing, the password field, the matrix dialog, Run tests):
// once against a small OpenAI-compatible server started here, once with the
// built-in demo to a finished run. A screenshot of every step is saved, in the
// light and in the dark theme, to test-output/e2e/wizard/.
// Run by scripts/e2e.mjs (npm run test:e2e) after `npm run package`.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { REPO_ROOT } from '../../scripts/provision.mjs';
import {
  installVsix,
  openWorkbench,
  paletteHas,
  runCommand,
  startCodeServer,
  stopCodeServer,
  waitUntil,
  wizardFrame,
  writeUserSettings,
} from './workbench.mjs';

const VSIX = process.env.AIQK_E2E_VSIX || join(REPO_ROOT, 'dist', 'ai-quality-kit.vsix');
const OUT = join(REPO_ROOT, 'test-output', 'e2e', 'wizard');
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const KEY = 'sk-e2e-0a1b2c3d4e5f6a7b8c9d';
const OPEN_WIZARD = 'AI Quality: Open Setup Wizard';

/** A small OpenAI-compatible chat-completions server that wants the key (plain JSON replies). */
async function startLlm() {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (req.headers.authorization !== `Bearer ${KEY}`)
        return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key"}}');
      if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
      let question = '';
      try {
        question = JSON.parse(body).messages.at(-1).content;
      } catch {
        /* answered anyway */
      }
      const answer = /storage|plan/i.test(question)
        ? 'The Basic plan includes 100 GB of storage.'
        : 'I can answer questions about your account, plans and files.';
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          model: 'local-model',
          choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

describe('setup wizard in code-server', function () {
  this.timeout(300_000);
  let tmp;
  let dirs;
  let folder;
  let server;
  let wb;
  let llm;
  const shots = [];

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
    tmp = mkdtempSync(join(tmpdir(), 'aiqk-e2e-wizard-'));
    dirs = { userData: join(tmp, 'user-data'), extensions: join(tmp, 'extensions') };
    folder = join(tmp, 'empty-project');
    mkdirSync(folder);
    mkdirSync(OUT, { recursive: true });
    for (const f of readdirSync(OUT)) if (f.endsWith('.png')) rmSync(join(OUT, f));
    writeUserSettings(dirs.userData, settings('light'));
    installVsix(VSIX, dirs);
    llm = await startLlm();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb)
      await wb.page.screenshot({ path: join(OUT, `failure-${this.currentTest.title.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  });

  after(async () => {
    await wb?.browser.close().catch(() => {});
    await stopCodeServer(server);
    await llm?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function settings(theme) {
    return { 'workbench.colorTheme': THEMES[theme], 'workbench.panel.defaultLocation': 'bottom', 'workbench.editor.enablePreview': false };
  }

  const wizard = () => wizardFrame(wb.page);

  async function shot(theme, n, name) {
    await wb.page.waitForTimeout(450);
    const file = join(OUT, `${theme}-${String(n).padStart(2, '0')}-${name}.png`);
    await wb.page.screenshot({ path: file });
    shots.push(file);
  }

  async function entries(f) {
    return f.locator('#chat-log li.entry').count();
  }

  /** Clicks a chip by value and waits for the wizard's answer to show. */
  async function chip(f, value) {
    const before = await entries(f);
    await f.locator(`#chips button.chip[data-value="${value}"]`).click();
    await waitUntil(
      async () => (await entries(f)) > before + 1 || (await f.locator('.busy:not([hidden])').count()) > 0,
      `the reply to ${value}`,
    );
  }

  async function type(f, text) {
    const before = await entries(f);
    const input = f.locator('#answer input');
    await input.fill(text);
    await input.press('Enter');
    await waitUntil(async () => (await entries(f)) > before, `the reply to “${text}”`);
  }

  async function stepIs(f, title) {
    await waitUntil(async () => (await f.locator('#progress-label').innerText()).includes(`: ${title}`), `the step ${title}`);
  }

  /** The whole conversation in one theme: every step, both flows. */
  async function tour(theme) {
    const { page } = wb;
    await runCommand(page, OPEN_WIZARD);
    let f = await wizard();
    await f.locator(`body.vscode-${theme}`).waitFor({ timeout: 30_000 });
    await shot(theme, 1, 'target');
    await chip(f, 'api');
    await stepIs(f, 'Address');
    await shot(theme, 2, 'address');
    await type(f, `${llm.url}/v1`);
    await stepIs(f, 'Protocol');
    await shot(theme, 3, 'protocol');
    await chip(f, 'openai');
    await stepIs(f, 'API key');
    await shot(theme, 4, 'api-key');
    await f.locator('#chips button.chip.kind-secret').click();
    await f.locator('#secret-value input').fill(KEY);
    await shot(theme, 5, 'api-key-entry');
    await f.locator('#secret-value input').press('Enter');
    await stepIs(f, 'Model');
    await shot(theme, 6, 'model');
    await type(f, 'local-model');
    await stepIs(f, 'Suites');
    await shot(theme, 7, 'suites');
    await chip(f, 'all');
    await stepIs(f, 'Thresholds');
    await shot(theme, 8, 'thresholds');
    await type(f, 'faithfulness 0.85, recall 80%, p95 3 s');
    await stepIs(f, 'Volumes');
    await shot(theme, 9, 'volumes');
    await chip(f, 'smoke');
    await stepIs(f, 'Resilience');
    await shot(theme, 10, 'resilience');
    await type(f, 'only timeout and retry, retries 1');
    await stepIs(f, 'Compliance');
    await shot(theme, 11, 'compliance');
    await chip(f, 'defaults');
    await stepIs(f, 'Bias');
    await shot(theme, 12, 'bias');
    await type(f, 'female|male; young|elderly, refusal rate');
    await stepIs(f, 'Test data');
    await shot(theme, 13, 'test-data');
    await chip(f, 'create qaset');
    await shot(theme, 14, 'test-data-created');
    await chip(f, 'done');
    await stepIs(f, 'Connection');
    await waitUntil(
      async () => /Connected: the target answered/.test(await f.locator('#chat-log').innerText()),
      'the connection test',
      60_000,
    );
    await shot(theme, 15, 'connection');
    await chip(f, 'continue');
    await stepIs(f, 'Summary');
    await shot(theme, 16, 'summary');
    await f.locator('#show-requirements').click();
    await f.locator('#matrix-dialog').waitFor({ state: 'visible' });
    await shot(theme, 17, 'requirements');
    await f.locator('#matrix-close').click();
    await type(f, `save as api-${theme}.aiqk.yaml`);
    await chip(f, 'write');
    await waitUntil(() => existsSync(join(folder, `api-${theme}.aiqk.yaml`)), 'the profile on disk');
    await shot(theme, 18, 'written');
    const text = readFileSync(join(folder, `api-${theme}.aiqk.yaml`), 'utf8');
    assert.match(text, /bearer_env: OPENAI_API_KEY/);
    assert.ok(!text.includes(KEY), 'the key is not written');

    // Second flow: the built-in demo, to a finished run.
    f = await wizard();
    await f.locator('#reset').click();
    await f.locator('#reset').click();
    await stepIs(f, 'Target');
    await chip(f, 'built-in demo');
    await chip(f, 'recommended');
    await chip(f, 'defaults');
    await chip(f, 'smoke');
    await chip(f, 'done');
    await waitUntil(
      async () => /Connected: the target answered/.test(await f.locator('#chat-log').innerText()),
      'the demo connection test',
      60_000,
    );
    await chip(f, 'continue');
    await type(f, `save as demo-${theme}.aiqk.yaml`);
    await f.locator('#run-tests').click();
    await waitUntil(
      async () =>
        (await f.locator('#run-card:not([hidden])').count()) > 0 ||
        /Run run_\S+ (passed|failed)/.test(await f.locator('#chat-log').innerText()),
      'the run to start',
      60_000,
    );
    await shot(theme, 19, 'running');
    await waitUntil(async () => /Run run_\S+ (passed|failed)/.test(await f.locator('#chat-log').innerText()), 'the run to finish', 120_000);
    await shot(theme, 20, 'finished');
    await f.locator('#reset').click();
    await f.locator('#reset').click();
  }

  it('opens the wizard in an empty folder and walks every step in the light theme', async () => {
    server = await startCodeServer(dirs);
    wb = await openWorkbench(server.port, folder, { width: 1440, height: 900 });
    // The extension's commands show once the extension host has scanned it (nothing activates it in an empty folder).
    let listed = false;
    for (let i = 0; i < 30 && !listed; i++) listed = await paletteHas(wb.page, OPEN_WIZARD);
    assert.ok(listed, `the palette offers ${OPEN_WIZARD}`);
    await runCommand(wb.page, 'View: Close Primary Side Bar').catch(() => wb.page.keyboard.press('Escape'));
    await tour('light');
    const reports = join(folder, '.aiqk', 'reports');
    assert.ok(existsSync(reports) && readdirSync(reports).some((f) => /^run_.*\.json$/.test(f)), 'the demo run wrote its report');
  });

  it('walks every step again in the dark theme', async () => {
    // Keys typed while a webview has the focus stay in it: give the focus back to the workbench first.
    await wb.page
      .locator('.part.statusbar')
      .click({ position: { x: 600, y: 8 } })
      .catch(() => {});
    await runCommand(wb.page, 'View: Close All Editors').catch(() => wb.page.keyboard.press('Escape'));
    await runCommand(wb.page, 'Notifications: Clear All Notifications').catch(() => wb.page.keyboard.press('Escape'));
    await runCommand(wb.page, 'View: Hide Panel').catch(() => wb.page.keyboard.press('Escape'));
    writeUserSettings(dirs.userData, settings('dark'));
    await runCommand(wb.page, OPEN_WIZARD);
    const f = await wizard();
    const dark = await f
      .locator('body.vscode-dark')
      .waitFor({ timeout: 8_000 })
      .then(
        () => true,
        () => false,
      );
    if (!dark) {
      // The settings file is not always picked up while the window is open: choose the theme by its command.
      await wb.page
        .locator('.part.statusbar')
        .click({ position: { x: 600, y: 8 } })
        .catch(() => {});
      await runCommand(wb.page, 'Preferences: Color Theme');
      await wb.page.locator('.quick-input-widget .quick-input-box input').fill('Dark Modern');
      await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
      await wb.page.keyboard.press('Enter');
    }
    await tour('dark');
  });

  it('stays readable in the high-contrast themes (screenshots of the suites step)', async () => {
    await wb.page
      .locator('.part.statusbar')
      .click({ position: { x: 600, y: 8 } })
      .catch(() => {});
    for (const title of ['View: Close All Editors', 'View: Hide Panel'])
      await runCommand(wb.page, title).catch(() => wb.page.keyboard.press('Escape'));
    for (const [name, title, cls] of [
      ['hc-dark', 'Dark High Contrast', 'vscode-high-contrast'],
      ['hc-light', 'Light High Contrast', 'vscode-high-contrast-light'],
    ]) {
      await wb.page
        .locator('.part.statusbar')
        .click({ position: { x: 600, y: 8 } })
        .catch(() => {});
      await runCommand(wb.page, 'Preferences: Color Theme');
      await wb.page.locator('.quick-input-widget .quick-input-box input').fill(title);
      await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
      await wb.page.keyboard.press('Enter');
      await runCommand(wb.page, OPEN_WIZARD);
      const f = await wizard();
      await f.locator(`body.${cls}`).waitFor({ timeout: 30_000 });
      await chip(f, 'built-in demo');
      await f.locator('#chips button[data-value=performance]').click();
      await f.locator('#chips button[data-value=red_team]').focus();
      await wb.page.waitForTimeout(450);
      const file = join(OUT, `${name}-suites.png`);
      await wb.page.screenshot({ path: file });
      assert.ok(statSync(file).size > 20_000);
      await f.locator('#reset').click();
      await f.locator('#reset').click();
    }
  });

  it('saved a real screenshot of every step in both themes', () => {
    assert.equal(shots.length, 40);
    for (const f of shots) assert.ok(statSync(f).size > 20_000, `${f} is a real screenshot`);
  });
});
