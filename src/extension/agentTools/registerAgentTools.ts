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
  /** What VS Code shows before a call (its message, and for a run the confirmation), as the tool prepares it. */
  prepareInvocation(name: string, input: Record<string, unknown>): Promise<vscode.PreparedToolInvocation | undefined>;
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
    progress.push(`${languageModelToolName(tool)}: ${p.message}`);
    if (progress.length > MAX_PROGRESS_LINES) progress.shift();
  };
  const tools = new Map(AGENT_TOOLS.map((t) => [languageModelToolName(t.name), editorTool(t.name, { secrets, onProgress })]));
  for (const [name, tool] of tools) context.subscriptions.push(vscode.lm.registerTool(name, tool));
  return {
    names: () => [...tools.keys()],
    async prepareInvocation(name, input) {
      const tool = tools.get(name);
      if (!tool?.prepareInvocation) throw new Error(`no language-model tool ${name}`);
      const cancel = new vscode.CancellationTokenSource();
      try {
        return (await tool.prepareInvocation({ input }, cancel.token)) ?? undefined;
      } finally {
        cancel.dispose();
      }
    },
    progress: () => progress,
  };
}
