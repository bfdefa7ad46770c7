// The threshold table, derived from the suites' manifests: the suites, the README,
// the schema (scripts/genThresholdSchema.mjs) and the wizard all read it.
import type { SuiteName } from '../model/suiteNames';
import type { ThresholdDeclaration } from '../model/suiteManifest';
import type { ThresholdKey, ThresholdValues } from '../suites/manifests';
import { SUITE_MANIFESTS } from '../suites/manifests';

/** A threshold key of the run profile (`thresholds:`), with its default, meaning and owning suite. */
export interface ThresholdSpec extends ThresholdDeclaration {
  key: ThresholdKey;
  /** The suite whose manifest declares it. */
  suite: SuiteName;
}

/** Every threshold with its documented default, suite by suite in run order. */
export const THRESHOLDS: readonly ThresholdSpec[] = SUITE_MANIFESTS.flatMap((m) =>
  m.thresholds.map((t): ThresholdSpec => ({ ...t, suite: m.name })),
);

const BY_KEY = new Map<string, ThresholdSpec>(THRESHOLDS.map((t) => [t.key, t]));

/** The threshold spec of a key, if it exists. */
export function thresholdSpec(key: string): ThresholdSpec | undefined {
  return BY_KEY.get(key);
}

/** Whether a string is a threshold key. */
export function isThresholdKey(key: string): key is ThresholdKey {
  return BY_KEY.has(key);
}

/** Every threshold at its default value. */
export function defaultThresholdValues(): ThresholdValues {
  return Object.fromEntries(THRESHOLDS.map((t) => [t.key, t.default])) as ThresholdValues;
}
