import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { streamedJunitReportChunks, toJunitXml } from '../../../src/engine/report/junitReport';
import { CaseSpill, readCaseSpill } from '../../../src/engine/run/caseSpill';
import type { RunResult } from '../../../src/engine/model/runTypes';
import { assemble, makeCase, sampleResult } from './fixtures';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

describe('JUnit report streamed from a case spill', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-junit-stream-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function streamed(result: RunResult): Promise<string> {
    const file = path.join(dir, `${result.run.id}.cases.jsonl`);
    const spill = new CaseSpill(file);
    for (const c of result.cases) spill.write(c);
    await spill.close();
    let reads = 0;
    const xml = await text(
      streamedJunitReportChunks({ ...result, cases: [] }, () => {
        reads++;
        return readCaseSpill(file);
      }),
    );
    // One pass to count, then one per suite that has cases.
    assert.equal(reads, 1 + new Set(result.cases.map((c) => c.suite)).size);
    return xml;
  }

  const noDurations = (r: RunResult): RunResult => {
    const suites = Object.fromEntries(
      Object.entries(r.summary.suites).map(([k, s]) => {
        const { duration_ms: _d, ...rest } = s;
        return [k, rest];
      }),
    );
    return { ...r, summary: { ...r.summary, suites } };
  };

  const results: [string, () => RunResult][] = [
    ['passed, failed, errored and cancelled cases', sampleResult],
    ['a cancelled run', () => assemble(sampleResult().cases.slice(0, 2), { status: 'cancelled' })],
    ['a run in error without cases', () => assemble([], { status: 'error' })],
    ['suites without recorded durations (the span of their cases)', () => noDurations(sampleResult())],
    [
      '500 cases of two suites',
      () =>
        assemble(
          Array.from({ length: 500 }, (_, i) =>
            makeCase(i < 300 ? 'rag_quality' : 'red_team', `c${i}`, i % 7 === 0 ? 'failed' : i % 11 === 0 ? 'error' : 'passed'),
          ),
        ),
    ],
  ];
  for (const [what, make] of results) {
    it(`is the same text as the report built in memory: ${what}`, async () => {
      const result = make();
      assert.equal(await streamed(result), await toJunitXml(result));
    });
  }
});
