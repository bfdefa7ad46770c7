// The editor's language-model tools are the agent tools (src/engine/agent) under
// names of their own: package.json `contributes.languageModelTools` holds one entry
// per tool, written by scripts/genLanguageModelTools.mjs from this file and checked
// against it by a unit test. Free of `vscode` so scripts and unit tests can load it.
import type { AgentTool } from '../../engine/agent/agentTool';
import { AGENT_TOOLS } from '../../engine/agent/agentTools';

/** What VS Code reads of a language-model tool (package.json `contributes.languageModelTools`). */
export interface LanguageModelToolContribution {
  name: string;
  displayName: string;
  modelDescription: string;
  userDescription: string;
  inputSchema: object;
  tags: string[];
  canBeReferencedInPrompt: boolean;
  toolReferenceName: string;
  icon: string;
}

/** Tool names are global in VS Code: ours carry the extension's prefix (`aiqk_run_profile`). */
const PREFIX = 'aiqk_';

/** What people see of each tool in the editor (the tools picker, `#` references). */
const SHOWN: Record<string, { userDescription: string; icon: string }> = {
  list_profiles: {
    userDescription: "List the workspace's AI Quality run profiles and whether each may run",
    icon: '$(list-unordered)',
  },
  validate_profile: {
    userDescription: 'Check a run profile and its datasets, with the problems at their places',
    icon: '$(checklist)',
  },
  run_profile: {
    userDescription: "Run a profile's test suites against its own target and return the verdict",
    icon: '$(play)',
  },
  read_report: {
    userDescription: "Read a run's verdict: suites, metrics against thresholds, failing cases",
    icon: '$(output)',
  },
  compare_reports: {
    userDescription: 'Compare a run with the previous run of the same profile',
    icon: '$(diff)',
  },
};

/** The editor's name of an agent tool. */
export function languageModelToolName(agentToolName: string): string {
  return `${PREFIX}${agentToolName}`;
}

/** The agent tool behind an editor tool name, if it is one of ours. */
export function agentToolNameOf(languageModelToolName: string): string | undefined {
  if (!languageModelToolName.startsWith(PREFIX)) return undefined;
  const name = languageModelToolName.slice(PREFIX.length);
  return AGENT_TOOLS.some((t) => t.name === name) ? name : undefined;
}

/** Text naming agent tools, with the editor's names instead (descriptions point at each other). */
export function withEditorToolNames(text: string): string {
  const names = AGENT_TOOLS.map((t) => t.name).join('|');
  return text.replace(new RegExp(`(?<![\\w-])(${names})(?![\\w-])`, 'g'), `${PREFIX}$1`);
}

/** The contribution of one agent tool. Throws when the tool has no entry in SHOWN. */
export function languageModelToolContribution(tool: AgentTool<never>): LanguageModelToolContribution {
  const shown = SHOWN[tool.name];
  if (!shown) throw new Error(`agent tool ${tool.name} has no user description and icon in src/extension/agentTools/toolContributions.ts`);
  const name = languageModelToolName(tool.name);
  return {
    name,
    displayName: tool.title,
    modelDescription: withEditorToolNames(tool.description),
    userDescription: shown.userDescription,
    inputSchema: JSON.parse(JSON.stringify(tool.inputSchema)) as object,
    tags: ['ai-quality-kit', 'llm-evaluation', tool.readOnly ? 'read-only' : 'runs-tests'],
    canBeReferencedInPrompt: true,
    toolReferenceName: name,
    icon: shown.icon,
  };
}

/** package.json's `contributes.languageModelTools`: every agent tool, in the table's order. */
export function languageModelToolContributions(): LanguageModelToolContribution[] {
  return AGENT_TOOLS.map(languageModelToolContribution);
}
