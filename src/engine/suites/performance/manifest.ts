// performance: what the suite is, what it needs, what it is judged by.
import type { SuiteManifest } from '../../model/suiteManifest';

/** The performance suite described as data. */
export const performanceManifest = {
  name: 'performance',
  label: 'Performance',
  description: 'Latency p95, time to first token and error rate',
  aliases: ['performance', 'perf', 'latency', 'speed', 'load', 'timing'],
  data: { required: [], optional: ['qaset', 'schema'] },
  thresholds: [
    {
      key: 'p95_ms_max',
      metric: 'p95_ms',
      direction: 'max',
      default: 5000,
      unit: 'ms',
      doc: '95th percentile latency of successful calls, in milliseconds.',
    },
    {
      key: 'error_rate_max',
      metric: 'error_rate',
      direction: 'max',
      default: 0.01,
      unit: 'ratio',
      doc: 'Share of calls that failed.',
    },
    {
      key: 'ttft_p95_ms_max',
      metric: 'ttft_p95_ms',
      direction: 'max',
      default: 2000,
      unit: 'ms',
      doc: '95th percentile time to first token (streaming targets only; unmeasured otherwise, which does not fail the suite).',
    },
  ],
} as const satisfies SuiteManifest;
