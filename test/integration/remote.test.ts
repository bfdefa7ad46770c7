// Runs in VS Code's extension host with test/fixtures/workspaces/remote open (a copy of
// the demo profile and its data). A real `aiqk serve` (the bundled CLI) is started here
// on loopback; the tests set the server address and token, run the demo profile there,
// see it in the AI Quality view, open its report, and cancel a run held by a target
// that never answers (the server takes one run at a time, so a second one meets a 429).
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiQualityKitApi } from '../../src/extension/extension';
import type { ProfilesAndRunsNode } from '../../src/extension/profilesAndRuns/profilesAndRunsTree';
import type { RemoteRunResult } from '../../src/extension/remote/remoteCommands';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
const TOKEN = 'remote-suite-token-5c1e9a07d2';
let api: AiQualityKitApi;
const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), rel);

/** Starts `aiqk serve` on a free loopback port; resolves with the process and its address. */
async function serve(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  const proc = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir, '--max-concurrent', '1', '--max-queue', '0'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1', AIQK_SERVER_TOKENS: `user:${TOKEN}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1] as string });
    });
    proc.on('exit', (code) => reject(new Error(`aiqk serve exited (${code}): ${err}`)));
  });
}

async function serverRunNode(runId: string): Promise<ProfilesAndRunsNode | undefined> {
  const groups = await api.profilesAndRuns.getChildren();
  const server = groups.find((g) => g.kind === 'group' && g.group === 'server');
  if (!server) return undefined;
  return (await api.profilesAndRuns.getChildren(server)).find(
    (n) => n.kind === 'remote' && n.node.kind === 'serverRun' && n.node.runId === runId,
  );
}

describe('remote runs on a team server', function () {
  this.timeout(120_000);
  let server: { proc: ChildProcess; url: string };
  let dataDir: string;
  const silent = http.createServer(() => undefined); // a target that never answers

  before(async () => {
    api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiqk-remote-suite-'));
    server = await serve(dataDir);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('aiQualityKit').update('server.url', undefined, vscode.ConfigurationTarget.Global);
    if (server && server.proc.exitCode === null) {
      const exited = new Promise((r) => server.proc.once('exit', r));
      server.proc.kill('SIGTERM');
      await exited;
    }
    silent.closeAllConnections();
    silent.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for the address, then the token: nothing is sent before', async () => {
    const noUrl = await vscode.commands.executeCommand<RemoteRunResult>('aiQualityKit.runOnServer', file('aiqk.yaml'));
    assert.ok(!noUrl.started && /aiQualityKit\.server\.url/.test(noUrl.error ?? ''), JSON.stringify(noUrl));
    await vscode.workspace.getConfiguration('aiQualityKit').update('server.url', server.url, vscode.ConfigurationTarget.Global);
    const noToken = await vscode.commands.executeCommand<RemoteRunResult>('aiQualityKit.runOnServer', file('aiqk.yaml'));
    assert.ok(!noToken.started && /Set Team Server Token/.test(noToken.error ?? ''), JSON.stringify(noToken));
    assert.equal(await vscode.commands.executeCommand('aiQualityKit.setServerToken', 'a-wrong-token-for-this-server'), true);
    const wrong = await vscode.commands.executeCommand<RemoteRunResult>('aiQualityKit.runOnServer', file('aiqk.yaml'));
    assert.ok(!wrong.started && /401.*Set Team Server Token/.test(wrong.error ?? ''), JSON.stringify(wrong));
    assert.ok(!api.runs.logLines().some((l) => l.includes('a-wrong-token')), 'the token is never logged');
  });

  it('runs the demo profile on the server, shows it in the view with its result, and opens its report in the report view', async () => {
    assert.equal(await vscode.commands.executeCommand('aiQualityKit.setServerToken', TOKEN), true);
    await vscode.window.showTextDocument(file('aiqk.yaml'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file('aiqk.yaml'));
    assert.ok(
      lenses.some((l) => l.command?.command === 'aiQualityKit.runOnServer'),
      'a "Run on Server" lens',
    );

    const res = await vscode.commands.executeCommand<RemoteRunResult>('aiQualityKit.runOnServer', file('aiqk.yaml'));
    assert.ok(res.started, JSON.stringify(res));
    assert.ok(api.runs.logLines().some((l) => l.includes('data.passages uploaded to the team server as testdata:')));
    const ended = await api.remote.whenRun(
      res.runId,
      (r) => r.status !== 'queued' && r.status !== 'running' && r.reports.includes('json'),
      90_000,
    );
    assert.equal(ended.status, 'passed', JSON.stringify(ended));
    const node = await serverRunNode(res.runId);
    assert.ok(node, 'the run is in the Team Server group');
    const item = api.profilesAndRuns.getTreeItem(node);
    assert.match(String(item.description), /aiqk\.yaml · passed · \d+\/\d+ passed/);
    assert.equal(item.contextValue, 'aiqk.serverRun.report');

    const opened = await vscode.commands.executeCommand<string | undefined>(
      'aiQualityKit.openServerReport',
      node.kind === 'remote' ? node.node : undefined,
    );
    assert.equal(opened, path.join(root().fsPath, '.aiqk', 'reports', `${res.runId}.json`), api.runs.logLines().join('\n'));
    const report = JSON.parse(fs.readFileSync(opened, 'utf8')) as { run: { id: string; status: string; profile: string } };
    assert.equal(report.run.id, res.runId);
    // It names the local profile, not the server's copy, so it joins that profile's history.
    assert.equal(report.run.profile, file('aiqk.yaml').fsPath);
    await api.reportView.whenRendered(opened, 30_000, true);
    assert.ok(
      api.reportView.panels().some((p) => p.file === opened),
      'shown in the report view',
    );
  });

  it('shows the problems the server finds on the profile', async () => {
    const bad = file('bad.aiqk.yaml');
    fs.writeFileSync(bad.fsPath, 'version: 1\ntarget:\n  mode: builtin\nsuites:\n  - no_such_suite\n');
    const res = await vscode.commands.executeCommand<RemoteRunResult>('aiQualityKit.runOnServer', bad);
    assert.ok(!res.started && (res.problems?.length ?? 0) > 0, JSON.stringify(res));
    const diagnostics = api.remote.problemsOf(bad);
    assert.ok(
      diagnostics.some((d) => d.range.start.line === 4 && /no_such_suite/.test(d.message)),
      diagnostics.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'),
    );
  });

  it('cancels a run on the server from the view; a full server says when to retry', async () => {
    const slow = file('slow.aiqk.yaml');
    const port = (silent.address() as AddressInfo).port;
    fs.writeFileSync(
      slow.fsPath,
      `version: 1\ntarget:\n  mode: api\n  base_url: http://127.0.0.1:${port}\n  retries: 0\n  timeout_ms: 600000\nsuites: [rag_quality]\n`,
    );
    const res = await vscode.commands.executeCommand<RemoteRunResult>('aiQualityKit.runOnServer', slow);
    assert.ok(res.started, JSON.stringify(res));
    await api.remote.whenRun(res.runId, (r) => r.status === 'running', 30_000);
    const node = await serverRunNode(res.runId);
    assert.ok(node);
    const item = api.profilesAndRuns.getTreeItem(node);
    assert.equal(item.contextValue, 'aiqk.serverRun.active');
    assert.match(String(item.description), /^slow\.aiqk\.yaml · running/);

    // The server takes one run at a time and queues none: a second start is answered 429.
    const busy = await vscode.commands.executeCommand<RemoteRunResult>('aiQualityKit.runOnServer', slow);
    assert.ok(!busy.started && /busy \(429.*retry in 5 s/.test(busy.error ?? ''), JSON.stringify(busy));

    assert.equal(
      await vscode.commands.executeCommand('aiQualityKit.cancelServerRun', node.kind === 'remote' ? node.node : undefined),
      'cancelled',
    );
    const ended = await api.remote.whenRun(res.runId, (r) => r.status === 'cancelled', 30_000);
    assert.equal(ended.status, 'cancelled');
  });
});
