import type { SuiteName } from '../model/suiteNames';
import { isSuiteName, SUITE_NAMES } from '../model/suiteNames';
import type { InputSchema } from './agentTool';
import { ToolInputError } from './agentTool';

/** The JSON Schema of a `suites` input. */
export const SUITES_SCHEMA = {
  type: 'array',
  items: { type: 'string', enum: [...SUITE_NAMES] },
  minItems: 1,
  uniqueItems: true,
  description: `Suites to use instead of the profile's own: ${SUITE_NAMES.join(', ')}.`,
} as const;

/** The JSON Schema of the input of a tool that takes a profile and, optionally, suites. */
export const PROFILE_AND_SUITES_SCHEMA: InputSchema = {
  type: 'object',
  properties: {
    profile: { type: 'string', description: 'The run profile, relative to the workspace folder (e.g. aiqk.yaml).' },
    suites: SUITES_SCHEMA,
  },
  required: ['profile'],
  additionalProperties: false,
};

/** The suites asked for, checked; undefined when none were given. */
export function suitesOf(given: readonly string[] | undefined): SuiteName[] | undefined {
  if (given === undefined) return undefined;
  const bad = given.filter((s) => !isSuiteName(s));
  if (bad.length > 0)
    throw new ToolInputError(
      `suites: ${bad.join(', ')} ${bad.length === 1 ? 'is not a suite' : 'are not suites'}; the suites are ${SUITE_NAMES.join(', ')}`,
    );
  if (given.length === 0) throw new ToolInputError("suites: name at least one suite, or leave it out to use the profile's");
  return [...new Set(given)] as SuiteName[];
}
