// A large report written by the engine's own streaming writer, holding one case
// at a time: performance-like cases of three suites mixed, some failing, some
// erroring. Used by the case index tests (20,000 cases) and the report-open bench (300,000).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CaseResult, CaseStatus } from '../../../src/engine/model/runTypes';
import type { SuiteName } from '../../../src/engine/model/suiteNames';
import { streamedJsonReportChunks } from '../../../src/engine/report/jsonReport';
import { assemble } from './fixtures';

const SUITES: SuiteName[] = ['performance', 'performance', 'performance', 'rag_quality', 'red_team'];

/** The i-th case of a big report (deterministic). */
export function bigCase(i: number): CaseResult {
  const suite = SUITES[i % SUITES.length] as SuiteName;
  const status: CaseStatus = i % 97 === 5 ? 'error' : i % 13 === 4 ? 'failed' : i % 211 === 7 ? 'inconclusive' : 'passed';
  const latency = status === 'error' ? null : ((i * 7919) % 4000) / 4 + 12.5;
  return {
    suite,
    case_id: `${suite}:r${1 + (i % 3)}:q${String(i).padStart(6, '0')}`,
    input: `What is the policy number ${i} about refunds for order ${(i * 31) % 9973}?`,
    expected: suite === 'rag_quality' ? `Refunds within ${i % 30} days` : null,
    output:
      status === 'error'
        ? null
        : `Refunds for order ${(i * 31) % 9973} are accepted within ${i % 30} days of delivery, as policy ${i} says. The refund is paid to the original payment method within five business days of the return being received.`,
    contexts: suite === 'rag_quality' ? [`Policy ${i}: refunds are accepted within ${i % 30} days.`] : [],
    metrics: { latency_ms: latency },
    status,
    pass: status === 'passed',
    error: status === 'error' ? 'timeout after 30000 ms' : status === 'failed' ? `latency ${latency} ms over the limit` : null,
    latency_ms: latency,
    duration_ms: latency === null ? 30000 : latency + 1,
    timestamp: new Date(Date.UTC(2026, 0, 1) + i * 10).toISOString(),
  };
}

async function* bigCases(n: number, first = 0): AsyncGenerator<CaseResult> {
  for (let i = first; i < first + n; i++) yield bigCase(i);
}

/** Writes a report of `n` cases to `file` with the engine's streaming writer; as shard `shard` of a run, its cases from `first` on. */
export async function writeBigReport(file: string, n: number, shard?: { index: number; total: number; first: number }): Promise<void> {
  const head = assemble([bigCase(0), bigCase(3), bigCase(4)], shard ? { shard: { index: shard.index, total: shard.total } } : {});
  const first = shard?.first ?? 0;
  const counts = { passed: 0, failed: 0, errors: 0 };
  for (let i = first; i < first + n; i++) {
    const s = bigCase(i).status;
    if (s === 'passed') counts.passed++;
    else if (s === 'failed') counts.failed++;
    else if (s === 'error') counts.errors++;
  }
  head.summary.overall = { ...head.summary.overall, total: n, ...counts, pass_rate: n ? counts.passed / n : null };
  const out = createWriteStream(file);
  for await (const chunk of streamedJsonReportChunks(head, bigCases(n, first), { anonymize: false }))
    if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
