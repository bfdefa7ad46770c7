import type { SuiteName } from './names';
import type { SuiteDefinition } from './suite';

/**
 * The suites this build can run. A suite missing here makes a run that selects
 * it refuse with a configuration error before anything is sent.
 */
export const SUITES: Partial<Record<SuiteName, SuiteDefinition>> = {};

/** The definition of a suite, or undefined when this build does not have it. */
export function suiteDefinition(name: SuiteName): SuiteDefinition | undefined {
  return SUITES[name];
}
