import type { QaRecord } from '../../model/dataRecords';
import type { SuiteDefinition } from '../suite';
import type { PlannedCases } from '../../model/runTypes';
import type { PerfCaseDetails } from './performanceSummary';
import { describeFailures, judgeMetric } from '../../metrics/verdict';
import { performanceFold } from './performanceSummary';
import { sampleQaset, targetErrorCase } from '../ragQuality/ragQualityPlan';

/** Questions timed when there is no qaset (none in the profile and defaults off). */
export const PERFORMANCE_FALLBACK_QUESTIONS: readonly QaRecord[] = [
  { qid: 'perf-1', question: 'In one sentence, what can you help me with?', expected_answer: '', line: 0 },
  { qid: 'perf-2', question: 'Summarise the main topic of your knowledge base in two sentences.', expected_answer: '', line: 0 },
  { qid: 'perf-3', question: 'List three facts you know about this domain.', expected_answer: '', line: 0 },
];

/** A timed call: which question, which round, and whether it is the question's first (cold) call. */
export interface PerfPayload {
  qid: string;
  question: string;
  round: number;
  phase: 'cold' | 'warm';
}

/**
 * Plans `perf_repeats` rounds over the first `qa_sample_size` questions, round by
 * round, so each question's first call (round 1, cold) runs before its repeats (warm).
 * Cases are made by position when asked: 300,000 repeats hold no list.
 */
export function planPerformance(questions: readonly QaRecord[], repeats: number, sampleSize: number): PlannedCases<PerfPayload> {
  const sample = sampleQaset(questions, sampleSize);
  const length = Math.max(1, Math.floor(repeats)) * sample.length;
  return {
    length,
    at(index) {
      if (!Number.isInteger(index) || index < 0 || index >= length) return undefined;
      const round = Math.floor(index / sample.length) + 1;
      const q = sample[index % sample.length] as QaRecord;
      return {
        id: `performance:r${round}:${q.qid}`,
        input: q.question,
        expected: null,
        payload: { qid: q.qid, question: q.question, round, phase: round === 1 ? 'cold' : 'warm' },
      };
    },
  };
}

/**
 * performance: every call is timed, never retried. A case passes when the call
 * succeeds within p95_ms_max; the suite compares p95 latency, p95 time to first
 * token (streaming targets) and the error rate with their thresholds, and reports
 * p50/p90/p99, mean, cold vs warm percentiles and throughput. Cases run one at a
 * time so a latency is the target's, not our own queueing.
 */
export const performanceSuite: SuiteDefinition<PerfPayload, void> = {
  name: 'performance',
  title: 'Performance: latency percentiles (cold and warm), time to first token, throughput and error rate',
  sequential: true,

  async plan(ctx) {
    const qaset = await ctx.data.get('qaset');
    const questions = qaset.length > 0 ? qaset : PERFORMANCE_FALLBACK_QUESTIONS;
    const sampled = sampleQaset(questions, ctx.profile.volumes.qa_sample_size).map((q) => q.qid);
    const repeated = sampled.length - new Set(sampled).size;
    if (repeated > 0)
      ctx.log('warn', `${repeated} sampled questions repeat a qid: their calls share case ids, which shards and merges may mix up`);
    return planPerformance(questions, ctx.profile.volumes.perf_repeats, ctx.profile.volumes.qa_sample_size);
  },

  async runCase(planned, ctx) {
    const { qid, question, round, phase } = planned.payload;
    const startedAt = Date.now();
    const result = await ctx.target.ask({ question, signal: ctx.signal, noRetry: true });
    const endedAt = Date.now();
    const timing: PerfCaseDetails = {
      round,
      qid,
      phase,
      started_at_ms: startedAt,
      ended_at_ms: endedAt,
      ...(result.meta.perfPhase ? { server_phase: result.meta.perfPhase } : {}),
      ...(result.meta.source ? { source: result.meta.source } : {}),
      ...(result.meta.serverLatencyMs !== undefined ? { server_latency_ms: result.meta.serverLatencyMs } : {}),
    };
    if (!result.ok) return targetErrorCase('performance', planned, result, { latency_ms: result.latencyMs, ttft_ms: null }, { ...timing });
    const verdict = judgeMetric('latency_ms', result.latencyMs, 'p95_ms_max', ctx.profile.thresholds);
    const failure = describeFailures([verdict]);
    return {
      suite: 'performance',
      case_id: planned.id,
      input: question,
      expected: null,
      output: result.answer,
      contexts: result.contexts,
      metrics: { latency_ms: result.latencyMs, ttft_ms: result.ttftMs ?? null },
      status: failure ? 'failed' : 'passed',
      pass: failure === null,
      error: failure,
      latency_ms: result.latencyMs,
      timestamp: new Date(endedAt).toISOString(),
      details: { ...timing },
    };
  },

  summarizer(ctx) {
    const notes: string[] = [];
    if (!ctx.data.isProvided('qaset')) notes.push('timing built-in questions (no qaset in the profile)');
    return performanceFold(ctx.profile.thresholds, notes);
  },
};
