import { formatProblem } from '../model/problem';
import { validatePaths } from '../prepare/validatePaths';
import type { AgentTool, ToolContext, ToolResult } from './agentTool';
import { DEFAULT_MAX_CHARS } from './agentTool';
import { PROFILE_AND_SUITES_SCHEMA, suitesOf } from './suitesInput';
import { capLines } from './textCap';
import { resolveInWorkspace, shownPath } from './workspacePath';

/** Input of validate_profile. */
export interface ValidateProfileInput {
  profile: string;
  suites?: string[];
}

async function validateProfile(input: ValidateProfileInput, context: ToolContext): Promise<ToolResult> {
  const root = context.workspaceRoot;
  const file = await resolveInWorkspace(root, input.profile, 'profile');
  const suites = suitesOf(input.suites);
  // The check of `aiqk validate`: the same problems, at the same places.
  const result = await validatePaths([file], { ...(suites ? { suites } : {}), ...(context.signal ? { signal: context.signal } : {}) });
  if (result.profiles.length === 0)
    return { text: `${shownPath(root, file)} is not a run profile (aiqk.yaml, *.aiqk.yaml)`, isError: true };
  const count = (s: string) => result.problems.filter((p) => p.severity === s).length;
  const errors = count('error');
  const head = `${shownPath(root, file)} and its datasets: ${errors} error(s), ${count('warning')} warning(s), ${count('information')} note(s). ${errors > 0 ? 'It cannot run until the errors are fixed.' : 'Nothing stops it from running.'}`;
  const lines = [head, ...result.problems.map((p) => formatProblem(p, shownPath(root, p.file)))];
  return { text: capLines(lines, context.maxChars ?? DEFAULT_MAX_CHARS, 'fix the problems shown and validate again') };
}

/** validate_profile: the located problems of a profile and its datasets, as `aiqk validate` prints them. */
export const VALIDATE_PROFILE_TOOL: AgentTool<ValidateProfileInput> = {
  name: 'validate_profile',
  title: 'Validate a run profile',
  description:
    "Checks an AI Quality Kit run profile and every dataset it references, as `aiqk validate` and the editor's Problems panel do. Returns a count of errors and warnings, then one problem a line as file:line:col: severity: message [code]. Nothing is sent to the target.",
  inputSchema: PROFILE_AND_SUITES_SCHEMA,
  readOnly: true,
  async describeInvocation(input) {
    return { message: `Validate ${input.profile} and its datasets` };
  },
  invoke: validateProfile,
};
