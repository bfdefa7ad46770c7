import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createProgress, formatElapsed, progressBar } from '../../../src/cli/progress';
import type { CaseResult, RunEvent, SuiteSummary } from '../../../src/engine/model/runTypes';

const runId = 'run_20250101-000000_00000000';
const caseRow: CaseResult = {
  suite: 'performance',
  case_id: 'c',
  input: 'q',
  expected: null,
  output: 'a',
  contexts: [],
  metrics: {},
  status: 'passed',
  pass: true,
  error: null,
  latency_ms: 1,
  timestamp: '',
};
const summary: SuiteSummary = { suite: 'performance', status: 'passed', total: 4, passed: 4, failed: 0, errors: 0, metrics: [], notes: [] };

function collect(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => {
    text += d.toString('utf8');
  });
  return { out, text: () => text };
}

function feed(view: ReturnType<typeof createProgress>, clock: { t: number }, stepMs: number): void {
  const events: RunEvent[] = [
    { type: 'run-started', runId, suites: ['performance'], total: 4 },
    { type: 'suite-started', runId, suite: 'performance', total: 4 },
    ...[1, 2, 3, 4].map((done): RunEvent => ({ type: 'case-finished', runId, case: caseRow, done, total: 4 })),
    { type: 'suite-finished', runId, summary },
  ];
  for (const e of events) {
    clock.t += stepMs;
    view.onEvent(e);
  }
}

describe('aiqk run progress', () => {
  it('formats elapsed time and bars', () => {
    assert.equal(formatElapsed(0), '00:00');
    assert.equal(formatElapsed(75_500), '01:15');
    assert.equal(formatElapsed(3_725_000), '1:02:05');
    assert.equal(progressBar(1, 4, 8), '[##------]');
    assert.equal(progressBar(0, 0, 4), '[----]');
  });

  it('on a terminal redraws one line in place, throttled, and clears it when stopped', () => {
    const { out, text } = collect();
    const clock = { t: 0 };
    const view = createProgress(out, { tty: true, color: false, columns: 100, redrawMs: 100, now: () => clock.t });
    feed(view, clock, 60);
    view.stop();
    const s = text();
    assert.match(s, /aiqk: run run_20250101-000000_00000000 started: 4 cases in performance\n/);
    assert.ok(s.includes('\r[##########----------] 2/4 cases (50%), performance, 00:00\u001b[K'), JSON.stringify(s));
    // Redraws at most every 100 ms: with a case every 60 ms, not every case redraws.
    const redraws = s.split('\r').filter((p) => p.startsWith('[')).length;
    assert.ok(redraws < 8, `redrew ${redraws} times`);
    assert.ok(s.endsWith('\r\x1b[K'), 'the live line is cleared at the end');
  });

  it('in CI prints plain lines: start, suites, and a periodic status', () => {
    const { out, text } = collect();
    const clock = { t: 0 };
    const view = createProgress(out, { tty: false, color: false, intervalMs: 100, now: () => clock.t });
    feed(view, clock, 60);
    const lines = text().trimEnd().split('\n');
    assert.ok(!text().includes('\r'));
    assert.equal(lines[0], 'aiqk: run run_20250101-000000_00000000 started: 4 cases in performance');
    assert.equal(lines[1], 'aiqk: performance: 4 cases');
    assert.ok(
      lines.some((l) => /^aiqk: \d\/4 cases \(\d+%\), performance, 00:00$/.test(l)),
      lines.join('\n'),
    );
    assert.equal(lines.at(-1), 'aiqk: performance passed (4 passed, 0 failed, 0 errors of 4)');
    assert.ok(lines.length < 8, 'not a line per case');
  });
});
