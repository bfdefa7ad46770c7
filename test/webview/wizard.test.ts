// The built wizard bundle in headless Chromium, answered by the real host
// session (src/extension/wizard/wizardSession.ts) over the real message
// protocol: real files in a temporary folder, real connection tests and runs.
import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NodeServices } from '../unit/wizard/nodeServices';
import { nodeServices } from '../unit/wizard/nodeServices';
import type { WizardPage } from './wizardHarness';
import { closeCheckedPage, WizardHarness } from './wizardHarness';

const KEY = 'sk-webview-9a8b7c6d5e4f3a2b1c0d';

describe('wizard webview (built bundle in Chromium)', function () {
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

  it('asks the first question in a live log, with labelled suggestions and a progress bar', async () => {
    p = await harness.open(svc);
    const log = p.page.locator('#chat-log');
    assert.equal(await log.getAttribute('role'), 'log');
    assert.equal(await log.getAttribute('aria-live'), 'polite');
    assert.match(await log.innerText(), /What do you want to test\?/);
    const chips = p.page.locator('#chips');
    assert.equal(await chips.getAttribute('role'), 'group');
    assert.equal(await chips.getAttribute('aria-label'), 'Suggestions for Target');
    assert.deepEqual(await p.page.locator('#chips button.chip').evaluateAll((b) => b.map((x) => x.getAttribute('data-value'))), [
      'built-in demo',
      'api',
      'mcp',
    ]);
    const bar = p.page.locator('.wiz-header [role=progressbar]');
    assert.equal(await bar.getAttribute('aria-valuenow'), String(p.view?.progress.percent));
    assert.match(await p.page.locator('#progress-label').innerText(), /^Step 1 of \d+: Target/);
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'answer', 'the answer field has the focus');
  });

  it('reads free text, says what it understood, moves on and updates the progress and the preview', async () => {
    p = await harness.open(svc);
    const v = await p.type('api at localhost:8000');
    assert.equal(v.step.id, 'protocol');
    const answer = p.page.locator('li.entry.from-user').last();
    assert.match(await answer.innerText(), /api at localhost:8000[\s\S]*HTTP API · http:\/\/localhost:8000/);
    assert.match(await p.page.locator('#progress-label').innerText(), /^Step 3 of \d+: Protocol/);
    assert.match(await p.page.locator('#preview').innerText(), /base_url: http:\/\/localhost:8000/);
    assert.equal(await p.page.locator('#chips button.chip').first().getAttribute('data-value'), 'aiqk');
  });

  it('replies to an invalid answer specifically and asks again, keeping the focus in the field', async () => {
    p = await harness.open(svc);
    await p.type('banana');
    const entries = p.page.locator('li.entry.from-bot');
    const n = await entries.count();
    assert.match(await entries.nth(n - 2).innerText(), /did not recognise a target in “banana”/);
    assert.ok(await entries.nth(n - 2).evaluate((e) => e.classList.contains('tone-error')));
    assert.match(await entries.nth(n - 1).innerText(), /What do you want to test/);
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'answer');
  });

  it('is usable with the keyboard alone: Tab to the chips, arrows between them, Enter to answer, Escape back', async () => {
    p = await harness.open(svc);
    await p.page.locator('#answer input').focus();
    await p.page.keyboard.press('Shift+Tab');
    const focused = () => p?.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.value);
    assert.equal(await focused(), 'built-in demo');
    await p.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'api');
    await p.page.keyboard.press('End');
    assert.equal(await focused(), 'mcp');
    await p.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'built-in demo', 'wraps around');
    assert.equal(await p.page.locator('#chips button[tabindex="0"]').count(), 1, 'one chip in the tab order');
    await p.page.keyboard.press('Escape');
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'answer');
    await p.page.keyboard.press('Shift+Tab');
    await p.page.keyboard.press('ArrowRight');
    const v = await p.act(() => p!.page.keyboard.press('Enter'));
    assert.equal(v.step.id, 'endpoint');
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'answer', 'focus returns to the field for the next question');
  });

  it('chooses suites with toggle chips (aria-pressed) and confirms them', async () => {
    p = await harness.open(svc);
    await p.chip('built-in demo');
    const red = p.page.locator('#chips button[data-value=red_team]');
    assert.equal(await red.getAttribute('aria-pressed'), 'true', 'the recommended suites start selected');
    await red.click();
    assert.equal(await red.getAttribute('aria-pressed'), 'false');
    await p.page.locator('#chips button[data-value=bias_smoke]').click();
    const confirm = p.page.locator('#chips button.chip-confirm');
    assert.equal(await confirm.innerText(), 'Continue with 3 suites');
    const v = await p.act(() => confirm.click());
    assert.deepEqual(v.step.id, 'thresholds');
    assert.match(await p.page.locator('li.entry.from-user').last().innerText(), /rag_quality, safety, bias_smoke/);
    assert.deepEqual(await p.page.locator('#compact-matrix tbody th').allInnerTexts(), ['rag_quality', 'safety', 'bias_smoke']);
  });

  it('takes a key in a password field: stored by the host, never shown, never in the page state', async () => {
    p = await harness.open(svc);
    await p.type('api at localhost:9/v1');
    await p.chip('openai');
    assert.equal(p.view?.step.id, 'auth');
    await p.page.locator('#chips button.chip.kind-secret').click();
    const field = p.page.locator('#secret-value input');
    assert.equal(await field.getAttribute('type'), 'password');
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'secret-value');
    await field.fill(KEY);
    const v = await p.act(() => field.press('Enter'));
    assert.equal(svc.stored.get('OPENAI_API_KEY'), KEY);
    assert.equal(v.step.id, 'model');
    assert.match(
      await p.page.locator('li.entry.from-user').last().innerText(),
      /•+ \(a key for OPENAI_API_KEY: not shown\)[\s\S]*secret storage as OPENAI_API_KEY/,
    );
    assert.match(await p.page.locator('#preview').innerText(), /bearer_env: OPENAI_API_KEY/);
    const html = await p.page.content();
    assert.ok(!html.includes(KEY), 'not in the page');
    assert.ok(!JSON.stringify(await p.state()).includes(KEY), 'not in the webview state');
    assert.ok(!JSON.stringify(svc.persisted).includes(KEY), 'not in the saved wizard state');
  });

  it('masks a key pasted into the answer field, and keeps it out of the history', async () => {
    p = await harness.open(svc);
    await p.type('api at localhost:9/v1');
    await p.chip('openai');
    await p.type(KEY);
    assert.equal(svc.stored.get('OPENAI_API_KEY'), KEY);
    assert.ok(!(await p.page.content()).includes(KEY));
    assert.ok(!JSON.stringify(await p.state()).includes(KEY));
  });

  it('masks text that looks like a key in the answer field as it is typed', async () => {
    p = await harness.open(svc);
    await p.type('api at localhost:9/v1');
    await p.chip('openai');
    const field = p.page.locator('#answer input');
    const type = () => field.getAttribute('type');
    await field.pressSequentially('no key');
    assert.equal(await type(), 'text', 'an ordinary answer stays readable');
    await field.fill('');
    await field.pressSequentially(`my key is ${KEY}`);
    assert.equal(await type(), 'password', 'hidden once it looks like a key');
    assert.ok(await p.page.locator('#answer.masked').count());
    await field.press('Escape');
    assert.equal(await type(), 'text', 'readable again once cleared');
    assert.ok(!JSON.stringify(await p.state()).includes(KEY), 'never kept as a draft');
  });

  it('goes back, edits an earlier answer from the log or the menu, and returns', async () => {
    p = await harness.open(svc);
    await p.chip('built-in demo');
    await p.type('rag');
    await p.chip('defaults');
    assert.equal(p.view?.step.id, 'volumes');
    let v = await p.act(() => p!.page.locator('#back').click());
    assert.equal(v.step.id, 'thresholds');
    const suitesAnswer = p.page.locator('li.entry.from-user[data-step=suites]').first();
    await suitesAnswer.hover();
    v = await p.act(() => suitesAnswer.locator('button.edit').click());
    assert.equal(v.step.id, 'suites');
    v = await p.type('rag and safety');
    assert.equal(v.step.id, 'thresholds', 'back to where it was');
    v = await p.act(() => p!.page.locator('#edit-step').selectOption('mode'));
    assert.equal(v.step.id, 'mode');
    assert.match(await p.page.locator('#chips button.chip').first().innerText(), /^Keep: Built-in demo/);
  });

  it('gates "Run tests" on the matrix and explains why; the toggle, Upload now and the full matrix work', async () => {
    p = await harness.open(svc);
    await p.chip('built-in demo');
    await p.type('rag');
    const run = p.page.locator('#run-tests');
    assert.equal(await run.getAttribute('disabled'), null);
    await p.act(() => p!.page.locator('#use-defaults').click());
    assert.equal(p.view?.useDefaults, false);
    assert.notEqual(await run.getAttribute('disabled'), null);
    assert.match(await p.page.locator('#run-reason').innerText(), /^Blocked: rag_quality needs passages/);
    assert.ok((await p.page.locator('#compact-matrix td.blocking').count()) >= 2);
    writeFileSync(path.join(svc.folder, 'docs.jsonl'), '{"id": "d1", "text": "Nimbus keeps deleted files for 30 days."}\n');
    svc.picks.push(path.join(svc.folder, 'docs.jsonl'));
    await p.act(() => p!.page.locator('.uploads vscode-button[data-kind=passages]').click());
    assert.match(await p.page.locator('li.entry.from-bot').last().innerText(), /passages: docs\.jsonl: 1 passage\./);
    assert.match(await p.page.locator('#preview').innerText(), /passages: docs\.jsonl/);
    await p.page.locator('#show-requirements').click();
    const dialog = p.page.locator('#matrix-dialog');
    await dialog.waitFor({ state: 'visible' });
    const firstSuites = () => p!.page.locator('#full-matrix tbody tr td:first-child').allInnerTexts();
    const header = p.page.locator('#full-matrix th', { has: p.page.locator('button[data-sort=suite]') });
    await p.page.locator('button[data-sort=suite]').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const asc = await firstSuites();
    await p.page.locator('button[data-sort=suite]').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await firstSuites(), [...asc].reverse());
    assert.match(await p.page.locator('#full-matrix caption').innerText(), /The run is blocked: rag_quality needs qaset/);
    await p.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The dialog's close event (which saves the state) comes in a task after it is hidden.
    await p.page.waitForFunction(
      () => (window as unknown as { __state: { matrixOpen?: boolean } | null }).__state?.matrixOpen === false,
      undefined,
      { timeout: 5000 },
    );
  });

  it('keeps the draft across a reload and continues the conversation in a new panel', async () => {
    p = await harness.open(svc);
    await p.chip('built-in demo');
    await p.page.locator('#answer input').fill('rag and red');
    const state = await p.state();
    assert.equal(state?.draft, 'rag and red');
    const session = p.session;
    const logText = await p.page.locator('#chat-log').innerText();
    await p.close();
    p = await harness.open(svc, { state }, session);
    assert.equal(await p.page.locator('#answer input').inputValue(), 'rag and red');
    assert.equal(await p.page.locator('#chat-log').innerText(), logText);
    assert.equal(p.view?.step.id, 'suites');
  });

  it('writes the profile, runs it and shows the outcome with report links, from the webview alone', async () => {
    p = await harness.open(svc, { theme: 'light' });
    await p.chip('built-in demo');
    await p.chip('recommended');
    await p.chip('defaults');
    await p.chip('smoke');
    await p.chip('done');
    await p.waitForView((v) => v.log.some((e) => e.text.startsWith('Connected')));
    assert.ok((await p.page.locator('blockquote.quote').count()) === 1, 'the answer of the test call');
    await p.chip('continue');
    assert.match(await p.page.locator('li.entry.from-bot').last().innerText(), /All set\. Write aiqk\.yaml[\s\S]*Target: Built-in demo/);
    await p.act(() => p!.page.locator('#run-tests').click());
    assert.ok(existsSync(path.join(svc.folder, 'aiqk.yaml')));
    await p.waitForView((v) => v.run?.phase === 'finished', 60_000);
    const outcome = p.page.locator('li.entry.from-bot').last();
    assert.match(await outcome.innerText(), /Run run_\S+ passed: \d+ of \d+ cases passed/);
    await p.act(() => outcome.locator('vscode-button', { hasText: 'Open report' }).click());
    assert.equal(svc.reports.length, 1);
    assert.match(path.basename(svc.reports[0]), /^run_.*\.json$/);
  });
});
