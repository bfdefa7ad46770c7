// The wizard's side panel in the built bundle in Chromium, at the sizes VS Code
// gives it, answered by the real host session: it fits, its actions can be
// reached, and its scrolling requirements box is a labelled tab stop the arrow
// keys scroll.
import { strict as assert } from 'node:assert';
import type { NodeServices } from '../unit/wizard/nodeServices';
import { nodeServices } from '../unit/wizard/nodeServices';
import { panelOverflow, unreachable } from './panelFit.mjs';
import { THEMES } from './themes';
import type { WizardPage } from './wizardHarness';
import { closeCheckedPage, WizardHarness } from './wizardHarness';

/** `#rrggbb` as the browser writes a computed colour. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('wizard side panel (built bundle in Chromium)', function () {
  this.timeout(90_000);
  const harness = new WizardHarness();
  let svc: NodeServices;
  let p: WizardPage | undefined;

  before(() => harness.start());
  after(() => harness.stop());
  beforeEach(() => {
    svc = nodeServices();
  });
  afterEach(async () => {
    await closeCheckedPage(p);
    p = undefined;
    svc.cleanup();
  });

  /** The wizard at `width` × 700 with every suite chosen and no default datasets: the widest matrix, "Upload now" for each kind. */
  async function widestMatrix(width: number, theme?: 'dark' | 'light'): Promise<WizardPage> {
    const page = await harness.open(svc, { width, height: 700, theme });
    await page.chip('built-in demo');
    await page.type('all suites');
    await page.act(() => page.page.locator('#use-defaults').click());
    return page;
  }

  // VS Code at 1280 and 1024 px wide with the activity bar and a 300 px sidebar open leaves
  // the panel about 930 and 675 px; the editor area is about 700 px high.
  for (const [window, width] of [
    [1280, 930],
    [1024, 675],
  ] as const) {
    it(`fits its side panel in a ${window} px window with the sidebar open: nothing overflows, actions reachable`, async () => {
      p = await widestMatrix(width);
      assert.deepEqual(await p.page.locator('.side').evaluate(panelOverflow, '.matrix-wrap'), []);
      for (const sel of ['#run-tests', '#show-requirements', '#matrix-box', '.uploads vscode-button'])
        assert.equal(await p.page.locator(sel).first().evaluate(unreachable), '', `${sel} can be reached`);
    });
  }

  it('lets the keyboard reach the requirements box (a labelled region) and scroll it sideways', async () => {
    p = await widestMatrix(930);
    const page = p.page;
    const box = page.locator('#matrix-box');
    assert.equal(await box.getAttribute('role'), 'region');
    assert.equal(await box.getAttribute('aria-label'), 'Requirements matrix');
    const size = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, left: el.scrollLeft }));
    assert.ok(size.scroll > size.client, `the matrix is wider than its box at this width: ${JSON.stringify(size)}`);
    assert.equal(size.left, 0);
    // From the answer field, Tab by Tab, as a keyboard user gets there.
    await page.locator('#answer input').focus();
    let presses = 0;
    while (presses < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'matrix-box') {
      await page.keyboard.press('Tab');
      presses++;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'matrix-box', 'Tab reaches the requirements box');
    const ring = await box.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor, visible: el.matches(':focus-visible') };
    });
    assert.deepEqual(ring, { style: 'solid', width: '1px', color: rgb(THEMES.dark.vars['--vscode-focusBorder']), visible: true });
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (document.getElementById('matrix-box')?.scrollLeft ?? 0) > 0, undefined, { timeout: 5000 });
    const right = await box.evaluate((el) => el.scrollLeft);
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((from) => (document.getElementById('matrix-box')?.scrollLeft ?? from) < from, right, { timeout: 5000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'matrix-box', 'the arrows scroll; the focus stays');
  });

  it('leaves the requirements box out of the tab order while no suite is chosen (no matrix)', async () => {
    p = await harness.open(svc, { width: 675, height: 700 });
    assert.equal(await p.page.locator('#matrix-box').innerText(), 'Choose suites to see which data they need.');
    assert.equal(await p.page.locator('#matrix-box').getAttribute('tabindex'), null);
  });
});
