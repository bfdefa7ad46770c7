import assert from 'node:assert/strict';
import type { CaseResult, RunResult, SuiteSummary } from '../../../src/engine/model/runTypes';
import { runStory } from '../../../src/engine/report/runStory';
import { targetHosts } from '../../../src/engine/report/targetAddress';
import { anonymizeResult } from '../../../src/engine/report/anonymize';
import { formatRunStory } from '../../../src/engine/report/runStoryText';

const kase = (suite: CaseResult['suite'], id: string, status: CaseResult['status'], error: string | null): CaseResult => ({
  suite,
  case_id: `${suite}:${id}`,
  input: 'q',
  expected: null,
  output: null,
  contexts: [],
  metrics: {},
  status,
  pass: status === 'passed',
  error,
  latency_ms: null,
  timestamp: '2025-01-01T00:00:00.000Z',
});

const summary = (s: Partial<SuiteSummary> & Pick<SuiteSummary, 'suite' | 'status'>): SuiteSummary => ({
  total: 0,
  passed: 0,
  failed: 0,
  errors: 0,
  metrics: [],
  notes: [],
  ...s,
});

function result(summaries: SuiteSummary[], cases: CaseResult[], extra: Partial<RunResult['run']> = {}): RunResult {
  return {
    version: 1,
    run: {
      id: 'run_20250101-000000_00000000',
      profile: 'aiqk.yaml',
      started_at: '',
      finished_at: '',
      duration_ms: 0,
      status: 'failed',
      target: { mode: 'api', base_url: 'http://10.0.0.7:8080/' },
      suites: summaries.map((s) => s.suite),
      options: { profile_preset: 'smoke' },
      ...extra,
    },
    summary: {
      overall: { total: 0, passed: 0, failed: 0, errors: 0, pass_rate: null, status: 'failed' },
      suites: Object.fromEntries(summaries.map((s) => [s.suite, s])),
    },
    cases,
    inputs: { version: 1, target: { mode: 'builtin' }, suites: ['rag_quality'] },
    logs: [{ time: '', level: 'warn', message: 'run cancelled: interrupted (Ctrl-C); 1 finished cases kept' }],
  };
}

describe('runStory', () => {
  const run = result(
    [
      summary({
        suite: 'rag_quality',
        status: 'failed',
        total: 8,
        passed: 4,
        errors: 4,
        metrics: [
          { name: 'answer_recall', value: 0.42, threshold: 0.8, direction: 'min', pass: false },
          { name: 'faithfulness', value: null, threshold: 0.8, direction: 'min', pass: null, reason: 'no passages came back' },
          { name: 'f1', value: 0.5, threshold: 0, direction: 'min', pass: true },
        ],
        notes: ['using your qaset'],
      }),
      summary({ suite: 'red_team', status: 'cancelled', total: 1, passed: 1 }),
      summary({ suite: 'safety', status: 'passed', total: 1, notes: ['built-in harmful-request prompts'] }),
    ],
    [
      ...['a', 'b', 'c'].map((id) => kase('rag_quality', id, 'error', "bad_reply: answer_path '$.reply' matched nothing in the reply")),
      kase('rag_quality', 'd', 'error', 'timeout: no answer within 5000 ms'),
      kase('rag_quality', 'e', 'passed', null),
      kase('red_team', 'x', 'passed', null),
      kase('red_team', 'y', 'cancelled', 'cancelled'),
    ],
  );

  it('says why each suite did not pass cleanly, with distinct per-case errors counted', () => {
    const story = runStory(run, { records: { qaset: 20 } });
    const rag = story.suites.find((s) => s.suite === 'rag_quality')!;
    assert.deepEqual(rag.why, [
      "rag_quality: 4 of 8 questions got no answer: answer_path '$.reply' matched nothing in the reply",
      'rag_quality: below threshold: answer_recall 0.42 (needs >= 0.8)',
      'rag_quality: faithfulness unmeasured: no passages came back',
    ]);
    assert.deepEqual(rag.errors, [
      { message: "answer_path '$.reply' matched nothing in the reply", count: 3 },
      { message: 'no answer within 5000 ms', count: 1 },
    ]);
    assert.deepEqual(story.suites.find((s) => s.suite === 'red_team')?.why, ['red_team: cancelled after 1 attack (interrupted (Ctrl-C))']);
    assert.equal(
      story.suites.find((s) => s.suite === 'safety'),
      undefined,
      'a clean suite has no story',
    );
    assert.deepEqual(story.sampling, [
      'rag_quality: asked 8 of 20 questions (profile: smoke); set profile: full or volumes.qa_sample_size',
    ]);
    assert.deepEqual(
      story.notes.map((n) => n.note),
      ['using your qaset', 'built-in harmful-request prompts'],
    );
  });

  it('prints the errors under the why, and notes only when verbose', () => {
    const lines = formatRunStory(run, { verbose: false, maxErrors: 1 });
    assert.deepEqual(lines.slice(0, 6), [
      'Why:',
      "  rag_quality: 4 of 8 questions got no answer: answer_path '$.reply' matched nothing in the reply",
      '  rag_quality: below threshold: answer_recall 0.42 (needs >= 0.8)',
      '  rag_quality: faithfulness unmeasured: no passages came back',
      "      3× answer_path '$.reply' matched nothing in the reply",
      '      … and 1 more distinct error (see the report)',
    ]);
    assert.ok(!lines.includes('Notes:'));
    assert.ok(formatRunStory(run, { verbose: true }).includes('  safety: built-in harmful-request prompts'));
  });
});

describe('anonymized reports and the target address', () => {
  it('keep the IPv4 address of the configured target readable and mask every other one', () => {
    const r = result(
      [summary({ suite: 'rag_quality', status: 'error', total: 1 })],
      [kase('rag_quality', 'a', 'error', 'connection_refused: connection refused by http://10.0.0.7:8080/ask; proxy 192.168.1.20')],
    );
    assert.deepEqual(targetHosts(r.run.target), ['10.0.0.7']);
    const out = anonymizeResult(r);
    assert.equal(out.cases[0]?.error, 'connection_refused: connection refused by http://10.0.0.7:8080/ask; proxy 192.*.*.*');
    const elsewhere = { ...r, run: { ...r.run, target: { mode: 'api', base_url: 'http://10.0.0.8:8080/' } } };
    assert.equal(anonymizeResult(elsewhere).cases[0]?.error?.includes('10.*.*.*'), true, 'another address is masked');
  });
});

describe('runStory: sampling', () => {
  it('says when red_team tries only some of its mutators, and why', () => {
    const red = (mutation: string, i: number): CaseResult => ({
      ...kase('red_team', `${i}:${mutation}`, 'passed', null),
      details: { mutation },
    });
    const sampled = result(
      [summary({ suite: 'red_team', status: 'passed', total: 4, passed: 4, details: { by_mutation: { direct: {}, leetspeak: {} } } })],
      [red('direct', 1), red('direct', 2), red('leetspeak', 1), red('leetspeak', 2)],
    );
    const line = runStory(sampled).sampling;
    assert.equal(line.length, 1);
    assert.match(
      line[0] ?? '',
      /^red_team: tried 2 of \d+ mutators on each attack \(profile: smoke\); set profile: red_team_heavy or volumes\.attack_mutators$/,
    );
    const explicit = { ...sampled, inputs: { ...sampled.inputs, volumes: { attack_mutators: 2 } } };
    assert.match(runStory(explicit).sampling[0] ?? '', /\(volumes\.attack_mutators: 2\); raise volumes\.attack_mutators$/);
    const named = {
      ...sampled,
      inputs: { ...sampled.inputs, suite_options: { red_team: { mutators: ['direct' as const, 'leetspeak' as const] } } },
    };
    assert.deepEqual(runStory(named).sampling, [], 'mutators the profile names are not a sample');
  });

  it('says when performance times only the first questions of the qaset, and why', () => {
    const timed = result([summary({ suite: 'performance', status: 'passed', total: 4 })], [], {
      options: { profile_preset: 'smoke', volumes: { qa_sample_size: 2, perf_repeats: 2 } },
    });
    assert.deepEqual(runStory(timed, { records: { qaset: 8 } }).sampling, [
      'performance: timed 2 of 8 questions, 2 rounds each (profile: smoke); set profile: full or volumes.qa_sample_size',
    ]);
    const explicit = { ...timed, inputs: { ...timed.inputs, volumes: { qa_sample_size: 2 } } };
    assert.match(
      runStory(explicit, { records: { qaset: 8 } }).sampling[0] ?? '',
      /\(volumes\.qa_sample_size: 2\); raise volumes\.qa_sample_size$/,
    );
    assert.deepEqual(runStory(timed, { records: { qaset: 2 } }).sampling, [], 'every question timed: nothing sampled');
  });
});
