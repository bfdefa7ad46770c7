// The wizard session driven over its message protocol in Node: real files in a
// temporary folder, a real OpenAI-compatible server on 127.0.0.1, real runs.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parseProfile } from '../../../src/engine/config/loadProfile';
import { readReport } from '../../../src/engine/report/jsonReport';
import { WizardSession } from '../../../src/extension/wizard/wizardSession';
import type { WizardView } from '../../../src/protocol';
import type { OpenAiServer } from '../../fixtures/servers/openaiServer';
import { startSafeTarget } from '../../fixtures/servers/referenceTargets';
import { startOpenAiServer } from '../../fixtures/servers/openaiServer';
import type { NodeServices } from './nodeServices';
import { nodeServices } from './nodeServices';

const KEY = 'sk-test-4f9a8b7c6d5e4f3a2b1c';

/** A session with its last view, driven like the webview drives it. */
class Driver {
  view!: WizardView;
  private constructor(
    readonly s: WizardSession,
    readonly svc: NodeServices,
  ) {
    s.onMessage((m) => {
      if (m.type === 'state') this.view = m.view;
    });
  }

  static async start(svc: NodeServices, persisted?: unknown): Promise<Driver> {
    const d = new Driver(await WizardSession.create(svc, persisted), svc);
    await d.s.receive({ type: 'ready' });
    return d;
  }

  async say(...texts: string[]): Promise<void> {
    for (const text of texts) await this.s.receive({ type: 'answer', text });
  }

  last(from: 'bot' | 'user' = 'bot', back = 0): WizardView['log'][number] {
    const list = this.view.log.filter((e) => e.from === from);
    return list[list.length - 1 - back];
  }

  async until(what: string, probe: () => boolean, ms = 30_000): Promise<void> {
    const end = Date.now() + ms;
    while (!probe()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('wizard session', function () {
  this.timeout(60_000);
  let svc: NodeServices;
  let server: OpenAiServer | undefined;

  beforeEach(() => {
    svc = nodeServices();
  });
  afterEach(async () => {
    svc.cleanup();
    await server?.close();
    server = undefined;
  });

  it('goes from an empty folder to a finished demo run', async () => {
    const d = await Driver.start(svc);
    assert.equal(d.view.step.id, 'mode');
    assert.match(d.view.log[0].text, /What do you want to test/);
    await d.say('the demo', 'recommended', 'defaults', 'smoke', 'done');
    assert.equal(d.view.step.id, 'connection');
    await d.until('the connection test', () => d.view.log.some((e) => /^Connected: the target answered in \d+ ms/.test(e.text)));
    assert.ok(d.view.log.find((e) => e.text.startsWith('Connected'))?.quote, 'the answer is shown');
    await d.say('continue');
    assert.equal(d.view.step.id, 'summary');
    assert.deepEqual(d.view.progress, { index: 7, count: 7, percent: 100, title: 'Summary' });
    await d.until('the estimate', () => (d.view.estimate?.total ?? 0) > 0);
    assert.equal(d.view.estimate?.perSuite.rag_quality, 2, 'smoke: 2 questions');
    assert.deepEqual(d.view.canRun, { enabled: true });
    await d.say('run');
    const file = path.join(svc.folder, 'aiqk.yaml');
    assert.ok(existsSync(file));
    assert.deepEqual(svc.opened, [], 'the run follows in the panel: the profile is not opened over it');
    const wrote = d.view.log.find((e) => e.text.startsWith('Wrote aiqk.yaml'));
    assert.ok(
      wrote?.actions?.some((x) => x.label === 'Open profile'),
      'but can be opened from the chat',
    );
    await d.s.receive({ type: 'action', id: wrote?.actions?.find((x) => x.label === 'Open profile')?.id });
    assert.deepEqual(svc.opened, [file]);
    assert.ok(parseProfile(readFileSync(file, 'utf8'), file).profile, 'a valid profile');
    await d.until('the run', () => d.view.run?.phase === 'finished');
    assert.equal(d.view.run?.status, 'passed');
    const outcome = d.last();
    assert.match(outcome.text, /^Run run_\S+ passed: \d+ of \d+ cases passed/);
    assert.deepEqual(
      outcome.actions?.map((a) => a.label),
      ['Open report', 'Show XLSX', 'Show run log'],
    );
    await d.s.receive({ type: 'action', id: outcome.actions?.[0].id });
    assert.equal(svc.reports.length, 1);
    const report = await readReport(svc.reports[0]);
    assert.equal(report.run.status, 'passed');
  });

  it('tests and runs a local OpenAI-compatible server with a key typed into the chat, which is stored and never shown or written', async () => {
    server = await startOpenAiServer({ token: KEY, chunkDelayMs: 1 });
    const d = await Driver.start(svc);
    await d.say(`api at ${server.url}/v1`, 'openai compatible', KEY);
    assert.equal(svc.stored.get('OPENAI_API_KEY'), KEY);
    assert.ok(d.last('user').masked);
    await d.say(
      'fixture-model',
      'rag and performance',
      'faithfulness 0.5, context recall 0, answer relevancy 0, f1 0, rouge 0, case pass rate 0',
      'smoke',
      'use defaults',
    );
    await d.until('the connection test', () => d.view.log.some((e) => e.text.startsWith('Connected')));
    const connected = d.view.log.find((e) => e.text.startsWith('Connected'));
    assert.match(connected?.details?.join(' ') ?? '', /api openai http:\/\/127\.0\.0\.1:\d+\/v1 model fixture-model/);
    assert.ok(connected?.quote && connected.quote.length > 5);
    await d.say('continue', 'save as local.aiqk.yaml', 'run');
    const file = path.join(svc.folder, 'local.aiqk.yaml');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /bearer_env: OPENAI_API_KEY/);
    await d.until('the run', () => d.view.run?.phase === 'finished');
    assert.match(d.last().text, /cases passed/);
    assert.ok(
      server.requests.length > 2 && server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`),
      'every request carried the stored key',
    );
    for (const where of [text, JSON.stringify(d.view), JSON.stringify(svc.persisted)])
      assert.ok(!where.includes(KEY), 'the key appears nowhere');
  });

  it('says an inconclusive run does not pass, in the warning colour, and that a judge would grade the replies', async () => {
    // A target that answers every prompt with the same off-topic sentence: no reply can be classified.
    const target = await startSafeTarget({ rules: [{ name: 'off-topic', when: () => true, reply: () => 'Our store opens at nine.' }] });
    try {
      const d = await Driver.start(svc);
      await d.say(`api at ${target.url}`, 'aiqk', 'no key', 'skip', 'skip', 'safety', 'defaults', 'smoke', 'done');
      await d.until('the connection test', () => d.view.log.some((e) => e.text.startsWith('Connected')));
      await d.say('continue', 'run');
      await d.until('the run', () => d.view.run?.phase === 'finished');
      assert.equal(d.view.run?.status, 'inconclusive');
      const outcome = d.last();
      assert.match(outcome.text, /^Run run_\S+ inconclusive: /);
      assert.equal(outcome.tone, 'warning');
      assert.ok(
        outcome.details?.some((l) => /does not pass.*judge \(judge: in the profile\) would grade them/.test(l)),
        JSON.stringify(outcome),
      );
    } finally {
      await target.close();
    }
  });

  it('tests a real MCP server started from a command', async () => {
    const fixture = path.resolve(__dirname, '../../fixtures/servers/mcpStdioServer.mjs');
    const d = await Driver.start(svc);
    await d.say(`mcp node "${fixture}"`);
    assert.equal(d.view.step.id, 'mcpTool', 'the command came with the mode');
    await d.say('ask', 'safety', 'defaults', 'smoke', 'done');
    await d.until('the connection test', () =>
      d.view.log.some((e) => e.text.startsWith('Connected') || e.text.startsWith('The target did not answer')),
    );
    const result = d.view.log.find((e) => e.text.startsWith('Connected') || e.text.startsWith('The target did not answer'));
    assert.match(result?.text ?? '', /^Connected/, JSON.stringify(result));
    assert.match(d.view.preview.yaml, /command: node\n\s+args: \[.*mcpStdioServer\.mjs.*\]\n\s+tool: ask/);
  });

  it('cancels the run it started from its Cancel button; the partial report is kept', async () => {
    let answered = 0;
    const slow = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (answered++ >= 2) return; // the connection test and one case are answered; the rest are held until the run is cancelled
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ answer: 'Nimbus keeps files for 30 days.', context: ['Files stay 30 days.'] }));
      });
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      const d = await Driver.start(svc);
      await d.say(`api at ${url}`, 'aiqk', 'no key', 'skip', 'skip', 'rag', 'defaults', 'qa 4, concurrency 1', 'done', 'continue', 'run');
      await d.until('the run to be cancellable', () => !!d.view.run?.cancelActionId && d.view.run.done >= 1);
      await d.s.receive({ type: 'action', id: d.view.run?.cancelActionId });
      await d.until('the run to end', () => d.view.run?.phase === 'finished');
      assert.equal(d.view.run?.status, 'cancelled');
      assert.equal(svc.cancelled.length, 1);
      assert.match(d.last().text, /^Cancelling: the cases already finished are kept/);
      const outcome = d.view.log.find((e) => e.text.startsWith('Run run_'));
      assert.match(
        outcome?.text ?? '',
        /^Run run_\S+ cancelled: \d+ of \d+ cases passed/,
        `the run message, updated in place: ${outcome?.text}`,
      );
      assert.ok(
        outcome?.actions?.some((a) => a.label === 'Open report'),
        `the partial report can be opened: ${JSON.stringify(outcome)}`,
      );
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });

  it('stores a key sent from the password field under the name given', async () => {
    const d = await Driver.start(svc);
    await d.say('api at localhost:9', 'aiqk');
    assert.equal(d.view.step.id, 'auth');
    assert.equal(d.view.step.secretName, 'AIQK_TOKEN');
    await d.s.receive({ type: 'secret', name: 'CORP_TOKEN', value: 'abc' });
    assert.equal(svc.stored.get('CORP_TOKEN'), 'abc');
    assert.equal(d.view.step.id, 'provider');
    assert.match(d.view.preview.yaml, /bearer_env: CORP_TOKEN/);
    assert.ok(!JSON.stringify(d.view).includes('"abc"') && !JSON.stringify(svc.persisted).includes('"abc"'));
  });

  it('reports a target that does not answer, and goes back to fix it', async () => {
    const d = await Driver.start(svc);
    await d.say('api at http://127.0.0.1:9/v1', 'openai', 'no key', 'skip', 'safety', 'defaults', 'smoke', 'done');
    await d.until('the failed test', () => d.view.log.some((e) => e.text.startsWith('The target did not answer')));
    assert.equal(d.view.log.find((e) => e.text.startsWith('The target did not answer'))?.tone, 'error');
    await d.say('change the target');
    assert.equal(d.view.step.id, 'endpoint');
  });

  it('adds datasets: created from the template, picked and checked at once (broken ones refused with their problems)', async () => {
    const d = await Driver.start(svc);
    await d.say('demo', 'rag', 'defaults', 'smoke', 'create qaset');
    assert.ok(existsSync(path.join(svc.folder, 'data', 'qaset.jsonl')));
    assert.match(d.last().text, /^Created data\/qaset\.jsonl from the template \(2 questions\)/);
    assert.match(d.view.preview.yaml, /qaset: data\/qaset\.jsonl/);
    const row = d.view.matrix.rows.find((r) => r.suite === 'rag_quality' && r.kind === 'qaset');
    assert.equal(row?.status, 'provided');
    mkdirSync(path.join(svc.folder, 'docs'));
    writeFileSync(path.join(svc.folder, 'docs', 'bad.jsonl'), '{"id": "p1"}\nnot json\n');
    svc.picks.push(path.join(svc.folder, 'docs', 'bad.jsonl'));
    await d.s.receive({ type: 'uploadData', kind: 'passages' });
    assert.match(d.last().text, /passages: docs\/bad\.jsonl has no usable passages\. It was not added\./);
    assert.ok((d.last().details?.length ?? 0) > 0, 'the first problems are listed');
    writeFileSync(path.join(svc.folder, 'docs', 'good.jsonl'), '{"id": "p1", "text": "Hello."}\n{"id": "p2", "text": "World."}\n');
    await d.say('passages docs/good.jsonl');
    assert.match(d.last().text, /^passages: docs\/good\.jsonl: 2 passages\./);
    assert.match(d.view.preview.yaml, /passages: docs\/good\.jsonl/);
    svc.picks.push(undefined);
    await d.say('pick schema');
    assert.match(d.last().text, /No schema file was picked/);
  });

  it('gates "Run tests" on the matrix: required data missing with defaults off blocks it, with the reason', async () => {
    const d = await Driver.start(svc);
    await d.say('demo', 'rag');
    await d.s.receive({ type: 'setUseDefaults', value: false });
    assert.equal(d.view.canRun.enabled, false);
    assert.match(d.view.canRun.reason ?? '', /^Blocked: rag_quality needs passages/);
    assert.deepEqual(d.view.matrix.blocking.length, 2);
    await d.s.receive({ type: 'runTests' });
    assert.match(d.last().text, /^Not yet: Blocked/);
    assert.ok(!existsSync(path.join(svc.folder, 'aiqk.yaml')));
    await d.s.receive({ type: 'setUseDefaults', value: true });
    assert.equal(d.view.canRun.enabled, true);
  });

  it('never overwrites a file without asking', async () => {
    writeFileSync(path.join(svc.folder, 'aiqk.yaml'), '# mine\nversion: 1\n');
    const d = await Driver.start(svc);
    await d.say('demo', 'safety', 'defaults', 'smoke', 'done', 'continue', 'write');
    assert.match(d.last().text, /aiqk\.yaml already exists/);
    assert.deepEqual(
      d.view.step.chips.map((c) => c.label),
      ['Overwrite', 'Save as…', 'Cancel'],
    );
    await d.say('cancel');
    assert.equal(readFileSync(path.join(svc.folder, 'aiqk.yaml'), 'utf8'), '# mine\nversion: 1\n');
    await d.say('write', 'other.aiqk.yaml');
    assert.ok(existsSync(path.join(svc.folder, 'other.aiqk.yaml')));
    await d.say('save as aiqk.yaml', 'write', 'overwrite');
    assert.match(readFileSync(path.join(svc.folder, 'aiqk.yaml'), 'utf8'), /safety/);
  });

  it('offers to edit the profiles a workspace already has', async () => {
    writeFileSync(path.join(svc.folder, 'aiqk.yaml'), 'version: 1\ntarget:\n  mode: builtin\nsuites: [safety]\n');
    const d = await Driver.start(svc);
    const offer = d.view.log[0];
    assert.match(offer.text, /^This workspace has a run profile already/);
    assert.deepEqual(
      offer.actions?.map((a) => a.label),
      ['Edit aiqk.yaml'],
    );
    assert.equal(d.view.step.id, 'mode', 'or a new one, as usual');
    await d.s.receive({ type: 'action', id: offer.actions?.[0].id });
    assert.ok(d.view.preview.editing);
    assert.match(d.view.log[0].text, /^Editing aiqk\.yaml/);
  });

  it('edits an existing profile step by step, keeping its comments', async () => {
    const file = path.join(svc.folder, 'team.aiqk.yaml');
    writeFileSync(
      file,
      '# team profile\nversion: 1\ntarget:\n  mode: builtin   # demo for now\nsuites: [safety]\njudge:\n  base_url: http://judge.local\n  model: j\n',
    );
    const d = await Driver.start(svc);
    await d.s.editProfile(file);
    assert.equal(d.view.step.id, 'mode');
    assert.ok(d.view.preview.editing);
    assert.equal(d.view.step.chips[0].label, 'Keep: Built-in demo');
    await d.say('built-in demo');
    assert.equal(d.view.step.id, 'suites', 'step by step');
    await d.s.receive({ type: 'edit', step: 'suites' });
    await d.say('safety and performance');
    await d.say('defaults', 'smoke', 'continue', 'continue');
    assert.equal(d.view.step.id, 'summary');
    await d.say('write');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# team profile\n/);
    assert.match(text, /mode: builtin +# demo for now/);
    assert.match(text, /suites: \[safety, performance\]/);
    assert.match(text, /judge:\n {2}base_url: http:\/\/judge\.local/);
    assert.match(d.last().text, /^Updated team\.aiqk\.yaml \(comments and order kept\)/);
    assert.deepEqual(svc.opened, [], '“Write profile only” does not cover the conversation with the file');
    const updated = d.last();
    await d.s.receive({ type: 'action', id: updated.actions?.find((x) => x.label === 'Open profile')?.id });
    assert.deepEqual(svc.opened, [file], 'the chat opens it, once');
  });

  it('comes back where it was from the persisted state, and ignores malformed messages', async () => {
    const d = await Driver.start(svc);
    await d.say('demo', 'banana');
    assert.equal(d.last('bot', 1).tone, 'error', 'a specific reply');
    assert.equal(d.last().text, 'Which quality suites should run?', 'then the question again');
    const again = await Driver.start(svc, svc.persisted);
    assert.equal(again.view.step.id, 'suites');
    assert.deepEqual(
      again.view.log.map((e) => e.text),
      d.view.log.map((e) => e.text),
    );
    const before = JSON.stringify(again.view);
    for (const bad of [
      null,
      'x',
      { type: 'nope' },
      { type: 'answer', text: 5 },
      { type: 'answer', text: '   ' },
      { type: 'edit', step: 'nope' },
      { type: 'uploadData', kind: '../../etc' },
      { type: 'action', id: 'a9999' },
      { type: 'secret', name: 'bad name', value: 'x' },
    ]) {
      await again.s.receive(bad);
    }
    assert.equal(JSON.stringify(again.view), before);
  });

  it('does not start runs or MCP commands in an untrusted workspace', async () => {
    svc.trusted = false;
    const d = await Driver.start(svc);
    await d.say('mcp node server.js', 'ask', 'safety', 'defaults', 'smoke', 'done');
    await d.until('the refusal to start the command', () =>
      /not trusted, so the wizard does not start the MCP server’s command/.test(d.last().text),
    );
    assert.equal(d.view.step.id, 'connection');
    assert.match(d.view.canRun.reason ?? '', /untrusted/);
    await d.say('continue', 'run');
    assert.ok(existsSync(path.join(svc.folder, 'aiqk.yaml')), 'the profile is still written');
    assert.match(d.last().text, /not trusted, so the run is not started/);
    assert.equal(svc.runIds.length, 0);
  });
});
