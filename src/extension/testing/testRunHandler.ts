import * as vscode from 'vscode';
import type { SuiteName } from '../../engine/model/suiteNames';
import { profileSuites } from '../profiles/profilePick';
import { checkCanRun } from '../runs/runGuard';
import type { RunDeps } from '../runs/runManager';
import type { TestTree } from './testTree';

/** The suites to run per profile; `all` = the profile's own list. */
type Selection = Map<string, { uri: vscode.Uri; suites: Set<SuiteName> | 'all' }>;

async function selectionOf(tree: TestTree, request: vscode.TestRunRequest): Promise<Selection> {
  const selection: Selection = new Map();
  let include = request.include;
  if (!include) {
    await tree.refreshAll();
    const all: vscode.TestItem[] = [];
    tree.controller.items.forEach((i) => all.push(i));
    include = all;
  }
  for (const item of include) {
    const data = tree.dataOf(item);
    if (!data) continue;
    const key = data.profileUri.toString();
    const entry = selection.get(key) ?? { uri: data.profileUri, suites: new Set<SuiteName>() };
    // A case cannot run alone (suites plan their cases together): its suite runs.
    if (!data.suite) entry.suites = 'all';
    else if (entry.suites !== 'all') entry.suites.add(data.suite);
    selection.set(key, entry);
  }
  for (const item of request.exclude ?? []) {
    const data = tree.dataOf(item);
    const entry = data ? selection.get(data.profileUri.toString()) : undefined;
    if (!data || !entry || data.kind === 'case') continue;
    if (data.kind === 'profile') {
      selection.delete(data.profileUri.toString());
      continue;
    }
    if (entry.suites === 'all') entry.suites = new Set(await profileSuites(entry.uri));
    if (data.suite) entry.suites.delete(data.suite);
  }
  return selection;
}

/**
 * The handler of the "Run" test profile: runs the selected suites of the
 * selected profiles one profile after the other, in one TestRun. Cancelling the
 * TestRun cancels the run in progress (its partial report is written).
 */
export function createRunHandler(
  tree: TestTree,
  deps: RunDeps,
): (request: vscode.TestRunRequest, token: vscode.CancellationToken) => Promise<void> {
  return async (request, token) => {
    const testRun = tree.controller.createTestRun(request, 'AI Quality', true);
    try {
      const selection = await selectionOf(tree, request);
      for (const { uri, suites } of selection.values()) {
        if (token.isCancellationRequested) break;
        const chosen = suites === 'all' ? undefined : [...suites];
        if (chosen && chosen.length === 0) continue;
        const outcome = await checkCanRun(uri, chosen, deps.log);
        if (!outcome.ok) {
          const text = [outcome.refusal.message, ...outcome.refusal.reasons.map((r) => `- ${r}`)].join('\n');
          const items = chosen ? chosen.map((s) => tree.suiteItem(uri, s)) : [tree.profileItem(uri)];
          for (const item of items) testRun.errored(item, new vscode.TestMessage(text));
          testRun.appendOutput(`${text.replace(/\n/g, '\r\n')}\r\n`);
          continue;
        }
        if (token.isCancellationRequested) break;
        const run = deps.manager.start(outcome.run, uri, { origin: 'testExplorer', testRun });
        const onCancel = token.onCancellationRequested(() => run.cancel('cancelled from the Test Explorer'));
        try {
          await run.finished;
        } finally {
          onCancel.dispose();
        }
      }
    } finally {
      testRun.end();
    }
  };
}
