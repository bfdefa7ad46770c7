import { findProfiles } from '../config/findProfiles';
import { prepareRun } from '../prepare/prepareRun';
import type { PrepareOutcome } from '../prepare/preparedRun';
import { describeTarget } from '../targets/describeTarget';
import type { AgentTool, ToolContext, ToolResult } from './agentTool';
import { DEFAULT_MAX_CHARS } from './agentTool';
import { reportsOfProfile } from '../report/profileReports';
import { AGENT_RUN_OPTIONS } from './runOptions';
import { capLines } from './textCap';
import { resolveInWorkspace, shownPath } from './workspacePath';

/** Input of list_profiles. */
export interface ListProfilesInput {
  folder?: string;
}

async function describeProfile(root: string, file: string): Promise<string[]> {
  const outcome: PrepareOutcome = await prepareRun(file, { workspaceRoot: root, ...AGENT_RUN_OPTIONS });
  const name = shownPath(root, file);
  if (!outcome.ok) {
    const r = outcome.refusal;
    const status = r.kind === 'blocked' ? 'blocked' : 'invalid';
    return [`- ${name}: ${status}: ${r.message}`, ...r.reasons.slice(0, 5).map((reason) => `    ${reason}`)];
  }
  const run = outcome.run;
  const lines = [
    `- ${name}: ready to run: ${run.suites.join(', ')} against ${describeTarget(run.profile.raw.target)}`,
    `    reports in ${shownPath(root, run.profile.report.dir)}`,
  ];
  const missing = run.gate.matrix.filter((r) => r.status === 'using_defaults');
  if (missing.length > 0) lines.push(`    built-in data used for: ${[...new Set(missing.map((r) => r.kind))].join(', ')}`);
  for (const w of run.warnings.slice(0, 3)) lines.push(`    warning: ${w}`);
  const [latest] = await reportsOfProfile(run.profile.report.dir, file, 1);
  if (latest) lines.push(`    latest report: ${shownPath(root, latest.file)} (${latest.status ?? 'status unknown'})`);
  return lines;
}

async function listProfiles(input: ListProfilesInput, context: ToolContext, maxChars: number): Promise<ToolResult> {
  const root = context.workspaceRoot;
  const folder = input.folder !== undefined ? await resolveInWorkspace(root, input.folder, 'folder') : root;
  const { files } = await findProfiles([folder]);
  if (files.length === 0)
    return {
      text: `No run profile (aiqk.yaml or *.aiqk.yaml) in ${shownPath(root, folder)}. Create one with the setup wizard or copy examples/demo/aiqk.yaml.`,
    };
  const lines = [`${files.length} run profile${files.length === 1 ? '' : 's'} in ${shownPath(root, folder)}:`];
  for (const file of files) {
    context.signal?.throwIfAborted();
    lines.push(...(await describeProfile(root, file)));
  }
  return { text: capLines(lines, maxChars, 'give `folder` to list fewer profiles') };
}

/** list_profiles: the workspace's run profiles and whether each may run (the requirements gate of `aiqk requirements`). */
export const LIST_PROFILES_TOOL: AgentTool<ListProfilesInput> = {
  name: 'list_profiles',
  title: 'List run profiles',
  description:
    'Lists the AI Quality Kit run profiles (aiqk.yaml, *.aiqk.yaml) of the workspace with their status: ready to run (its suites, its target, its report folder, its latest report), blocked (required data missing) or invalid (errors; use validate_profile for their locations). Call this first to find the profile to validate, run or read.',
  inputSchema: {
    type: 'object',
    properties: {
      folder: {
        type: 'string',
        description: 'Only profiles under this folder (relative to the workspace folder). Default: the whole workspace.',
      },
    },
    additionalProperties: false,
  },
  readOnly: true,
  async describeInvocation(input) {
    return { message: `List the run profiles in ${input.folder ?? 'the workspace'} and whether each may run` };
  },
  invoke: (input, context) => listProfiles(input, context, context.maxChars ?? DEFAULT_MAX_CHARS),
};
