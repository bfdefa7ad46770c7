// The VS Code side of remote runs, without VS Code: the team server client, the events
// reader and the profile preparation (uploads, testdata references, no local paths)
// against a real team server started in-process on 127.0.0.1.
import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { remoteProfile, withoutReportDir } from '../../../src/extension/remote/remoteProfile';
import type { ServerProgressEvent } from '../../../src/extension/remote/serverEvents';
import { followRun } from '../../../src/extension/remote/serverEvents';
import { serverBaseUrl, TeamServerClient, TeamServerError } from '../../../src/extension/remote/serverClient';
import type { AskServer } from '../../fixtures/servers/askServer';
import { startAskServer } from '../../fixtures/servers/askServer';
import type { TestServer } from '../server/teamServerHarness';
import { startTestServer, TOKENS } from '../server/teamServerHarness';

const DEMO = path.resolve(__dirname, '..', '..', '..', 'examples', 'demo', 'aiqk.yaml');

async function failure(p: Promise<unknown>): Promise<TeamServerError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TeamServerError) return err;
    throw err;
  }
  throw new Error('expected a TeamServerError');
}

describe('remote runs: team server client', function () {
  this.timeout(60000);
  let srv: TestServer;
  let ask: AskServer;
  let client: TeamServerClient;
  let dir: string;

  before(async () => {
    srv = await startTestServer({ maxConcurrent: 1, maxQueue: 0 });
    ask = await startAskServer();
    ask.setFault({ kind: 'hang' });
    client = new TeamServerClient(srv.url, TOKENS.alice);
    dir = await mkdtemp(path.join(os.tmpdir(), 'aiqk-remote-'));
  });
  after(async () => {
    await srv.close();
    await ask.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks the server address: https, or http on this machine only; no credentials in it, no trailing slash', () => {
    assert.deepEqual(serverBaseUrl(' http://127.0.0.1:8787/ '), { ok: true, url: 'http://127.0.0.1:8787' });
    assert.deepEqual(serverBaseUrl('https://aiqk.example.com/team/'), { ok: true, url: 'https://aiqk.example.com/team' });
    assert.match((serverBaseUrl('') as { message: string }).message, /aiQualityKit\.server\.url/);
    assert.match((serverBaseUrl('ftp://x') as { message: string }).message, /http:\/\/ or https:\/\//);
    assert.match((serverBaseUrl('https://u:p@x') as { message: string }).message, /must not hold credentials/);
    assert.match(
      (serverBaseUrl('http://aiqk.example.com') as { message: string }).message,
      /clear text to aiqk\.example\.com; use https:\/\//,
    );
    assert.deepEqual(serverBaseUrl('http://localhost:8787'), { ok: true, url: 'http://localhost:8787' });
    assert.deepEqual(serverBaseUrl('http://[::1]:8787'), { ok: true, url: 'http://[::1]:8787' });
  });

  it('runs the demo profile on the server: data files uploaded and referenced as testdata, no local path sent; progress events to the end; the report downloaded', async () => {
    const text = await readFile(DEMO, 'utf8');
    const prepared = await remoteProfile(text, DEMO, async (kind, bytes, name) => (await client.upload(kind, bytes, name)).ref);
    assert.ok(prepared.ok, JSON.stringify(prepared));
    assert.deepEqual(prepared.uploads.map((u) => u.kind).sort(), ['passages', 'qaset']);
    assert.equal(prepared.text.split('\n').length, text.split('\n').length, 'lines kept');
    assert.ok(!prepared.text.includes('data/passages.jsonl') && !prepared.text.includes('.aiqk/reports'), prepared.text);
    assert.match(prepared.text, /passages: "testdata:[0-9a-f]{64}"/);
    assert.match(prepared.text, /# \(report\.dir: a local folder, left out\)/);

    const { runId } = await client.start(prepared.text, { profileName: 'demo' });
    const events: ServerProgressEvent[] = [];
    const last = await followRun(client, runId, (e) => events.push(e));
    assert.equal(last?.status, 'passed', JSON.stringify(last));
    assert.ok(
      events.some((e) => e.type === 'case-finished'),
      'live progress',
    );
    assert.equal(events.at(-1)?.type, 'end');
    const report = JSON.parse(new TextDecoder().decode(await client.report(runId))) as { run: { id: string; status: string } };
    assert.equal(report.run.id, runId);
    assert.ok((await client.runs()).some((r) => r.run_id === runId && r.profile_name === 'demo'));
  });

  it('cancels a running run; a full server answers busy with its Retry-After', async () => {
    const hanging = `version: 1\ntarget:\n  mode: api\n  base_url: ${ask.url}\n  retries: 0\n  timeout_ms: 600000\nsuites: [rag_quality]\n`;
    const { runId } = await client.start(hanging);
    assert.ok((await client.running()).some((r) => r.run_id === runId));
    const busy = await failure(client.start(hanging));
    assert.equal(busy.kind, 'busy');
    assert.equal(busy.retryAfter, 5);
    assert.match(busy.message, /retry in 5 s/);
    const statuses: string[] = [];
    const followed = followRun(client, runId, (e) => statuses.push(e.run.status));
    assert.equal((await client.cancel(runId)).status, 'cancelled');
    assert.equal((await followed)?.status, 'cancelled');
    assert.equal((await client.run(runId)).status, 'cancelled');
  });

  it('says what to do on 401, 403, 422 (with located problems) and when the server is unreachable, never quoting the token', async () => {
    const wrong = new TeamServerClient(srv.url, 'not-a-token-of-this-server');
    const unauthorized = await failure(wrong.runs());
    assert.equal(unauthorized.kind, 'unauthorized');
    assert.match(unauthorized.message, /Set Team Server Token/);
    assert.ok(!unauthorized.message.includes('not-a-token'));

    const { runId } = await new TeamServerClient(srv.url, TOKENS.bob).start('version: 1\ntarget: {mode: builtin}\nsuites: [red_team]\n');
    const forbidden = await failure(client.cancel(runId));
    assert.equal(forbidden.kind, 'forbidden');
    assert.match(forbidden.message, /403/);

    const invalid = await failure(client.start('version: 1\ntarget:\n  mode: builtin\nsuites:\n  - no_such_suite\n'));
    assert.equal(invalid.kind, 'invalid');
    const located = invalid.problems.find((p) => p.line !== undefined);
    assert.ok(located, JSON.stringify(invalid.problems));
    assert.equal(located.line, 5);

    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const gone = new TeamServerClient(`http://127.0.0.1:${port}`, TOKENS.alice);
    const unreachable = await failure(gone.runs());
    assert.equal(unreachable.kind, 'unreachable');
    assert.match(unreachable.message, new RegExp(`cannot reach the team server at http://127\\.0\\.0\\.1:${port}: connection refused`));
    await failure(client.cancel('not-an-id')).then((e) => assert.equal(e.kind, 'invalid'));
  });

  it('refuses missing data files and files outside the workspace with located problems, and reports upload problems at the data entry', async () => {
    const ws = path.join(dir, 'ws');
    await mkdir(ws, { recursive: true });
    const profile = path.join(ws, 'aiqk.yaml');
    await writeFile(path.join(dir, 'outside.jsonl'), '{"id":"p1","text":"x"}\n');
    await writeFile(path.join(ws, 'bad.jsonl'), 'not json\n');
    const text =
      'version: 1\ntarget: {mode: builtin}\nsuites: [rag_quality]\ndata:\n  passages: ../outside.jsonl\n  qaset: missing.jsonl\n';
    const upload = async (kind: Parameters<TeamServerClient['upload']>[0], bytes: Uint8Array, name: string) =>
      (await client.upload(kind, bytes, name)).ref;
    const refused = await remoteProfile(text, profile, upload, { workspaceRoot: ws });
    assert.ok(!refused.ok);
    assert.deepEqual(
      refused.problems.map((p) => [p.path, p.line, p.code]),
      [
        ['data.passages', 5, 'data-outside-workspace'],
        ['data.qaset', 6, 'data-unreadable'],
      ],
    );
    const bad = await remoteProfile(
      'version: 1\ntarget: {mode: builtin}\nsuites: [rag_quality]\ndata: {qaset: bad.jsonl}\n',
      profile,
      upload,
    );
    assert.ok(!bad.ok);
    assert.equal(bad.problems[0]?.line, 4);
    assert.match(bad.problems[0]?.message ?? '', /data\.qaset: bad\.jsonl line 1/);
  });

  it('leaves report.dir out, keeping lines (a flow-style report is rewritten)', () => {
    assert.equal(
      withoutReportDir('a: 1\nreport:\n  dir: out\n  formats: [json]\n'),
      'a: 1\nreport:\n  # (report.dir: a local folder, left out)\n  formats: [json]\n',
    );
    assert.equal(
      withoutReportDir('a: 1\nreport:\n  dir: out\nb: 2\n'),
      'a: 1\n# (report: a local folder, left out)\n  # (report: a local folder, left out)\nb: 2\n',
    );
    assert.equal(withoutReportDir('a: 1\nreport: {dir: out, anonymize: true}\n'), 'a: 1\nreport: { anonymize: true }\n');
    assert.equal(withoutReportDir('a: 1\n'), 'a: 1\n');
  });
});
