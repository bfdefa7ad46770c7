// The agent tools, in one table: the CLI's MCP server (`aiqk mcp`) and the editor's
// language-model tools list these and call invokeAgentTool, so both answer alike.
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { errorMessage } from '../model/caseOutcome';
import { maskSecrets } from '../secrets/textMasks';
import type { AgentTool, InvocationMessage, ToolContext, ToolResult } from './agentTool';
import { DEFAULT_MAX_CHARS, ToolInputError } from './agentTool';
import { COMPARE_REPORTS_TOOL } from './compareReportsTool';
import { LIST_PROFILES_TOOL } from './listProfilesTool';
import { READ_REPORT_TOOL } from './readReportTool';
import { RUN_PROFILE_TOOL } from './runProfileTool';
import { VALIDATE_PROFILE_TOOL } from './validateProfileTool';

/** Every agent tool, in the order a model should meet them. */
export const AGENT_TOOLS: readonly AgentTool<never>[] = [
  LIST_PROFILES_TOOL,
  VALIDATE_PROFILE_TOOL,
  RUN_PROFILE_TOOL,
  READ_REPORT_TOOL,
  COMPARE_REPORTS_TOOL,
] as unknown as AgentTool<never>[];

/** The tool of that name, if any. */
export function agentTool(name: string): AgentTool<never> | undefined {
  return AGENT_TOOLS.find((t) => t.name === name);
}

const validators = new Map<string, ValidateFunction>();

function describe(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'input';
  if (e.keyword === 'additionalProperties') return `${where}: '${String(e.params['additionalProperty'])}' is not an input of this tool`;
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params['allowedValues'] as unknown[]).join(', ')}`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** The input's problems against the tool's schema, one line each; empty when it is valid. */
export function inputProblems(tool: AgentTool<never>, input: unknown): string[] {
  let validate = validators.get(tool.name);
  if (!validate) {
    validate = new Ajv({ allErrors: true, strict: false }).compile(tool.inputSchema);
    validators.set(tool.name, validate);
  }
  if (validate(input ?? {})) return [];
  return [...new Set((validate.errors ?? []).map(describe))];
}

/** The last guard on what goes back to a model: no secret value, and no more text than asked for. */
function guard(result: ToolResult, maxChars: number): ToolResult {
  let text = maskSecrets(result.text);
  if (text.length > maxChars) text = `${text.slice(0, maxChars)}\n[cut at ${maxChars} characters; ask for less (a suite, a page)]`;
  return { text, ...(result.isError ? { isError: true } : {}) };
}

/**
 * Calls a tool with an input checked against its schema. Never throws: an unknown
 * tool, a bad input, a refusal or a failure comes back as text with `isError`; a
 * cancelled call (the signal aborted) comes back saying so.
 */
export async function invokeAgentTool(name: string, input: unknown, context: ToolContext): Promise<ToolResult> {
  const maxChars = context.maxChars ?? DEFAULT_MAX_CHARS;
  const tool = agentTool(name);
  if (!tool) return { text: `No tool '${name}'; the tools are ${AGENT_TOOLS.map((t) => t.name).join(', ')}`, isError: true };
  const problems = inputProblems(tool, input);
  if (problems.length > 0) return guard({ text: `${name}: bad input:\n${problems.join('\n')}`, isError: true }, maxChars);
  try {
    return guard(await tool.invoke((input ?? {}) as never, { ...context, maxChars }), maxChars);
  } catch (err) {
    if (context.signal?.aborted) return { text: `${name} was cancelled`, isError: true };
    const prefix = err instanceof ToolInputError ? '' : `${name} failed: `;
    return guard({ text: `${prefix}${errorMessage(err)}`, isError: true }, maxChars);
  }
}

/** What a person is shown before the call (a bad input is named, not thrown). */
export async function describeAgentToolInvocation(name: string, input: unknown, context: ToolContext): Promise<InvocationMessage> {
  const tool = agentTool(name);
  if (!tool) return { message: `Unknown tool '${name}'` };
  const problems = inputProblems(tool, input);
  if (problems.length > 0) return { message: `${tool.title}: bad input (${problems.join('; ')})` };
  try {
    const message = await tool.describeInvocation((input ?? {}) as never, context);
    return { ...message, message: maskSecrets(message.message) };
  } catch (err) {
    return { message: `${tool.title} (${errorMessage(err)})` };
  }
}
