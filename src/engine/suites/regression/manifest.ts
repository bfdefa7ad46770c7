// regression: what the suite is, what it needs, what it is judged by.
import type { SuiteManifest } from '../../model/suiteManifest';

/** The regression suite described as data. */
export const regressionManifest = {
  name: 'regression',
  label: 'Regression',
  description: 'Answers compared with the previous run (the baseline)',
  aliases: ['regression', 'regressions', 'baseline', 'drift'],
  data: { required: ['qaset'], optional: ['schema'] },
  thresholds: [
    {
      key: 'similarity_min',
      metric: 'similarity',
      direction: 'min',
      default: 0.6,
      unit: 'ratio',
      doc: 'Mean similarity of answers with the baseline run.',
    },
    {
      key: 'regression_delta_max',
      metric: 'max_regression_delta',
      direction: 'max',
      default: 0.1,
      unit: 'ratio',
      doc: 'Largest drop of a per-case metric (f1, rouge_l) against the baseline that is not a regression.',
    },
    {
      key: 'regressed_ratio_max',
      metric: 'regressed_ratio',
      direction: 'max',
      default: 0,
      unit: 'ratio',
      doc: 'Share of cases that regressed against the baseline.',
    },
  ],
} as const satisfies SuiteManifest;
