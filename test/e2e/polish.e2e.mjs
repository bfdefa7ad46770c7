// End to end: the packaged .vsix in code-server, an EMPTY folder opened, and the
// ways in and the help links checked as a new user meets them: the AI Quality
// view's welcome (its buttons, our own activity-bar icon), "Open the Demo", a
// problem code in the Problems panel clicked to its README section, and "Go to
// Test" from a Test Explorer case to its dataset line. Screenshots of each, light
// and dark, go to test-output/e2e/polish/. Run by scripts/e2e.mjs (npm run test:e2e).
import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { REPO_ROOT } from '../../scripts/provision.mjs';
import {
  closeAll,
  freshDirs,
  installVsix,
  openWorkbench,
  runCommand,
  setColorTheme,
  shotOnFailure,
  startCodeServer,
  writeUserSettings,
} from './workbench.mjs';

const VSIX = process.env.AIQK_E2E_VSIX || join(REPO_ROOT, 'dist', 'ai-quality-kit.vsix');
const OUT = join(REPO_ROOT, 'test-output', 'e2e', 'polish');
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

describe('ways in and help links in code-server', function () {
  this.timeout(240_000);
  let tmp;
  let dirs;
  let folder;
  let server;
  let wb;

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
    ({ tmp, dirs } = freshDirs('aiqk-e2e-polish-', OUT));
    folder = join(tmp, 'new-project');
    mkdirSync(folder);
    writeUserSettings(dirs.userData, {
      'workbench.colorTheme': THEMES.light,
      'workbench.panel.defaultLocation': 'bottom',
      'workbench.editor.enablePreview': false,
    });
    installVsix(VSIX, dirs);
    server = await startCodeServer(dirs);
    wb = await openWorkbench(server.port, folder, { width: 1280, height: 800 });
  });

  afterEach(async function () {
    await shotOnFailure(this.currentTest, wb, OUT);
  });

  after(() => closeAll(wb, server, tmp));

  /** A screenshot in both themes (the light one first); the theme is left dark→light as found. */
  async function shots(name, ready = async () => {}) {
    const { page } = wb;
    for (const theme of ['light', 'dark']) {
      if (theme === 'dark') await setColorTheme(page, THEMES.dark, 'dark');
      await page.keyboard.press('Escape');
      await ready();
      await page.mouse.move(1270, 400);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(OUT, `${name}-${theme}.png`) });
    }
    await setColorTheme(page, THEMES.light, 'light');
  }

  it('shows the welcome with its ways in, under an icon of its own, in an empty folder', async () => {
    const { page } = wb;
    const icon = page.locator('.activitybar .action-item a[aria-label^="AI Quality"]').first();
    await icon.waitFor({ timeout: 60_000 });
    // Our icon is not the Testing view's flask: different pictures.
    const ours = await icon.evaluate((a) => globalThis.getComputedStyle(a).maskImage || globalThis.getComputedStyle(a).webkitMaskImage);
    assert.match(ours, /activitybar\.svg/);
    await icon.click();
    const welcome = page.locator('.pane-body .welcome-view-content');
    await welcome.waitFor({ timeout: 60_000 });
    for (const label of ['Start the Setup Wizard', 'Open the Demo', 'Create a Run Profile'])
      await welcome.locator('.monaco-button', { hasText: label }).waitFor({ timeout: 10_000 });
    await welcome.locator('a', { hasText: 'documentation' }).waitFor();
    await shots('welcome', () => welcome.waitFor());
  });

  it('opens the demo from the welcome: its profile in the editor, the view lists it', async () => {
    const { page } = wb;
    await page.locator('.welcome-view-content .monaco-button', { hasText: 'Open the Demo' }).click();
    await page.locator('.tab.active', { hasText: 'aiqk.yaml' }).waitFor({ timeout: 30_000 });
    assert.ok(existsSync(join(folder, 'aiqk-demo', 'data', 'qaset.jsonl')));
    await page.locator('.pane-body .monaco-list-row', { hasText: 'aiqk-demo/aiqk.yaml' }).first().waitFor({ timeout: 30_000 });
  });

  it('opens the README at the section of a problem code clicked in the Problems panel', async () => {
    const { page } = wb;
    // A question that says nothing: the "empty-text" problem of the demo's qaset.
    appendFileSync(join(folder, 'aiqk-demo', 'data', 'qaset.jsonl'), '{"qid":"blank","question":"   ","expected_answer":"x"}\n');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)').catch(() =>
      runCommand(page, 'Problems: Focus on Problems View'),
    );
    const link = page.locator('.markers-panel .monaco-link', { hasText: 'empty-text' }).first();
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    const tab = page.locator('.tab.active', { hasText: /readme\.md/i });
    await tab.waitFor({ timeout: 30_000 });
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').split('\n');
    const line = readme.indexOf('#### empty-text') + 1;
    // The cursor is on the heading of the section (the status bar says where).
    await page
      .locator('.statusbar-item', { hasText: `Ln ${line},` })
      .first()
      .waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.monaco-editor .view-lines').first().getByText('#### empty-text').count(), 1);
    assert.equal(await page.getByText('Create File').count(), 0, 'no "file not found" page');
    await shots('problem-link', () => tab.waitFor());
  });

  it('goes from a qaset case in the Test Explorer to its dataset line ("Go to Test")', async () => {
    const { page } = wb;
    const reportsDir = join(folder, 'aiqk-demo', '.aiqk', 'reports');
    const reports = () => (existsSync(reportsDir) ? readdirSync(reportsDir).filter((f) => f.endsWith('.json')) : []);
    await runCommand(page, 'Test: Run All Tests');
    for (let i = 0; i < 480 && reports().length === 0; i++) await page.waitForTimeout(250);
    assert.ok(reports().length > 0, 'the demo ran from the Test Explorer');
    await runCommand(page, 'Testing: Focus on Test Explorer View');
    const tree = page.locator('.test-explorer');
    const row = (text) => tree.locator('.monaco-list-row', { hasText: text }).first();
    // Profile → rag_quality → its cases (expanded with the keyboard, as a user would).
    for (const label of ['aiqk-demo/aiqk.yaml', 'rag_quality']) {
      await row(label).waitFor({ timeout: 30_000 });
      if ((await row(label).getAttribute('aria-expanded')) !== 'true') {
        await row(label).click();
        await page.keyboard.press('ArrowRight');
      }
    }
    const qaset = readFileSync(join(REPO_ROOT, 'examples', 'demo', 'data', 'qaset.jsonl'), 'utf8').split('\n');
    const first = JSON.parse(qaset[0]);
    const caseRow = row(first.question);
    await caseRow.waitFor({ timeout: 30_000 });
    const tab = page.locator('.tab.active', { hasText: 'qaset.jsonl' });
    // The context menu's "Go to Test"; a click that lands while the menu settles is tried again with the keyboard.
    for (let attempt = 0; attempt < 3 && !(await tab.isVisible()); attempt++) {
      await caseRow.click({ button: 'right' });
      const item = page.locator('.context-view .action-item', { hasText: 'Go to Test' }).first();
      await item.waitFor({ timeout: 10_000 });
      await item.hover();
      await page.waitForTimeout(300);
      if (attempt === 0) await item.click();
      else await page.keyboard.press('Enter');
      await tab.waitFor({ timeout: 5_000 }).catch(() => {});
    }
    await tab.waitFor({ timeout: 10_000 });
    await page.locator('.statusbar-item', { hasText: 'Ln 1,' }).first().waitFor({ timeout: 10_000 });
    await shots('go-to-test', () => caseRow.waitFor());
  });
});
