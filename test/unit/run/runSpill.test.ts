import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaseSpill, readCaseSpill } from '../../../src/engine/run/caseSpill';
import { startRun } from '../../../src/engine/run/startRun';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import type { SuiteDefinition } from '../../../src/engine/suites/suite';
import { collectingFold } from '../../../src/engine/suites/suite';
import { makeWorkspace } from './runFixtures';
import type { Workspace } from './runFixtures';

async function spilled(file: string): Promise<CaseResult[]> {
  const cases: CaseResult[] = [];
  for await (const c of readCaseSpill(file)) cases.push(c);
  return cases;
}

/** A suite without I/O whose cases finish out of order (case i waits i mod 5 ms); `failAt` cases throw. */
function shuffledSuite(count: number, failAt: ReadonlySet<number> = new Set()): SuiteDefinition {
  return {
    name: 'performance',
    title: 'cases finishing out of order',
    plan: async () => Array.from({ length: count }, (_, i) => ({ id: `c${i}`, input: `question ${i}`, payload: i })),
    runCase: async (p) => {
      const i = p.payload as number;
      await sleep((count - i) % 5);
      if (failAt.has(i)) throw new Error(`case ${i} broke`);
      return {
        suite: 'performance',
        case_id: p.id,
        input: p.input,
        expected: null,
        output: `answer ${i}`,
        contexts: [],
        metrics: {},
        status: 'passed',
        pass: true,
        error: null,
        latency_ms: 0,
        timestamp: '',
      };
    },
    summarizer: () =>
      collectingFold((cases) => ({
        suite: 'performance',
        status: 'passed',
        total: cases.length,
        passed: cases.length,
        failed: 0,
        errors: 0,
        metrics: [],
        notes: [],
      })),
  };
}

describe('a run spilling its finished cases', () => {
  let ws: Workspace;
  let dir: string;
  before(async () => {
    ws = await makeWorkspace(1);
  });
  after(() => ws.remove());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-run-spill-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const builtin = (concurrency: number) =>
    ws.profile({ version: 1, target: { mode: 'builtin' }, suites: ['performance'], use_defaults: true, volumes: { concurrency } });

  it('writes every finished case, in plan order, the same as the result', async () => {
    const file = path.join(dir, 'run.cases.jsonl');
    const handle = startRun(await builtin(16), {
      definitions: { performance: shuffledSuite(500, new Set([3, 250])) },
      spill: new CaseSpill(file),
    });
    const result = await handle.result;
    assert.equal(result.cases.length, 500);
    const cases = await spilled(file);
    assert.deepEqual(cases, result.cases);
    assert.deepEqual(
      cases.slice(0, 5).map((c) => c.case_id),
      ['c0', 'c1', 'c2', 'c3', 'c4'],
    );
    assert.equal(cases[3].status, 'error', 'an errored case is spilled like any other');
  });

  it('keeps exactly the finished cases of a cancelled run', async () => {
    const file = path.join(dir, 'run.cases.jsonl');
    const handle = startRun(await builtin(8), { definitions: { performance: shuffledSuite(400) }, spill: new CaseSpill(file) });
    handle.events.onEvent((e) => {
      if (e.type === 'case-finished' && e.done === 50) handle.cancel('enough');
    });
    const result = await handle.result;
    assert.equal(result.run.status, 'cancelled');
    assert.ok(result.cases.length >= 50 && result.cases.length < 400, `${result.cases.length} cases kept`);
    assert.deepEqual(await spilled(file), result.cases);
  });

  it('keeps a window of the cases in memory when more finish than it holds: the first ones, then those that did not pass', async () => {
    const file = path.join(dir, 'run.cases.jsonl');
    const errored = new Set([1, 120, 150, 310]);
    const handle = startRun(await builtin(8), {
      definitions: { performance: shuffledSuite(400, errored) },
      spill: new CaseSpill(file),
      keptCases: 100,
    });
    const result = await handle.result;
    const all = await spilled(file);
    assert.equal(all.length, 400, 'the spill holds every case');
    assert.equal(result.summary.overall.total, 400);
    assert.equal(result.summary.overall.errors, 4);
    assert.equal(result.summary.suites.performance?.total, 400);
    assert.deepEqual(
      result.cases.map((c) => c.case_id),
      [...all.slice(0, 100), ...all.slice(100).filter((c) => c.status !== 'passed')].map((c) => c.case_id),
    );
    assert.ok(result.logs.some((l) => /400 cases: the reports hold every one; 103 are kept in memory/.test(l.message)));
  });

  it('still finishes the run when the spill cannot be written, and says why', async () => {
    const file = path.join(dir, 'missing-folder', 'run.cases.jsonl');
    const handle = startRun(await builtin(4), { definitions: { performance: shuffledSuite(20) }, spill: new CaseSpill(file) });
    const result = await handle.result;
    assert.equal(result.run.status, 'passed');
    assert.equal(result.cases.length, 20);
    assert.ok(
      result.logs.some((l) => l.level === 'warn' && /the case spill .*run\.cases\.jsonl could not be written/.test(l.message)),
      JSON.stringify(result.logs),
    );
  });
});
