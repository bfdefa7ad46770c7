import * as vscode from 'vscode';
import type { ToolProgress } from '../../engine/agent/agentTool';
import { AGENT_TOOLS } from '../../engine/agent/agentTools';
import type { SecretResolver } from '../secrets/secretLookup';
import { editorTool } from './languageModelTool';
import { languageModelToolName } from './toolContributions';

const MAX_PROGRESS_LINES = 200;

/** What the agent tools room needs from the extension. */
export interface AgentToolsDeps {
  secrets: SecretResolver;
}

/** The agent tools as the extension registered them (for integration tests). */
export interface AgentToolsApi {
  /** The editor's names of the tools registered. */
  names(): string[];
  /** The latest progress lines of the runs tools started, in order ("aiqk_run_profile: rag_quality: 3/10 cases"). */
  progress(): readonly string[];
}

/**
 * Registers every agent tool (the table `aiqk mcp` serves) as a language-model tool, so
 * VS Code's agent mode can list, validate, run, read and compare with the extension.
 */
export function registerAgentTools(context: vscode.ExtensionContext, { secrets }: AgentToolsDeps): AgentToolsApi {
  const progress: string[] = [];
  const onProgress = (tool: string, p: ToolProgress): void => {
    progress.push(`${tool}: ${p.message}`);
    if (progress.length > MAX_PROGRESS_LINES) progress.shift();
  };
  const names = AGENT_TOOLS.map((t) => languageModelToolName(t.name));
  AGENT_TOOLS.forEach((t, i) => {
    context.subscriptions.push(vscode.lm.registerTool(names[i]!, editorTool(t.name, { secrets, onProgress })));
  });
  return { names: () => [...names], progress: () => progress };
}
