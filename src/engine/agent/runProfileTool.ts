import * as path from 'node:path';
import type { RunProfile } from '../model/profileTypes';
import type { PreparedRun } from '../prepare/preparedRun';
import { prepareRun } from '../prepare/prepareRun';
import { anonymizeResult } from '../report/anonymize';
import { runAndWriteReports } from '../run/runAndWriteReports';
import { describeTarget } from '../targets/describeTarget';
import { estimateCases } from '../wizard/estimate';
import type { AgentTool, InvocationMessage, ToolContext, ToolResult } from './agentTool';
import { DEFAULT_MAX_CHARS, ToolInputError } from './agentTool';
import { AGENT_RUN_OPTIONS } from './runOptions';
import { PROFILE_AND_SUITES_SCHEMA, suitesOf } from './suitesInput';
import { capLines } from './textCap';
import { verdictLines } from './verdictText';
import { resolveInWorkspace, shownPath } from './workspacePath';

/** Input of run_profile. */
export interface RunProfileInput {
  profile: string;
  suites?: string[];
}

/** Prepares the run as `aiqk run` does (the same checks and requirements gate), confined to the workspace. */
async function prepare(input: RunProfileInput, context: ToolContext): Promise<{ file: string; run: PreparedRun }> {
  const root = context.workspaceRoot;
  if (context.runsRefused !== undefined) throw new ToolInputError(`The run was not started: ${context.runsRefused}`);
  const file = await resolveInWorkspace(root, input.profile, 'profile');
  const suites = suitesOf(input.suites);
  const outcome = await prepareRun(file, {
    workspaceRoot: root,
    ...AGENT_RUN_OPTIONS,
    ...(suites ? { suites } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  if (!outcome.ok)
    throw new ToolInputError([`The run was not started. ${outcome.refusal.message}`, ...outcome.refusal.reasons.slice(0, 10)].join('\n'));
  const reports = path.relative(root, outcome.run.profile.report.dir);
  if (reports.startsWith('..') || path.isAbsolute(reports))
    throw new ToolInputError(
      `The run was not started: its report folder ${outcome.run.profile.report.dir} is outside the workspace folder (report.dir of ${input.profile})`,
    );
  return { file, run: outcome.run };
}

async function describeRun(input: RunProfileInput, context: ToolContext): Promise<InvocationMessage> {
  let prepared: { file: string; run: PreparedRun };
  try {
    prepared = await prepare(input, context);
  } catch (err) {
    return { message: `Run ${input.profile} (it will be refused: ${(err as Error).message.split('\n')[0]})` };
  }
  const { run, file } = prepared;
  const estimate = await estimateCases({ ...run.profile.raw, suites: run.suites as RunProfile['suites'] }, file, context.signal);
  const target = describeTarget(run.profile.raw.target);
  const what = `${run.suites.join(', ')} of ${shownPath(context.workspaceRoot, file)} against ${target}`;
  return {
    message: `Run ${what}`,
    confirmation: {
      title: 'Run AI Quality tests?',
      message: `Runs ${what}: about ${estimate.total} cases, each one or more calls to that target. Reports are written to ${shownPath(context.workspaceRoot, run.profile.report.dir)}.`,
    },
  };
}

async function runProfile(input: RunProfileInput, context: ToolContext): Promise<ToolResult> {
  const root = context.workspaceRoot;
  const { file, run } = await prepare(input, context);
  context.signal?.throwIfAborted();
  const handle = runAndWriteReports(run, {
    secrets: context.secrets ?? (async () => undefined),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const onProgress = context.onProgress;
  if (onProgress) {
    handle.events.onEvent((e) => {
      if (e.type === 'case-finished') onProgress({ done: e.done, total: e.total, message: `${e.case.suite}: ${e.done}/${e.total} cases` });
      else if (e.type === 'run-started') onProgress({ done: 0, total: e.total, message: `running ${e.suites.join(', ')}` });
    });
  }
  const { result, files, writeError } = await handle.written;
  const written = Object.values(files)
    .filter((f): f is string => typeof f === 'string')
    .map((f) => shownPath(root, f));
  const lines = [
    ...verdictLines(anonymizeResult(result), shownPath(root, file)),
    written.length > 0 ? `Reports: ${written.join(', ')}` : 'No report was written.',
    ...(writeError ? [`Report error: ${writeError}`] : []),
    result.run.status === 'cancelled'
      ? 'The run was cancelled; the report holds what finished.'
      : 'read_report gives the failing cases; compare_reports compares with the previous run.',
  ];
  return {
    text: capLines(lines, context.maxChars ?? DEFAULT_MAX_CHARS, 'read_report with a `suite` gives one suite at a time'),
    isError: result.run.status === 'error',
  };
}

/** run_profile: runs a profile's suites against the profile's own target, writes its reports, returns the verdict. */
export const RUN_PROFILE_TOOL: AgentTool<RunProfileInput> = {
  name: 'run_profile',
  title: 'Run a run profile',
  description:
    "Runs the suites of an AI Quality Kit run profile (or the `suites` chosen) against the target the profile names, with the same checks, requirements gate and limits as `aiqk run`, writes the reports where `aiqk run` writes them, and returns the verdict: run status, each suite's status and metrics against their thresholds. A profile that is invalid or blocked is not run; the answer says why. Runs can take minutes and call the target (which may cost money); validate_profile first, and choose few suites when a quick answer is enough.",
  inputSchema: PROFILE_AND_SUITES_SCHEMA,
  readOnly: false,
  describeInvocation: describeRun,
  invoke: runProfile,
};
