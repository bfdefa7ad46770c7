// End to end: the packaged .vsix in code-server, an EMPTY folder opened in a
// 1280×800 window, and the ways in, the views and the help links checked as a new
// user meets them: the AI Quality view's welcome (its buttons, our own activity-bar
// icon), "Open the Demo", the Requirements view from the profile's CodeLens, a
// problem code in the Problems panel clicked to its README section, "Go to Test"
// from a Test Explorer case to its dataset line, and the setup wizard's side panel
// fitting beside the open sidebar. Screenshots of each, light and dark, go to
// test-output/e2e/polish/. Run by scripts/e2e.mjs (npm run test:e2e).
import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { REPO_ROOT } from '../../scripts/provision.mjs';
import { panelOverflow, unreachable } from '../webview/panelFit.mjs';
import {
  SHOT_THEMES,
  closeAll,
  freshDirs,
  hidePanel,
  installVsix,
  openWorkbench,
  runCommand,
  shotOnFailure,
  startCodeServer,
  themeShots,
  waitUntil,
  wizardFrame,
  writeUserSettings,
} from './workbench.mjs';

const VSIX = process.env.AIQK_E2E_VSIX || join(REPO_ROOT, 'dist', 'ai-quality-kit.vsix');
const OUT = join(REPO_ROOT, 'test-output', 'e2e', 'polish');

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
      'workbench.colorTheme': SHOT_THEMES.light,
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

  const shots = (name, ready) => themeShots(wb.page, OUT, name, ready);

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

  it('shows the requirements of the demo profile as a tree with status badges, from its CodeLens', async () => {
    const { page } = wb;
    await page.locator('.tab', { hasText: 'aiqk.yaml' }).first().click();
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Show requirements' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Requirements' }) });
    await view.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
    const row = (label) => view.locator(`.monaco-list-row[aria-label^=${JSON.stringify(label)}]`).first();
    // A suite with its summary (the demo gives it no schema, an optional dataset), its data kinds below
    // with their badges (icon and word), and one from the built-in set.
    const suite = view.locator('.monaco-list-row', { hasText: 'rag_quality' }).first();
    await suite.waitFor();
    assert.match(await suite.innerText(), /rag_quality\s*1 missing/);
    assert.equal(await suite.locator('.codicon-warning').count(), 1, 'the suite wears its worst badge');
    assert.match(await row('rag_quality schema: missing').innerText(), /schema\s*missing · optional/);
    const qaset = row('rag_quality qaset: provided');
    await qaset.waitFor();
    assert.match(await qaset.innerText(), /qaset\s*provided/);
    assert.equal(await qaset.locator('.codicon-pass').count(), 1, 'a "provided" badge');
    const attacks = row('red_team attacks: using defaults');
    await attacks.waitFor();
    assert.equal(await attacks.locator('.codicon-package').count(), 1, 'a "using defaults" badge');
    assert.equal(await view.locator('.monaco-list-row', { hasText: 'not used' }).count(), 0, '"not used" is hidden');
    await shots('requirements-view', () => qaset.waitFor());
  });

  it('opens the README at the section of a problem code clicked in the Problems panel', async () => {
    const { page } = wb;
    // A question that says nothing: the "empty-text" problem of the demo's qaset.
    appendFileSync(join(folder, 'aiqk-demo', 'data', 'qaset.jsonl'), '{"qid":"blank","question":"   ","expected_answer":"x"}\n');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)').catch(() =>
      runCommand(page, 'Problems: Focus on Problems View'),
    );
    const link = page.locator('.markers-panel .monaco-link', { hasText: 'empty-text' }).first();
    // The change reaches the extension through a file watcher, which code-server may be slow to fire: opening the file checks it too.
    if (
      !(await link.waitFor({ timeout: 30_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await runCommand(page, 'Go to File...');
      await page.keyboard.type('aiqk-demo/data/qaset.jsonl');
      await page.keyboard.press('Enter');
      await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)').catch(() =>
        runCommand(page, 'Problems: Focus on Problems View'),
      );
      await link.waitFor({ timeout: 60_000 });
    }
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

  it('fits the whole wizard side panel in a 1280×800 window with the sidebar open', async () => {
    const { page } = wb;
    await hidePanel(page);
    const sidebar = page.locator('.monaco-workbench .part.sidebar');
    assert.ok(await sidebar.isVisible(), 'the sidebar is open');
    await runCommand(page, 'AI Quality: Open Setup Wizard');
    const f = await wizardFrame(page);
    const entries = () => f.locator('#chat-log li.entry').count();
    const answer = async (act) => {
      const before = await entries();
      await act();
      await waitUntil(async () => (await entries()) > before + 1, 'the reply');
    };
    // Every suite, no default datasets: the widest matrix and an "Upload now" chip for each kind.
    await answer(() => f.locator('#chips button.chip[data-value="built-in demo"]').click());
    await answer(async () => {
      await f.locator('#answer input').fill('all suites');
      await f.locator('#answer input').press('Enter');
    });
    await f.locator('#use-defaults').click();
    await f.locator('.uploads vscode-button').first().waitFor({ timeout: 20_000 });
    assert.equal(await f.locator('#compact-matrix tbody tr').count(), 8, 'a row per suite');
    const where = await f
      .locator('.side')
      .evaluate((side) => ({ window: side.ownerDocument.defaultView.innerWidth, panel: side.clientWidth }));
    const sidebarBox = await sidebar.boundingBox();
    assert.ok(where.window < 1280 - 200, `the wizard shares the window with the sidebar: ${JSON.stringify({ ...where, sidebarBox })}`);
    assert.deepEqual(await f.locator('.side').evaluate(panelOverflow, '.matrix-wrap'), [], 'nothing sticks out of the side panel');
    const actions = ['#run-tests', '#show-requirements', '#matrix-box'];
    const uploads = await f.locator('.uploads vscode-button').count();
    for (const sel of actions) assert.equal(await f.locator(sel).evaluate(unreachable), '', `${sel} can be reached`);
    for (let i = 0; i < uploads; i++)
      assert.equal(await f.locator('.uploads vscode-button').nth(i).evaluate(unreachable), '', `Upload now #${i + 1}`);
    await shots('wizard-fits', async (theme) => {
      await f.locator(`body.vscode-${theme}`).waitFor({ timeout: 30_000 });
      await f.locator('section[aria-labelledby=req-title]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    });
  });
});
