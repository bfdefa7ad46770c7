// Both webviews under the extension's own CSP (webviewCsp, no 'unsafe-inline'):
// every part of the report view and of the wizard renders without a single
// violation, styled by the adopted sheets and CSSOM styles alone; and the page
// does refuse (and record) an inline <style>, a style attribute and an inline
// script, so "no violation" means something.
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { RunResult } from '../../src/engine/model/runTypes';
import type { WizardView } from '../../src/protocol';
import type { NodeServices } from '../unit/wizard/nodeServices';
import { nodeServices } from '../unit/wizard/nodeServices';
import { demoReport, openView, previousOf, removeViews } from './fixtures';
import type { OpenedView } from './fixtures';
import { Harness } from './harness';
import { THEMES } from './themes';
import { WizardHarness } from './wizardHarness';

/** `#rrggbb` as getComputedStyle reports it. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** Violations arrive as events in a later task: wait a couple of frames, then read them. */
async function settledViolations(page: Page): Promise<string[]> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(50);
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

/** What styles the page: its own <style> elements, its adopted sheets, those of the first vscode-element's shadow root. */
function styleSources(page: Page): Promise<{ styleElements: number; adopted: number; shadowAdopted: number }> {
  return page.evaluate(() => ({
    styleElements: document.querySelectorAll('style').length,
    adopted: document.adoptedStyleSheets.length,
    shadowAdopted: document.querySelector('vscode-button')?.shadowRoot?.adoptedStyleSheets.length ?? 0,
  }));
}

/** No <style> element: the app's two sheets are adopted, and so are the lit components' own. */
function assertStyledBySheets(s: { styleElements: number; adopted: number; shadowAdopted: number }): void {
  assert.equal(s.styleElements, 0, 'no <style> element');
  assert.equal(s.adopted, 2, 'base and app sheets adopted');
  assert.ok(s.shadowAdopted > 0, 'the vscode-elements component adopted its sheets');
}

/** A property of an element's computed style. */
function computed(page: Page, selector: string, prop: string): Promise<string> {
  return page.$eval(selector, (el, p) => getComputedStyle(el).getPropertyValue(p), prop);
}

/** Width of an element as a fraction of its parent's. */
function widthShare(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => el.getBoundingClientRect().width / (el.parentElement?.getBoundingClientRect().width || 1));
}

describe('webview CSP without unsafe-inline (built bundles in Chromium)', function () {
  this.timeout(90_000);

  describe('report view', () => {
    const harness = new Harness();
    let report: RunResult;
    let view: OpenedView;
    before(async () => {
      report = await demoReport();
      view = await openView(report, previousOf(report));
      await harness.start();
    });
    after(async () => {
      await harness.stop();
      removeViews();
    });

    it('refuses and records an inline style, a style attribute and an inline script; CSSOM styles pass', async () => {
      const p = await harness.open();
      await p.page.evaluate(() => {
        document.body.setAttribute('style', 'outline: 3px solid red');
        document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' }));
        document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.__inlineRan = true' }));
        document.body.style.setProperty('--aiqk-probe', '1');
      });
      const seen = await settledViolations(p.page);
      const directives = seen.map((v) => v.split(' ')[0]).sort();
      assert.deepEqual(directives, ['script-src-elem', 'style-src-attr', 'style-src-elem'], 'the CSSOM property is not a violation');
      assert.equal(await p.page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan), undefined);
      assert.notEqual(await computed(p.page, 'body', 'color'), 'rgb(255, 0, 0)');
      assert.notEqual(await computed(p.page, 'body', 'outline-style'), 'solid');
      assert.equal(await computed(p.page, 'body', '--aiqk-probe'), '1');
      await p.page.close();
    });

    for (const theme of ['dark', 'light'] as const) {
      it(`renders header, cards, charts, comparison, case table and details styled, with no violation (${theme})`, async () => {
        const p = await harness.open({ theme });
        const ack = await p.show(view);
        assert.equal(ack.charts, 2);
        const red = report.cases.find((c) => c.suite === 'red_team' && Array.isArray(c.details?.evidence));
        assert.ok(red);
        await p.rerendered(() => p.page.locator('vscode-textfield#filter-text input').fill(red.case_id));
        await p.rerendered(() => p.page.locator('tbody tr.case-row').first().click());
        await p.page.locator('tr.detail-row details summary').first().click();
        await p.page.locator('details#logs summary').click();

        assert.deepEqual(await settledViolations(p.page), [], 'no CSP violation');
        assert.deepEqual(p.errors, [], 'no script error or refused resource');
        assertStyledBySheets(await styleSources(p.page));
        const vars = THEMES[theme].vars;
        assert.equal(await computed(p.page, 'body', 'background-color'), rgb(vars['--vscode-editor-background'] ?? ''));
        assert.equal(await computed(p.page, 'body', 'color'), rgb(vars['--vscode-foreground'] ?? ''));
        assert.equal(await computed(p.page, '.card', 'border-top-color'), rgb(vars['--vscode-charts-green'] ?? ''));
        assert.equal(await computed(p.page, '#comparison .chip', 'border-radius'), '4px');
        assert.equal(await computed(p.page, 'mark.evidence', 'display'), 'inline');
        // Widths set through the CSSOM (a pass-rate bar, Chart.js's canvas size) still apply.
        const seg = await widthShare(p.page, '.card[data-suite="rag_quality"] .seg.is-passed');
        assert.ok(seg > 0.5 && seg < 1, `the passed share of rag_quality is drawn (${seg})`);
        for (const id of ['#latency', '#attacks']) {
          const box = await p.page.$eval(`${id} canvas`, (c) => c.getBoundingClientRect().height);
          assert.ok(box > 100, `${id} chart has its size (${box}px)`);
        }
        const button = await p.page.$eval('vscode-button#action-open-json', (b) => {
          const inner = b.shadowRoot?.querySelector('.base') ?? b;
          return getComputedStyle(inner).backgroundColor;
        });
        assert.equal(button, rgb(vars['--vscode-button-background'] ?? ''), 'the lit component adopted its own sheet');
        await p.page.close();
      });
    }
  });

  describe('wizard', () => {
    const harness = new WizardHarness();
    let svc: NodeServices;
    before(() => harness.start());
    after(() => harness.stop());
    beforeEach(() => {
      svc = nodeServices();
    });
    afterEach(() => svc.cleanup());

    for (const theme of ['dark', 'light'] as const) {
      it(`renders chat, chips, side panel, requirements dialog and run card styled, with no violation (${theme})`, async () => {
        const p = await harness.open(svc, { theme });
        await p.chip('built-in demo');
        await p.type('rag');
        await p.act(() => p.page.locator('#use-defaults').click());
        await p.page.locator('#show-requirements').click();
        const dialog = p.page.locator('#matrix-dialog');
        await dialog.waitFor({ state: 'visible' });
        await p.page.locator('button[data-sort=suite]').click();
        const vars = THEMES[theme].vars;
        assert.equal(await computed(p.page, '#matrix-dialog', 'border-radius'), '6px');
        await p.page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        // The run card as the host shows it while a run goes (the real message, a fixed moment).
        const running: WizardView = {
          ...(p.view as WizardView),
          run: { runId: 'run_20250101-120000_abcdef12', phase: 'running', done: 7, total: 20, suite: 'rag_quality', cancelActionId: 'c1' },
        };
        await p.page.evaluate((view) => window.postMessage({ type: 'state', view }, '*'), running);
        await p.page.locator('#run-card').waitFor({ state: 'visible' });
        await p.page.waitForTimeout(400); // the fill's width transition

        assert.deepEqual(await settledViolations(p.page), [], 'no CSP violation');
        assert.deepEqual(
          p.errors.filter((e) => !/favicon|404/.test(e)),
          [],
          'no script error',
        );
        assertStyledBySheets(await styleSources(p.page));
        assert.equal(await computed(p.page, 'body', 'color'), rgb(vars['--vscode-foreground'] ?? ''));
        assert.equal(await computed(p.page, '#chips button.chip', 'border-radius'), '999px');
        assert.equal(await computed(p.page, '#run-card', 'display'), 'grid');
        assert.equal(
          await computed(p.page, '#run-card .progress-fill', 'background-color'),
          rgb(vars['--vscode-progressBar-background'] ?? ''),
        );
        const run = await widthShare(p.page, '#run-card .progress-fill');
        assert.ok(Math.abs(run - 0.35) < 0.01, `the run card shows 7 of 20 (${run})`);
        const step = await widthShare(p.page, '.wiz-header .progress-fill');
        assert.ok(Math.abs(step - (p.view?.progress.percent ?? 0) / 100) < 0.01, `the header shows the step progress (${step})`);
        await p.close();
      });
    }
  });
});
