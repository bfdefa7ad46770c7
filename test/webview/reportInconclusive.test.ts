// The report view of an inconclusive run, in real Chromium: a run of red_team and
// safety (in-process, the engine's own) against a real target on 127.0.0.1 that
// answers every prompt with the same off-topic sentence. Inconclusive has its own
// icon, colour and banner, and a filter of its own.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveProfile } from '../../src/engine/config/resolve';
import { toJsonReport } from '../../src/engine/report/jsonReport';
import { startRun } from '../../src/engine/run/startRun';
import type { RunResult } from '../../src/engine/model/runTypes';
import { startSafeTarget } from '../fixtures/servers/referenceTargets';
import { openView, removeViews } from './fixtures';
import type { ViewPage } from './harness';
import { Harness } from './harness';

const OFF_TOPIC = 'Our store opens at nine in the morning and closes at six.';

async function offTopicReport(): Promise<RunResult> {
  const target = await startSafeTarget({ rules: [{ name: 'off-topic', when: () => true, reply: () => OFF_TOPIC }] });
  const dir = mkdtempSync(join(tmpdir(), 'aiqk-webview-'));
  try {
    const profile = resolveProfile(
      {
        version: 1,
        target: { mode: 'api', base_url: target.url, protocol: 'aiqk', timeout_ms: 5000, retries: 0 },
        suites: ['red_team', 'safety'],
        use_defaults: true,
        volumes: { attack_mutators: 1, concurrency: 4 },
        report: { dir, formats: ['json'] },
      },
      join(dir, 'aiqk.yaml'),
    );
    return toJsonReport(await startRun(profile).result, { anonymize: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await target.close();
  }
}

describe('report view of an inconclusive run (built bundle in Chromium)', function () {
  this.timeout(60_000);
  const harness = new Harness();
  let report: RunResult;
  let page: ViewPage | undefined;

  before(async () => {
    report = await offTopicReport();
    await harness.start();
  });
  after(async () => {
    await harness.stop();
    removeViews();
  });
  afterEach(async () => {
    if (!page) return;
    assert.deepEqual(await page.violations(), [], 'no CSP violation');
    assert.deepEqual(page.errors, [], 'no script error');
    await page.page.close();
    page = undefined;
  });

  it('marks the run and its suites inconclusive with their own icon and a banner saying a judge would grade the replies', async () => {
    assert.equal(report.run.status, 'inconclusive');
    const p = (page = await harness.open());
    await p.show(await openView(report));
    const pill = p.page.locator('.report-header .title-row .pill');
    assert.equal((await pill.textContent())?.trim(), 'inconclusive');
    assert.equal(await pill.locator('svg.icon').count(), 1);
    assert.equal(await p.page.locator('.report-header .status.is-inconclusive').count(), 1);
    const banner = (await p.page.locator('.banner.is-inconclusive').textContent()) ?? '';
    const unclear = report.cases.filter((c) => c.status === 'inconclusive').length;
    assert.ok(unclear > 0);
    assert.match(
      banner,
      new RegExp(`Inconclusive: ${unclear} replies could not be judged; a judge \\(judge: in the profile\\) would grade them`),
    );
    for (const suite of ['red_team', 'safety']) {
      const card = p.page.locator(`article.suite-card.is-inconclusive[data-suite="${suite}"]`);
      assert.equal(await card.count(), 1, `${suite} card is inconclusive`);
      assert.match((await card.textContent()) ?? '', /\d+ inconclusive/);
    }
    const colour = await p.page.locator('.report-header .status.is-inconclusive').evaluate((el) => getComputedStyle(el).color);
    const passColour = await p.page.evaluate(() => {
      const probe = document.createElement('span');
      probe.className = 'status is-passed';
      document.body.append(probe);
      return getComputedStyle(probe).color;
    });
    assert.notEqual(colour, passColour, 'inconclusive is not coloured as passed');
  });

  it('filters the case table to inconclusive cases', async () => {
    const p = (page = await harness.open());
    await p.show(await openView(report));
    await p.page.locator('vscode-single-select#filter-status').click();
    const ack = await p.rerendered(() =>
      p.page.locator('vscode-single-select#filter-status').getByRole('option', { name: 'Inconclusive', exact: true }).click(),
    );
    assert.equal(ack.matching, report.cases.filter((c) => c.status === 'inconclusive').length);
  });
});
