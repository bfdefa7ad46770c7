// End to end: the packaged .vsix installed into code-server, a copy of
// examples/demo opened in Chromium, the demo run from the command palette, the
// report view checked in its webview, and screenshots of it in the light and
// dark themes saved to test-output/e2e/. Run by scripts/e2e.mjs (npm run test:e2e).
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, afterEach, before, describe, it } from 'mocha';
import { REPO_ROOT } from '../../scripts/provision.mjs';
import {
  hidePanel,
  installVsix,
  openWorkbench,
  paletteHas,
  reportFrame,
  runCommand,
  setColorTheme,
  startCodeServer,
  stopCodeServer,
  writeUserSettings,
} from './workbench.mjs';

const VSIX = process.env.AIQK_E2E_VSIX || join(REPO_ROOT, 'dist', 'ai-quality-kit.vsix');
const OUT = join(REPO_ROOT, 'test-output', 'e2e');
const LIGHT = 'Default Light Modern';
const DARK = 'Default Dark Modern';
const RUN_TESTS = 'AI Quality: Run Tests';
const OPEN_VIEW = 'AI Quality: Open Report View';

describe('packaged extension in code-server', function () {
  this.timeout(240_000);
  let tmp;
  let dirs;
  let folder;
  let server;
  let wb;
  const settings = (theme) => ({
    'workbench.colorTheme': theme,
    'aiQualityKit.reports.openAfterRun': 'always',
    'workbench.panel.defaultLocation': 'bottom',
  });
  const reports = () =>
    existsSync(join(folder, '.aiqk', 'reports'))
      ? readdirSync(join(folder, '.aiqk', 'reports'))
          .filter((f) => /^run_.*\.json$/.test(f))
          .sort()
      : [];

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
    tmp = mkdtempSync(join(tmpdir(), 'aiqk-e2e-'));
    dirs = { userData: join(tmp, 'user-data'), extensions: join(tmp, 'extensions') };
    folder = join(tmp, 'demo');
    cpSync(join(REPO_ROOT, 'examples', 'demo'), folder, { recursive: true, filter: (src) => !src.includes(`${join('demo', '.aiqk')}`) });
    mkdirSync(OUT, { recursive: true });
    for (const f of readdirSync(OUT)) if (f.endsWith('.png')) rmSync(join(OUT, f));
    writeUserSettings(dirs.userData, settings(LIGHT));
  });

  afterEach(async function () {
    // A failed step leaves a picture of the window behind.
    if (this.currentTest?.state === 'failed' && wb)
      await wb.page.screenshot({ path: join(OUT, `failure-${this.currentTest.title.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  });

  after(async () => {
    await wb?.browser.close().catch(() => {});
    await stopCodeServer(server);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('installs the .vsix with code-server', () => {
    const out = installVsix(VSIX, dirs);
    assert.match(out, /successfully installed/);
    assert.ok(
      readdirSync(dirs.extensions).some((d) => d.startsWith('aiqk.ai-quality-kit-')),
      'installed in the extensions folder',
    );
  });

  it('runs the demo from the command palette and opens its report view', async () => {
    server = await startCodeServer(dirs);
    wb = await openWorkbench(server.port, folder);
    const { page } = wb;
    // The extension activates on the workspace's aiqk.yaml; its commands appear then.
    let hasRun = false;
    for (let i = 0; i < 20 && !hasRun; i++) hasRun = await paletteHas(page, RUN_TESTS);
    if (hasRun) {
      // Two runs: the second report is compared with the first.
      for (let n = 1; n <= 2; n++) {
        // A palette click that lands while the workbench settles starts nothing: no suite pick shows, and the command is given again.
        for (let attempt = 0; attempt < 3; attempt++) {
          await runCommand(page, RUN_TESTS);
          if (await acceptSuitePick(page)) break;
        }
        await waitFor(() => reports().length >= n, 120_000, `report ${n} on disk`);
      }
    } else {
      // No run command in this build: make the reports with the CLI and open the newest.
      for (let n = 0; n < 2; n++) cli(['run', join(folder, 'aiqk.yaml')]);
      await runCommand(page, OPEN_VIEW);
      await page.keyboard.press('Enter');
    }
    const newest = reports()
      .at(-1)
      .replace(/\.json$/, '');
    const frame = reportFrame(page);
    const title = frame.locator('h1.run-id', { hasText: newest });
    await title.waitFor({ state: 'visible', timeout: 120_000 });
    assert.equal(await frame.locator('article.suite-card').count(), 8, 'a card per demo suite');
    assert.ok((await frame.locator('tbody tr.case-row').count()) > 0, 'case rows');
    assert.match(await frame.locator('#comparison').textContent(), /Compared with the previous run/);
    await page
      // One panel per profile, titled with the profile's short name and the run's time.
      .locator('.tab', { hasText: /Report · demo · \d\d:\d\d/ })
      .first()
      .waitFor({ timeout: 10_000 });
  });

  it('saves screenshots of the report view in light and dark themes', async () => {
    const { page } = wb;
    await tidy(page);
    const frame = reportFrame(page);
    await frame.locator('body.vscode-light').waitFor({ timeout: 30_000 });
    await settle(page);
    await page.screenshot({ path: join(OUT, 'report-light.png') });

    await setColorTheme(page, DARK, 'dark');
    await frame.locator('body.vscode-dark').waitFor({ timeout: 30_000 });
    await settle(page);
    await page.screenshot({ path: join(OUT, 'report-dark.png') });

    // Charts and the comparison with the previous run.
    await frame.locator('#latency').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await settle(page);
    await page.screenshot({ path: join(OUT, 'report-dark-charts.png') });

    // The case table with the first row open: expected and output side by side.
    await frame.locator('#cases').scrollIntoViewIfNeeded();
    await frame.locator('tbody tr.case-row').first().click();
    await frame.locator('tr.detail-row').waitFor();
    await frame.locator('#cases').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await settle(page);
    await page.screenshot({ path: join(OUT, 'report-dark-cases.png') });

    for (const f of ['report-light.png', 'report-dark.png', 'report-dark-charts.png', 'report-dark-cases.png']) {
      const png = readFileSync(join(OUT, f));
      assert.ok(png.length > 20_000, `${f} is a real screenshot`);
    }
  });
});

/** Hides what is not the report: notifications, the side bar, the terminal panel. */
async function tidy(page) {
  for (const title of ['Notifications: Clear All Notifications', 'View: Close Primary Side Bar']) {
    await runCommand(page, title).catch(() => page.keyboard.press('Escape'));
  }
  await hidePanel(page);
}

/** "Run Tests" asks which suites to run (all are ticked): accept the pick when it comes. */
/** Accepts the suite pick of Run Tests; false when none showed. */
async function acceptSuitePick(page) {
  const pick = page.locator('.quick-input-widget .quick-input-box input[placeholder*="Suites"]');
  if (
    !(await pick.waitFor({ state: 'visible', timeout: 15_000 }).then(
      () => true,
      () => false,
    ))
  )
    return false;
  // Enter in the filter box of a multi-select pick does not accept it: OK does.
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
  return true;
}

/** Lets the webview finish its layout and chart redraw before a screenshot. */
async function settle(page) {
  // No hover tooltip in the picture.
  await page.mouse.move(900, 700);
  await page.waitForTimeout(800);
}

async function waitFor(probe, timeoutMs, what) {
  const started = Date.now();
  while (!probe()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function cli(args) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
  // Exit 1 = the run finished and failed its thresholds: the report is still written.
  if (r.status !== 0 && r.status !== 1) throw new Error(`aiqk ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  writeFileSync(join(OUT, 'cli.log'), `${r.stdout}\n${r.stderr}`, { flag: 'a' });
}
