// The report view's built bundle in real Chromium: what it posts, what it shows,
// how it sorts, filters, pages and answers the keyboard, and that it keeps the
// webview CSP. Screenshots land in test-output/webview/ for a look.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/model/runTypes';
import type { ReportViewData } from '../../src/protocol';
import { metricLabel } from '../../webview/report/format';
import { demoReport, largeReport, openView, previousOf, removeViews } from './fixtures';
import type { OpenedView } from './fixtures';
import type { ViewPage } from './harness';
import { Harness } from './harness';
import { THEMES } from './themes';

const SHOTS = join(__dirname, '..', '..', 'test-output', 'webview');

describe('report view (built bundle in Chromium)', function () {
  this.timeout(60_000);
  const harness = new Harness();
  let report: RunResult;
  let data: ReportViewData;
  let view: OpenedView;
  const pages: ViewPage[] = [];

  before(async () => {
    report = await demoReport();
    view = await openView(report, previousOf(report));
    data = view.data;
    await harness.start();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await harness.stop();
    removeViews();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      assert.deepEqual(await p.violations(), [], 'no CSP violation');
      assert.deepEqual(p.errors, [], 'no script error');
      await p.page.close();
    }
  });

  async function open(opts: Parameters<Harness['open']>[0] = {}): Promise<ViewPage> {
    const p = await harness.open(opts);
    pages.push(p);
    return p;
  }

  const rowKeys = (p: ViewPage): Promise<string[]> =>
    p.page.$$eval('tbody tr.case-row', (rows) => rows.map((r) => (r as HTMLElement).dataset.key ?? ''));

  it('says ready first, then renders the report and acknowledges what it shows', async () => {
    const p = await open();
    const posted = await p.posted();
    assert.deepEqual(posted, [{ type: 'ready' }], 'ready is the first and only message before data');
    assert.match((await p.page.textContent('#app')) ?? '', /Loading/);
    const ack = await p.show(view);
    const suites = Object.keys(report.summary.suites).length;
    assert.equal(ack.runId, report.run.id);
    assert.equal(ack.cards, suites);
    assert.equal(await p.page.locator('article.suite-card').count(), suites);
    assert.equal(ack.total, report.cases.length);
    assert.equal(ack.matching, report.cases.length);
    assert.equal(ack.rows, Math.min(50, report.cases.length));
    assert.equal(await p.page.locator('tbody tr.case-row').count(), ack.rows);
    assert.equal(ack.charts, 2, 'latency histogram and attack chart');
    assert.equal(await p.page.locator('canvas').count(), 2);
    assert.equal(await p.page.textContent('h1.run-id'), report.run.id);
    await p.page.screenshot({ path: join(SHOTS, 'report-dark.png'), fullPage: true });
  });

  it('shows each suite verdict and its metrics against thresholds with icons and words', async () => {
    const p = await open();
    await p.show(view);
    const header = p.page.locator('.report-header .title-row .pill');
    assert.equal((await header.textContent())?.trim(), report.run.status);
    assert.equal(await header.locator('svg.icon').count(), 1, 'status has an icon besides its word');
    const rag = p.page.locator('article.suite-card[data-suite="rag_quality"]');
    const ragSummary = report.summary.suites.rag_quality;
    assert.ok(ragSummary);
    assert.equal((await rag.locator('.card-head .pill').textContent())?.trim(), ragSummary.status);
    for (const m of ragSummary.metrics.filter((x) => x.threshold !== undefined && x.pass === false)) {
      const row = rag.locator('li.metric.is-failed', { hasText: metricLabel(m.name) });
      assert.equal(await row.count(), 1, `${m.name} is marked failed`);
      assert.equal(await row.locator('svg[aria-label="fail"]').count(), 1);
    }
    assert.match((await rag.textContent()) ?? '', /≥ 0\.5/);
    const perf = p.page.locator('#latency');
    assert.match((await perf.textContent()) ?? '', /p95/);
    assert.equal(await perf.locator('canvas[role="img"]').count(), 1);
    assert.equal((await perf.locator('table.sr-only tbody tr').count()) > 0, true, 'histogram data table for screen readers');
  });

  it('sorts by a column on click and says so with aria-sort', async () => {
    const p = await open();
    await p.show(view);
    assert.equal(await p.page.getAttribute('th:has(button[data-sort="status"])', 'aria-sort'), 'ascending');
    await p.rerendered(() => p.page.click('button[data-sort="latency"]'));
    assert.equal(await p.page.getAttribute('th:has(button[data-sort="latency"])', 'aria-sort'), 'ascending');
    assert.equal(await p.page.getAttribute('th:has(button[data-sort="status"])', 'aria-sort'), 'none');
    const byKey = new Map(report.cases.map((c) => [`${c.suite}/${c.case_id}`, c.latency_ms ?? Infinity]));
    const asc = (await rowKeys(p)).map((k) => byKey.get(k) ?? NaN);
    assert.deepEqual(
      asc,
      [...asc].sort((a, b) => a - b),
    );
    assert.equal(asc[0], Math.min(...report.cases.map((c) => c.latency_ms ?? Infinity)));
    await p.rerendered(() => p.page.click('button[data-sort="latency"]'));
    assert.equal(await p.page.getAttribute('th:has(button[data-sort="latency"])', 'aria-sort'), 'descending');
    const desc = (await rowKeys(p)).map((k) => byKey.get(k) ?? NaN);
    assert.deepEqual(
      desc,
      [...desc].sort((a, b) => b - a),
    );
  });

  it('filters by suite (from a card), status and text, with labelled filters', async () => {
    const p = await open();
    await p.show(view);
    const ack = await p.rerendered(() => p.page.click('article.suite-card[data-suite="red_team"] button.show-cases'));
    const redTeam = report.cases.filter((c) => c.suite === 'red_team').length;
    assert.equal(ack.matching, redTeam);
    assert.ok((await rowKeys(p)).every((k) => k.startsWith('red_team/')));
    assert.equal(await p.page.getAttribute('article.suite-card[data-suite="red_team"] button.show-cases', 'aria-pressed'), 'true');

    await p.rerendered(() => p.page.click('article.suite-card[data-suite="red_team"] button.show-cases'));
    const status = p.page.locator('vscode-single-select#filter-status');
    await status.click();
    const ack2 = await p.rerendered(() =>
      p.page.locator('vscode-single-select#filter-status').getByRole('option', { name: 'Failed', exact: true }).click(),
    );
    assert.equal(ack2.matching, report.cases.filter((c) => c.status === 'failed').length);

    const target = report.cases.find((c) => c.suite === 'rag_quality' && c.status === 'failed');
    assert.ok(target);
    const ack3 = await p.rerendered(() => p.page.locator('vscode-textfield#filter-text input').fill(target.case_id));
    assert.equal(ack3.matching, 1);
    assert.deepEqual(await rowKeys(p), [`rag_quality/${target.case_id}`]);
    for (const id of ['filter-text', 'filter-suite', 'filter-status'])
      assert.equal(await p.page.locator(`vscode-label[for="${id}"]`).count(), 1, `${id} has a label`);
  });

  it('moves between rows with the arrow keys and expands a row with Enter', async () => {
    const p = await open();
    await p.show(view);
    const keys = await rowKeys(p);
    assert.equal(await p.page.locator('tbody tr.case-row[tabindex="0"]').count(), 1, 'one row in the tab order');
    await p.page.locator('tbody tr.case-row').first().focus();
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await p.page.evaluate(() => (document.activeElement as HTMLElement).dataset.key), keys[1]);
    await p.page.keyboard.press('End');
    assert.equal(await p.page.evaluate(() => (document.activeElement as HTMLElement).dataset.key), keys[keys.length - 1]);
    await p.page.keyboard.press('Home');
    await p.rerendered(() => p.page.keyboard.press('Enter'));
    const first = p.page.locator('tbody tr.case-row').first();
    assert.equal(await first.getAttribute('aria-expanded'), 'true');
    assert.equal(await p.page.locator('tr.detail-row').count(), 1);
    assert.equal(await p.page.evaluate(() => (document.activeElement as HTMLElement).dataset.key), keys[0], 'focus stays on the row');
    const detail = p.page.locator('tr.detail-row .case-detail');
    assert.match((await detail.textContent()) ?? '', /Expected/);
    assert.match((await detail.textContent()) ?? '', /Output/);
    await p.rerendered(() => p.page.keyboard.press('Enter'));
    assert.equal(await p.page.locator('tr.detail-row').count(), 0);
  });

  it('highlights evidence spans in the output and asks the host to open a case in the JSON', async () => {
    const p = await open();
    await p.show(view);
    const red = report.cases.find(
      (c) => c.suite === 'red_team' && Array.isArray(c.details?.evidence) && (c.details.evidence as unknown[]).length > 0,
    );
    assert.ok(red, 'the demo has a red_team case with evidence');
    const span = (red.details?.evidence as { text: string }[])[0];
    await p.rerendered(() => p.page.locator('vscode-textfield#filter-text input').fill(red.case_id));
    await p.rerendered(() => p.page.locator('tbody tr.case-row').first().click());
    const mark = p.page.locator('tr.detail-row .side-by-side mark.evidence').first();
    assert.equal(await mark.evaluate((m) => m.firstChild?.textContent), span?.text);
    const before = (await p.posted()).length;
    await p.page.click('tr.detail-row button:has-text("Open in the JSON report")');
    assert.deepEqual(await p.waitForPosted((m) => m.type === 'openJson', before), { type: 'openJson', caseId: red.case_id });
  });

  it('posts the right message for each action', async () => {
    const p = await open();
    await p.show(view);
    const clickAndExpect = async (selector: string, expected: object): Promise<void> => {
      const before = (await p.posted()).length;
      await p.page.click(selector);
      const got = await p.waitForPosted(() => true, before);
      assert.deepEqual(got, expected, selector);
    };
    await clickAndExpect('#action-open-json', { type: 'openJson' });
    await clickAndExpect('#action-open-xlsx', { type: 'openXlsx' });
    await clickAndExpect('#action-reveal', { type: 'revealInExplorer' });
    await clickAndExpect('#action-rerun', { type: 'rerun' });
    await clickAndExpect('.meta button.link', { type: 'openProfile' });
    await clickAndExpect('#comparison button:has-text("Open previous report")', { type: 'openPrevious' });
  });

  it('disables what is not available: no XLSX, no run command', async () => {
    const p = await open();
    await p.show({ ...view, data: { ...data, paths: { ...data.paths, xlsx: null }, canRerun: false } });
    assert.equal(await p.page.locator('#action-open-xlsx[disabled]').count(), 1);
    assert.equal(await p.page.locator('#action-rerun[disabled]').count(), 1);
    const before = (await p.posted()).length;
    await p.page.click('#action-open-xlsx', { force: true });
    await p.page.waitForTimeout(100);
    assert.equal((await p.posted()).length, before, 'a disabled action posts nothing');
  });

  it('shows what got better and worse, and jumps to a newly failing case', async () => {
    const p = await open();
    await p.show(view);
    const cmp = data.comparison;
    assert.ok(cmp);
    const section = p.page.locator('#comparison');
    assert.match(
      (await section.locator('.chip', { hasText: 'newly failing' }).textContent()) ?? '',
      new RegExp(String(cmp.totals.newlyFailing)),
    );
    assert.match((await section.locator('.change-col.is-worse').textContent()) ?? '', /RAG quality · F1/);
    // Throughput and p95 of sub-millisecond calls moved, within their noise: unchanged, and the view says so.
    for (const col of ['.change-col.is-worse', '.change-col.is-better'])
      assert.doesNotMatch((await section.locator(col).textContent()) ?? '', /throughput|p95/);
    const noise = section.locator('details.within-noise');
    await noise.locator('summary').click();
    const throughput = (await noise.locator('li', { hasText: 'throughput' }).textContent()) ?? '';
    assert.match(throughput, /within ±5 ms per call \/ 10% noise: unchanged/);
    assert.match((await noise.locator('li', { hasText: 'p95' }).textContent()) ?? '', /within ±5 ms \/ 10% noise: unchanged/);
    const first = cmp.newlyFailing[0];
    assert.ok(first);
    const ack = await p.rerendered(() => section.locator('.case-change-group.is-worse button', { hasText: first.case_id }).click());
    assert.equal(ack.matching, 1);
    assert.equal(await p.page.locator(`tbody tr.case-row[aria-expanded="true"]`).count(), 1);
    assert.equal(await p.page.evaluate(() => (document.activeElement as HTMLElement).dataset.key), `${first.suite}/${first.case_id}`);
  });

  it('says why there is no comparison on a first run', async () => {
    const p = await open();
    await p.show(await openView(report));
    assert.match((await p.page.textContent('#comparison')) ?? '', /first finished run/);
  });

  it('keeps sort and filters in the webview state and restores them', async () => {
    const p = await open();
    await p.show(view);
    await p.rerendered(() => p.page.click('button[data-sort="case"]'));
    await p.rerendered(() => p.page.click('article.suite-card[data-suite="safety"] button.show-cases'));
    const state = await p.state();
    assert.equal(state?.uri, data.uri);
    assert.deepEqual(state?.sort, { key: 'case', dir: 'asc' });
    assert.equal(state?.suite, 'safety');
    const again = await open({ state });
    const ack = await again.show(view);
    assert.equal(ack.matching, report.cases.filter((c) => c.suite === 'safety').length);
    assert.equal(await again.page.getAttribute('th:has(button[data-sort="case"])', 'aria-sort'), 'ascending');
    assert.equal(
      await again.page.evaluate(() => (document.querySelector('#filter-suite') as HTMLElement & { value: string }).value),
      'safety',
    );
  });

  it('pages through 12,000 cases and filters them', async () => {
    const p = await open();
    const big = largeReport(report, 12_000);
    const ack = await p.show(await openView(big));
    assert.equal(ack.total, 12_000);
    assert.equal(ack.rows, 50);
    assert.equal(await p.page.locator('tbody tr.case-row').count(), 50);
    assert.equal(await p.page.getAttribute('table.cases', 'aria-rowcount'), '12001');
    assert.match((await p.page.textContent('.pager .page-label')) ?? '', /Page 1 of 240/);
    await p.page.locator('tbody tr.case-row').first().focus();
    await p.rerendered(() => p.page.keyboard.press('PageDown'));
    assert.match((await p.page.textContent('.pager .page-label')) ?? '', /Page 2 of 240/);
    assert.equal(await p.page.getAttribute('tbody tr.case-row >> nth=0', 'aria-rowindex'), '52');
    await p.page.locator('vscode-single-select#filter-status').click();
    const failed = await p.rerendered(() =>
      p.page.locator('vscode-single-select#filter-status').getByRole('option', { name: 'Failed', exact: true }).click(),
    );
    assert.equal(failed.matching, big.cases.filter((c) => c.status === 'failed').length);
    assert.equal(failed.rows, 50);
  });

  it('says it is loading while a page is on its way, and shows only the answer to its latest request', async () => {
    const p = await open();
    await p.show(view);
    p.hold();
    await p.page.click('button[data-sort="latency"]');
    await p.page.click('button[data-sort="latency"]');
    await p.page.waitForFunction(() => document.querySelector('table.cases')?.getAttribute('aria-busy') === 'true');
    assert.match((await p.page.textContent('#cases-count')) ?? '', /Loading cases/);
    while (p.heldRequests().length < 2) await p.page.waitForTimeout(20);
    // The host answers the newer request first; the answer to the older one, arriving last, must not replace it.
    const ack = await p.rerendered(() => p.release(true));
    const before = (await p.posted()).length;
    while (p.answered.length < 2) await p.page.waitForTimeout(20);
    await p.page.waitForTimeout(200);
    assert.equal((await p.posted()).length, before, 'no render for the stale answer');
    assert.equal(ack.rows, Math.min(50, report.cases.length));
    assert.equal(await p.page.getAttribute('table.cases', 'aria-busy'), null);
    assert.equal(await p.page.getAttribute('th:has(button[data-sort="latency"])', 'aria-sort'), 'descending');
    const byKey = new Map(report.cases.map((c) => [`${c.suite}/${c.case_id}`, c.latency_ms ?? Infinity]));
    const shown = (await rowKeys(p)).map((k) => byKey.get(k) ?? NaN);
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => b - a),
      'the rows are the descending page',
    );
  });

  it('shows the comparison the host sends after the report', async () => {
    const p = await open();
    await p.show({ ...view, data: { ...data, comparison: null, comparisonNote: 'Comparing with the previous run of this profile…' } });
    assert.match((await p.page.textContent('#comparison')) ?? '', /Comparing with the previous run/);
    await p.send({ type: 'comparison', uri: data.uri, comparison: data.comparison, comparisonNote: null });
    await p.page.waitForSelector('#comparison .case-change-group.is-worse');
    const first = data.comparison?.newlyFailing[0];
    assert.ok(first);
    const ack = await p.rerendered(() =>
      p.page.locator('#comparison .case-change-group.is-worse button', { hasText: first.case_id }).click(),
    );
    assert.equal(ack.matching, 1);
  });

  it('says which case lines it could not read, with file and line, and shows the others', async () => {
    const p = await open();
    const victim = report.cases[3];
    assert.ok(victim);
    const broken = await openView(report, undefined, (json) =>
      json
        .split('\n')
        .map((line) => (line.includes(`"case_id":${JSON.stringify(victim.case_id)}`) ? line.slice(0, 40) : line))
        .join('\n'),
    );
    const ack = await p.show(broken);
    assert.equal(ack.total, report.cases.length - 1);
    const banner = (await p.page.locator('.banner[role="alert"]').textContent()) ?? '';
    assert.match(banner, /could not be read/);
    assert.match(banner, new RegExp(`${report.run.id}\\.json:\\d+: case 4 is not valid JSON`));
  });

  it('shows a load error plainly', async () => {
    const p = await open();
    await p.send({
      type: 'loadError',
      uri: 'file:///x/run_20200101-000000_00000000.json',
      message: "x.json is not a valid AI Quality Kit report:\n  /run: must have required property 'id'",
    });
    await p.page.waitForSelector('[role="alert"]');
    assert.match((await p.page.textContent('[role="alert"]')) ?? '', /must have required property/);
  });

  it('redraws its charts in the colours of a new theme', async () => {
    const p = await open();
    await p.show(view);
    const pixels = (): Promise<string> => p.page.$eval('#attacks canvas', (c) => (c as HTMLCanvasElement).toDataURL());
    const dark = await pixels();
    await p.page.evaluate((light) => {
      for (const [k, v] of Object.entries(light.vars)) document.documentElement.style.setProperty(k, v);
      document.body.className = light.bodyClass;
    }, THEMES.light);
    await p.page.waitForFunction(
      (before) => (document.querySelector('#attacks canvas') as HTMLCanvasElement | null)?.toDataURL() !== before,
      dark,
    );
    assert.notEqual(await pixels(), dark);
    await p.page.screenshot({ path: join(SHOTS, 'report-light.png'), fullPage: true });
  });
});
