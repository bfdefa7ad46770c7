import * as vscode from 'vscode';
import type { SuiteName } from '../../engine/model/suiteNames';
import { profileSuites } from '../profiles/profilePick';
import { checkCanRun } from '../runs/runGuard';
import type { RunDeps } from '../runs/runManager';
import type { TestTree } from './testTree';

/** What to run of one profile: whole suites (`all` = the profile's own list), and single cases by suite. */
interface ProfileSelection {
  uri: vscode.Uri;
  suites: Set<SuiteName> | 'all';
  cases: Map<SuiteName, Set<string>>;
}

/** One run of the selection: a profile, its suites, and (for single cases) the case ids. */
interface SelectedRun {
  uri: vscode.Uri;
  suites?: SuiteName[];
  caseIds?: string[];
}

async function selectionOf(tree: TestTree, request: vscode.TestRunRequest): Promise<Map<string, ProfileSelection>> {
  const selection = new Map<string, ProfileSelection>();
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
    const entry = selection.get(key) ?? { uri: data.profileUri, suites: new Set<SuiteName>(), cases: new Map() };
    if (!data.suite) entry.suites = 'all';
    else if (data.kind === 'case' && data.caseId) entry.cases.set(data.suite, (entry.cases.get(data.suite) ?? new Set()).add(data.caseId));
    else if (entry.suites !== 'all') entry.suites.add(data.suite);
    selection.set(key, entry);
  }
  for (const item of request.exclude ?? []) {
    const data = tree.dataOf(item);
    const entry = data ? selection.get(data.profileUri.toString()) : undefined;
    if (!data || !entry) continue;
    if (data.kind === 'case') {
      if (data.suite && data.caseId) entry.cases.get(data.suite)?.delete(data.caseId);
      continue;
    }
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
 * The runs a selection makes: per profile, its whole suites in one run and its
 * single cases (of suites not run whole) in another, which runs only those cases.
 */
export function runsOf(entry: ProfileSelection): SelectedRun[] {
  const runs: SelectedRun[] = [];
  const whole = entry.suites;
  if (whole === 'all') return [{ uri: entry.uri }];
  if (whole.size > 0) runs.push({ uri: entry.uri, suites: [...whole] });
  const single = [...entry.cases].filter(([suite, ids]) => !whole.has(suite) && ids.size > 0);
  if (single.length > 0)
    runs.push({ uri: entry.uri, suites: single.map(([suite]) => suite), caseIds: single.flatMap(([, ids]) => [...ids]) });
  return runs;
}

/**
 * The handler of the "Run" test profile: runs the selected suites (or single
 * cases) of the selected profiles one profile after the other, in one TestRun. Cancelling the
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
      for (const { uri, suites: chosen, caseIds } of [...selection.values()].flatMap(runsOf)) {
        if (token.isCancellationRequested) break;
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
        await tree.prepareCases(uri);
        const run = deps.manager.start(outcome.run, uri, { origin: 'testExplorer', testRun, ...(caseIds ? { caseIds } : {}) });
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
