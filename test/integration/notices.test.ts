// Runs in VS Code's extension host with a copy of test/fixtures/workspaces/runs open
// (a small builtin profile): how many notifications a run shows, by setting and by
// who follows the run.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { AiQualityKitApi } from '../../src/extension/extension';
import { until } from './support/until';
import type { RunCommandResult } from '../../src/extension/runs/runCommands';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
let api: AiQualityKitApi;
const profile = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'aiqk.yaml');

/** Starts a background run, waits for its end; returns the messages shown meanwhile. */
async function backgroundRun(): Promise<string[]> {
  const before = api.runs.notices().length;
  const res = await vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.startRunInBackground', profile());
  assert.ok(res.started);
  await api.runs.whenFinished(res.runId, 60_000);
  // The end message follows the finish event.
  await until('the end message', () =>
    api.runs
      .notices()
      .slice(before)
      .some((m) => /cases passed/.test(m))
      ? true
      : undefined,
  );
  return api.runs.notices().slice(before);
}

describe('run notifications', function () {
  this.timeout(90_000);

  before(async () => {
    api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('aiQualityKit').update('notifications', undefined, vscode.ConfigurationTarget.Global);
  });

  it('is quiet by default: a background run shows one message, at its end, with the result', async () => {
    assert.equal(vscode.workspace.getConfiguration('aiQualityKit').get('notifications'), 'quiet');
    const shown = await backgroundRun();
    assert.equal(shown.length, 1, shown.join(' | '));
    assert.match(shown[0]!, /^AI Quality run run_\S+ (passed|failed): \d+\/\d+ cases passed\.$/);
  });

  it('shows nothing when the caller shows the result itself (the setup wizard)', async () => {
    const before = api.runs.notices().length;
    const res = await vscode.commands.executeCommand<RunCommandResult>('aiQualityKit.runTests', profile(), undefined, {
      showsResult: true,
    });
    assert.ok(res.started && res.status);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(api.runs.notices().slice(before), []);
  });

  it('with "notifications": "all", says when a background run starts and when it ends', async () => {
    await vscode.workspace.getConfiguration('aiQualityKit').update('notifications', 'all', vscode.ConfigurationTarget.Global);
    const shown = await backgroundRun();
    assert.equal(shown.length, 2, shown.join(' | '));
    assert.match(shown[0]!, /started in the background/);
    assert.match(shown[1]!, /cases passed/);
  });
});
