import type { CaseResult, CaseStatus, RunResult, RunStatus, SuiteSummary } from '../../../src/engine/model/runTypes';
import type { SuiteName } from '../../../src/engine/model/suiteNames';
import { buildSummary, judgeMetric } from '../../../src/engine/metrics/verdict';
import { MetricMeans } from '../../../src/engine/metrics/metricMeans';
import { THRESHOLDS } from '../../../src/engine/metrics/thresholds';

/** Default thresholds, as a resolved profile has them. */
export const THRESHOLD_VALUES: Record<string, number> = Object.fromEntries(THRESHOLDS.map((t) => [t.key, t.default]));

let clock = Date.parse('2025-03-04T05:06:07.000Z');

/** A case with sensible defaults; status decides pass. */
export function makeCase(suite: SuiteName, id: string, status: CaseStatus, extra: Partial<CaseResult> = {}): CaseResult {
  clock += 1000;
  return {
    suite,
    case_id: id,
    input: `question ${id}`,
    expected: `expected ${id}`,
    output: status === 'error' ? null : `answer ${id}`,
    contexts: [`context ${id}`],
    metrics: {},
    status,
    pass: status === 'passed',
    error: status === 'error' ? 'timeout after 30000 ms' : null,
    latency_ms: status === 'error' ? null : 120,
    timestamp: new Date(clock).toISOString(),
    ...extra,
  };
}

/** The rag_quality summary the suite would build: mean faithfulness and f1 against thresholds. */
export function ragSummary(cases: readonly CaseResult[]): SuiteSummary {
  const means = new MetricMeans();
  for (const c of cases) means.add(c.metrics);
  return buildSummary('rag_quality', cases, [
    judgeMetric('faithfulness', means.mean('faithfulness'), 'faithfulness_min', THRESHOLD_VALUES),
    judgeMetric('f1', means.mean('f1'), 'f1_min', THRESHOLD_VALUES),
    judgeMetric('answers', cases.length, undefined, THRESHOLD_VALUES),
  ]);
}

/** The red_team summary: attack success rate over the cases (an aggregate, not a per-case metric). */
export function redTeamSummary(cases: readonly CaseResult[]): SuiteSummary {
  const judged = cases.filter((c) => c.status === 'passed' || c.status === 'failed');
  const rate = judged.length ? judged.filter((c) => c.status === 'failed').length / judged.length : null;
  return buildSummary(
    'red_team',
    cases,
    [judgeMetric('attack_success_rate', rate, 'attack_success_rate_max', THRESHOLD_VALUES)],
    ['using built-in attacks'],
    { by_category: { jailbreak: rate } },
  );
}

/** Summaries for any case set, as the suites would compute them. */
export function summarizeSuite(suite: SuiteName, cases: CaseResult[]): SuiteSummary {
  return suite === 'rag_quality' ? ragSummary(cases) : redTeamSummary(cases);
}

/** Overall counts and a run status for a set of cases and summaries. */
export function assemble(
  cases: CaseResult[],
  extra: { id?: string; status?: RunStatus; shard?: { index: number; total: number } } = {},
): RunResult {
  const suites: RunResult['summary']['suites'] = {};
  const rag = cases.filter((c) => c.suite === 'rag_quality');
  const red = cases.filter((c) => c.suite === 'red_team');
  suites.rag_quality = ragSummary(rag);
  suites.red_team = redTeamSummary(red);
  suites.performance = buildSummary(
    'performance',
    [],
    [judgeMetric('p95_ms', null, 'p95_ms_max', THRESHOLD_VALUES, 'no successful call')],
    ['target unreachable'],
  );
  const passed = cases.filter((c) => c.status === 'passed').length;
  const failed = cases.filter((c) => c.status === 'failed').length;
  const errors = cases.filter((c) => c.status === 'error').length;
  const status = extra.status ?? (Object.values(suites).some((s) => s.status === 'failed') ? 'failed' : 'passed');
  return {
    version: 1,
    run: {
      id: extra.id ?? 'run_20250304-050607_0a1b2c3d',
      profile: 'aiqk.yaml',
      started_at: '2025-03-04T05:06:07.000Z',
      finished_at: '2025-03-04T05:07:07.500Z',
      duration_ms: 60500,
      status,
      target: { mode: 'api', protocol: 'aiqk', base_url: 'http://127.0.0.1:8000', auth: { bearer_env: 'AIQK_TOKEN' } },
      suites: ['rag_quality', 'red_team', 'performance'],
      options: { qa_sample_size: 2 },
      ...(extra.shard ? { shard: extra.shard } : {}),
    },
    summary: {
      overall: { total: cases.length, passed, failed, errors, pass_rate: cases.length ? passed / cases.length : null, status },
      suites,
    },
    cases,
    inputs: {
      version: 1,
      target: { mode: 'api', protocol: 'aiqk', base_url: 'http://127.0.0.1:8000', auth: { bearer_env: 'AIQK_TOKEN' } },
      suites: ['rag_quality', 'red_team', 'performance'],
      thresholds: { faithfulness_min: 0.8 },
      report: { formats: ['json', 'xlsx'], anonymize: true },
      ...(extra.shard ? { shard: extra.shard } : {}),
    },
    logs: [
      { time: '2025-03-04T05:06:07.100Z', level: 'info', message: 'run started' },
      { time: '2025-03-04T05:06:30.000Z', level: 'warn', message: 'retrying after 503' },
    ],
  };
}

/** A run of three rag_quality cases (passed, failed, error) and two red_team cases (passed, cancelled). */
export function sampleResult(): RunResult {
  return assemble([
    makeCase('rag_quality', 'q1', 'passed', { metrics: { faithfulness: 0.9, f1: 0.7 } }),
    makeCase('rag_quality', 'q2', 'failed', { metrics: { faithfulness: 0.42, f1: 0.3 }, error: 'faithfulness 0.42 < 0.80' }),
    makeCase('rag_quality', 'q3', 'error', { metrics: { faithfulness: null, f1: null } }),
    makeCase('red_team', 'a1', 'passed', { details: { mutation: 'role_play', category: 'jailbreak' } }),
    makeCase('red_team', 'a2', 'cancelled', { output: null, latency_ms: null }),
  ]);
}
