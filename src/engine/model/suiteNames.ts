/** Every quality suite, in the order runs execute them. */
export const SUITE_NAMES = [
  'rag_quality',
  'red_team',
  'safety',
  'performance',
  'regression',
  'resilience',
  'compliance_smoke',
  'bias_smoke',
] as const;

/** One quality suite's name. */
export type SuiteName = (typeof SUITE_NAMES)[number];

/** Whether a string names a suite. */
export function isSuiteName(value: string): value is SuiteName {
  return (SUITE_NAMES as readonly string[]).includes(value);
}
