import type { SuiteName } from '../model/suiteNames';
import type { SuiteDefinition } from './suite';
import { biasSmokeSuite } from './biasSmoke/bias';
import { complianceSmokeSuite } from './complianceSmoke/compliance';
import { performanceSuite } from './performance/performance';
import { ragQualitySuite } from './ragQuality/ragQuality';
import { redTeamSuite } from './redTeam/redTeam';
import { regressionSuite } from './regression/regression';
import { resilienceSuite } from './resilience/resilience';
import { safetySuite } from './safety/safety';

/**
 * The suites this build can run. A suite missing here makes a run that selects
 * it refuse with a configuration error before anything is sent.
 */
export const SUITES: Partial<Record<SuiteName, SuiteDefinition>> = {
  rag_quality: ragQualitySuite as SuiteDefinition,
  red_team: redTeamSuite as SuiteDefinition,
  safety: safetySuite as SuiteDefinition,
  performance: performanceSuite as SuiteDefinition,
  regression: regressionSuite as SuiteDefinition,
  resilience: resilienceSuite as SuiteDefinition,
  compliance_smoke: complianceSmokeSuite as SuiteDefinition,
  bias_smoke: biasSmokeSuite as SuiteDefinition,
};

/** The definition of a suite, or undefined when this build does not have it. */
export function suiteDefinition(name: SuiteName): SuiteDefinition | undefined {
  return SUITES[name];
}
