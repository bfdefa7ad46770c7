// The one table of suites, in the order runs execute them. Adding a suite adds its
// manifest here (and its behaviour to registry.ts); every other table about suites
// (requirements, thresholds, the wizard's catalog, the schema's threshold keys, the
// report view's labels, the XLSX detail sheets) is derived from these manifests.
import type { SuiteManifest } from '../model/suiteManifest';
import type { SuiteName } from '../model/suiteNames';
import { biasSmokeManifest } from './biasSmoke/manifest';
import { complianceSmokeManifest } from './complianceSmoke/manifest';
import { performanceManifest } from './performance/manifest';
import { ragQualityManifest } from './ragQuality/manifest';
import { redTeamManifest } from './redTeam/manifest';
import { regressionManifest } from './regression/manifest';
import { resilienceManifest } from './resilience/manifest';
import { safetyManifest } from './safety/manifest';

/** Every suite's manifest, in run order. */
export const SUITE_MANIFESTS = [
  ragQualityManifest,
  redTeamManifest,
  safetyManifest,
  performanceManifest,
  regressionManifest,
  resilienceManifest,
  complianceSmokeManifest,
  biasSmokeManifest,
] as const satisfies readonly SuiteManifest[];

/** A threshold key of the run profile: a typo in a suite's lookup is a compile error. */
export type ThresholdKey = (typeof SUITE_MANIFESTS)[number]['thresholds'][number]['key'];

/** The value of every threshold of a run, by key. */
export type ThresholdValues = Record<ThresholdKey, number>;

const BY_NAME = new Map<SuiteName, SuiteManifest>(SUITE_MANIFESTS.map((m) => [m.name, m]));

/** The manifest of a suite. Every suite name has one (a unit test checks the table against SUITE_NAMES). */
export function manifestOf(name: SuiteName): SuiteManifest {
  const manifest = BY_NAME.get(name);
  if (!manifest) throw new Error(`suite ${name} has no manifest`);
  return manifest;
}

/** A table keyed by suite name, one value picked from each manifest (the requirements, the wizard's catalog…). */
export function bySuite<T>(pick: (manifest: SuiteManifest) => T): Record<SuiteName, T> {
  return Object.fromEntries(SUITE_MANIFESTS.map((m) => [m.name, pick(m)])) as Record<SuiteName, T>;
}
