import { CASE_WINDOW, keptInWindow } from '../../engine/run/caseWindow';
import * as vscode from 'vscode';
import type { CaseResult, RunEvent, RunResult, SuiteSummary } from '../../engine/model/runTypes';
import type { SuiteName } from '../../engine/model/suiteNames';
import type { ActiveRun, RunManager } from '../runs/runManager';
import { TerminalRunView } from '../runs/terminalView';
import type { TestOutcome } from './caseOutcome';
import { caseLabel, caseOutcome, needsSuiteVerdict, suiteOutcome, verdictMark } from './caseOutcome';
import type { TestTree } from './testTree';

/** The last state reported for a Test Explorer item (what the integration tests read back). */
export interface ReportedState extends TestOutcome {
  runName: string;
}

function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Puts run results into the Test Explorer: every run, wherever it was started,
 * gets a TestRun (the Test Explorer's own when it started the run); cases are
 * reported as they finish, failed ones once their suite's thresholds are known;
 * cancelling that TestRun cancels the run.
 */
export class TestResultsBridge implements vscode.Disposable {
  private readonly reported = new Map<string, ReportedState>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly tree: TestTree,
    manager: RunManager,
  ) {
    this.subscription = manager.onDidStart((run) => this.follow(run));
  }

  /** The last reported state of an item, by item id. */
  stateOf(id: string): ReportedState | undefined {
    return this.reported.get(id);
  }

  /** Reports a finished result (a saved report) into a TestRun. */
  applyResult(testRun: vscode.TestRun, profileUri: vscode.Uri, result: RunResult, runName: string): void {
    for (const c of result.cases) this.applyCase(testRun, profileUri, c, result.summary.suites[c.suite], runName);
    for (const s of Object.values(result.summary.suites)) if (s) this.applySuite(testRun, profileUri, s, runName);
    this.markProfile(profileUri, result);
  }

  /** The profile's description names a verdict its icon cannot show (inconclusive, cancelled); cleared otherwise. */
  private markProfile(uri: vscode.Uri, result: RunResult): void {
    this.tree.profileItem(uri).description = verdictMark(result.run.status);
  }

  private follow(run: ActiveRun): void {
    const uri = run.profileUri;
    const own = !run.testRun;
    void this.tree.prepareCases(uri);
    const suites = run.suites.map((s) => this.tree.suiteItem(uri, s));
    const testRun = run.testRun ?? this.tree.controller.createTestRun(new vscode.TestRunRequest(suites), `AI Quality ${run.runId}`, true);
    const runName = testRun.name ?? `AI Quality ${run.runId}`;
    const onCancel = own ? testRun.token.onCancellationRequested(() => run.cancel('cancelled from the Test Explorer')) : undefined;
    for (const item of suites) testRun.enqueued(item);
    const view = new TerminalRunView({ color: true, progressLine: false });
    const waiting = new Map<SuiteName, CaseResult[]>();
    // Cases shown before their suite's verdict, in case it ranks below them.
    const early = new Map<SuiteName, CaseResult[]>();
    // A large run shows the cases its result keeps (the first ones, then those that did not pass): the Test Explorer and this window hold no more.
    let shown = 0;
    let left = 0;
    // Cases shown as running: each gets its result, kept or not.
    const running = new Set<string>();
    const unsubscribe = run.events.onEvent((e: RunEvent) => {
      testRun.appendOutput(view.onEvent(e));
      switch (e.type) {
        case 'suite-started':
          testRun.started(this.tree.suiteItem(uri, e.suite));
          break;
        case 'case-started':
          // Past the window a case gets an item only when it finishes and is kept.
          if (shown >= CASE_WINDOW) break;
          running.add(`${e.suite}\u0000${e.caseId}`);
          testRun.started(this.tree.caseItem(uri, e.suite, e.caseId, caseLabel({ suite: e.suite, case_id: e.caseId })));
          break;
        case 'case-finished':
          if (!running.delete(`${e.case.suite}\u0000${e.case.case_id}`) && !keptInWindow(shown, e.case.status)) {
            left++;
            break;
          }
          shown++;
          // A failed or errored case shows no worse than its suite's verdict, known at suite end.
          if (needsSuiteVerdict(e.case)) {
            const list = waiting.get(e.case.suite) ?? [];
            list.push(e.case);
            waiting.set(e.case.suite, list);
          } else {
            this.applyCase(testRun, uri, e.case, undefined, runName);
            const list = early.get(e.case.suite) ?? [];
            list.push(e.case);
            early.set(e.case.suite, list);
          }
          break;
        case 'suite-finished':
          for (const c of waiting.get(e.summary.suite) ?? []) this.applyCase(testRun, uri, c, e.summary, runName);
          waiting.delete(e.summary.suite);
          // A suite shown below passed (cancelled before its verdict) takes back the passes shown as they came.
          for (const c of early.get(e.summary.suite) ?? [])
            if (caseOutcome(c, e.summary).state !== caseOutcome(c).state) this.applyCase(testRun, uri, c, e.summary, runName);
          early.delete(e.summary.suite);
          this.applySuite(testRun, uri, e.summary, runName);
          break;
        case 'log':
        case 'run-started':
        case 'run-finished':
          break;
      }
    });
    void run.finished.then((f) => {
      unsubscribe();
      onCancel?.dispose();
      for (const list of waiting.values()) for (const c of list) this.applyCase(testRun, uri, c, f.result.summary.suites[c.suite], runName);
      this.markProfile(uri, f.result);
      if (left > 0)
        testRun.appendOutput(
          `The Test Explorer shows ${shown} of the ${shown + left} cases: the first ones and those that did not pass; the report has them all.\r\n`,
        );
      testRun.appendOutput(view.finish(f.result, f.files, f.writeError, f.records));
      if (own) testRun.end();
    });
  }

  private applyCase(testRun: vscode.TestRun, uri: vscode.Uri, c: CaseResult, summary: SuiteSummary | undefined, runName: string): void {
    const item = this.tree.caseItem(uri, c.suite, c.case_id, caseLabel(c), excerpt(c.input));
    this.apply(testRun, item, caseOutcome(c, summary), runName);
  }

  private applySuite(testRun: vscode.TestRun, uri: vscode.Uri, s: SuiteSummary, runName: string): void {
    const item = this.tree.suiteItem(uri, s.suite);
    const o = suiteOutcome(s);
    item.description = o.mark;
    this.apply(testRun, item, o, runName);
  }

  private apply(testRun: vscode.TestRun, item: vscode.TestItem, o: TestOutcome, runName: string): void {
    this.reported.set(item.id, { ...o, runName });
    const message = (): vscode.TestMessage =>
      o.diff
        ? vscode.TestMessage.diff(o.message ?? 'the answer differs from the expected answer', o.diff.expected, o.diff.actual)
        : new vscode.TestMessage(o.message ?? '');
    // Passed and skipped carry no message: what the item has to say is attached to it as output.
    const note = o.note ?? (o.state === 'skipped' ? o.message : undefined);
    if (note) testRun.appendOutput(`${note.replace(/\r?\n/g, '\r\n')}\r\n`, undefined, item);
    switch (o.state) {
      case 'passed':
        testRun.passed(item, o.durationMs);
        break;
      case 'failed':
        testRun.failed(item, message(), o.durationMs);
        break;
      case 'errored':
        testRun.errored(item, message(), o.durationMs);
        break;
      case 'skipped':
        testRun.skipped(item);
        break;
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
