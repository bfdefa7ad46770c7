import { strict as assert } from 'node:assert';
import { TerminalRunView } from '../../../src/extension/runs/terminalView';
import type { RunEvent } from '../../../src/engine/model/runTypes';
import { assemble, makeCase, ragSummary } from '../report/fixtures';

const runId = 'run_20250304-050607_0a1b2c3d';

function feed(view: TerminalRunView, events: RunEvent[]): string {
  return events.map((e) => view.onEvent(e)).join('');
}

describe('TerminalRunView (task terminal output)', () => {
  it('prints the start, suite verdicts and failures with CRLF, and no escape codes without colour or progress line', () => {
    const view = new TerminalRunView({ color: false, progressLine: false });
    const failed = makeCase('rag_quality', 'rag_quality:q2', 'failed', { metrics: { f1: 0.1 } });
    const text = feed(view, [
      { type: 'run-started', runId, suites: ['rag_quality'], total: 2 },
      { type: 'suite-started', runId, suite: 'rag_quality', total: 2 },
      { type: 'case-finished', runId, case: makeCase('rag_quality', 'rag_quality:q1', 'passed'), done: 1, total: 2 },
      { type: 'case-finished', runId, case: failed, done: 2, total: 2 },
      { type: 'suite-finished', runId, summary: { ...ragSummary([failed]), status: 'failed' } },
    ]);
    assert.ok(!text.includes('\x1b'), 'plain text');
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const lines = text.split('\r\n');
    assert.equal(lines[0], `▶ run ${runId}: 2 cases in rag_quality`);
    assert.equal(lines[1], '  rag_quality: 2 cases');
    assert.equal(lines[2], '    failed rag_quality/rag_quality:q2: f1 0.100');
    assert.match(lines[3] ?? '', /^ {2}✗ rag_quality failed \(0 passed, 1 failed, 0 errors of 1\)$/);
  });

  it('marks an inconclusive suite with a mark and colour of its own', () => {
    const plain = new TerminalRunView({ color: false, progressLine: false });
    const summary = { ...ragSummary([]), suite: 'safety' as const, status: 'inconclusive' as const };
    const text = feed(plain, [{ type: 'suite-finished', runId, summary }]);
    assert.match(text, /^ {2}\? safety inconclusive \(/);
    const coloured = feed(new TerminalRunView({ color: true, progressLine: false }), [{ type: 'suite-finished', runId, summary }]);
    assert.ok(coloured.includes('\x1b[35m?\x1b[0m safety \x1b[35minconclusive\x1b[0m'), JSON.stringify(coloured));
  });

  it('shows a few failures per suite and counts the rest', () => {
    const view = new TerminalRunView({ color: false, progressLine: false, failuresPerSuite: 2 });
    const cases = [1, 2, 3, 4].map((i) => makeCase('rag_quality', `rag_quality:q${i}`, 'error'));
    const text = feed(view, [
      { type: 'run-started', runId, suites: ['rag_quality'], total: 4 },
      ...cases.map((c, i): RunEvent => ({ type: 'case-finished', runId, case: c, done: i + 1, total: 4 })),
      { type: 'suite-finished', runId, summary: ragSummary(cases) },
    ]);
    assert.equal(text.split('timeout after 30000 ms').length - 1, 2, 'two failures shown');
    assert.match(text, /\(2 more failing cases in the report\)/);
  });

  it('redraws a progress line in place and clears it before other lines', () => {
    let now = 0;
    const view = new TerminalRunView({ color: false, redrawMs: 100, now: () => now });
    view.onEvent({ type: 'run-started', runId, suites: ['rag_quality'], total: 4 });
    now = 500;
    const progress = view.onEvent({
      type: 'case-finished',
      runId,
      case: makeCase('rag_quality', 'rag_quality:q1', 'passed'),
      done: 1,
      total: 4,
    });
    assert.equal(progress, '\r\x1b[K[#####---------------] 1/4 cases (25%)');
    now = 550;
    assert.equal(
      view.onEvent({ type: 'case-finished', runId, case: makeCase('rag_quality', 'rag_quality:q2', 'passed'), done: 2, total: 4 }),
      '',
      'throttled',
    );
    const note = view.note('cancelling');
    assert.ok(note.startsWith('\r\x1b[Kcancelling\r\n'), 'the live line is cleared first, then redrawn');
  });

  it('ends with the summary table, the report paths and a note for a cancelled run', () => {
    const view = new TerminalRunView({ color: false });
    const result = assemble([makeCase('rag_quality', 'rag_quality:q1', 'passed')], { status: 'cancelled' });
    const text = view.finish(result, { json: '/reports/run.json' });
    assert.match(text, /Overall: CANCELLED/);
    assert.match(text, /Reports:\r\n {2}json {2}\/reports\/run\.json/);
    assert.match(text, /The run was cancelled: the reports hold the cases that finished\./);
  });

  it('colours verdicts when asked', () => {
    const view = new TerminalRunView({ color: true, progressLine: false });
    const text = view.onEvent({
      type: 'suite-finished',
      runId,
      summary: ragSummary([makeCase('rag_quality', 'rag_quality:q1', 'passed', { metrics: { faithfulness: 1, f1: 1 } })]),
    });
    assert.ok(text.includes('\x1b[32mpassed\x1b[0m'), JSON.stringify(text));
  });

  it('ends with the story of the run, as aiqk run prints it, instead of a mixed run error line', () => {
    const view = new TerminalRunView({ color: false });
    const down = 'connection_refused: connection refused by http://127.0.0.1:8771/ask';
    const cases = [1, 2].map((i) => makeCase('rag_quality', `rag_quality:q${i}`, 'error', { error: down }));
    const result = {
      ...assemble(cases, { status: 'error' }),
      run: { ...assemble(cases).run, status: 'error' as const, error: 'rag_quality: 2 errors; note: built-in prompts' },
    };
    const text = view.finish(result, {}, undefined, { qaset: 8 });
    assert.doesNotMatch(text, /Run error:/);
    assert.match(
      text,
      /\r\nWhy:\r\n {2}rag_quality: 2 of 2 questions got no answer: connection refused by http:\/\/127\.0\.0\.1:8771\/ask\r\n/,
    );
    assert.match(text, /\r\nSampling:\r\n {2}rag_quality: asked 2 of 8 questions/);
  });
});
