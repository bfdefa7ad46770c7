// One agent tool (src/engine/agent) as a VS Code language-model tool: the same
// function `aiqk mcp` serves, given the workspace folder, the editor's secrets,
// workspace trust, the call's cancellation and a cap from the model's token budget.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolContext, ToolProgress } from '../../engine/agent/agentTool';
import { DEFAULT_MAX_CHARS } from '../../engine/agent/agentTool';
import { agentTool, describeAgentToolInvocation, invokeAgentTool } from '../../engine/agent/agentTools';
import { maskSecrets } from '../../engine/secrets/redact';
import { UNTRUSTED_REFUSAL } from '../runs/runGuard';
import type { SecretResolver } from '../secrets/secretLookup';

/** What the tools need from the extension. */
export interface EditorToolDeps {
  /** Where runs look up the secrets their profiles name (environment, then the editor's secret storage). */
  secrets: SecretResolver;
  /** Told as a run advances (the integration tests read it). */
  onProgress?: (tool: string, progress: ToolProgress) => void;
}

/** The least text a call returns, whatever the budget: a verdict's first lines and the note on what was cut. */
const MIN_CHARS = 500;

/** About 3 characters a token: the text a call returns stays inside the model's budget for it. */
export function maxCharsFor(tokenBudget: number | undefined): number {
  if (tokenBudget === undefined || !(tokenBudget > 0)) return DEFAULT_MAX_CHARS;
  return Math.min(DEFAULT_MAX_CHARS, Math.max(MIN_CHARS, Math.floor(tokenBudget * 3)));
}

/** The folder tools are confined to: the first workspace folder on disk. */
function workspaceRoot(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

const NO_FOLDER = 'No folder is open in VS Code: open the folder holding the run profiles (aiqk.yaml), then call again.';

/** A cancellation token as an AbortController (aborted at once when the token already is). */
function abortOn(token: vscode.CancellationToken): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { controller, dispose: () => listener.dispose() };
}

function contextFor(root: string, deps: EditorToolDeps, signal: AbortSignal, maxChars: number): ToolContext {
  return {
    workspaceRoot: root,
    signal,
    secrets: deps.secrets.lookup,
    maxChars,
    // The refusal the editor's own run commands give in Restricted Mode.
    ...(vscode.workspace.isTrusted ? {} : { runsRefused: UNTRUSTED_REFUSAL.message }),
  };
}

/** A profile open with unsaved edits (an agent's) is saved first, so the tool checks or runs what is shown. */
async function saveProfileEdits(root: string, input: unknown): Promise<void> {
  const profile = (input as { profile?: unknown } | undefined)?.profile;
  if (typeof profile !== 'string') return;
  const file = path.resolve(root, profile);
  const inside = path.relative(root, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return; // the tool refuses it, naming the input
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open?.isDirty) await open.save();
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** A tool that changes something (a run) shows its progress in a notification, where a person can cancel it too. */
async function withRunProgress<T>(
  title: string,
  signal: AbortController,
  work: (report: (p: ToolProgress) => void) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `AI Quality: ${title} (asked by an agent)`, cancellable: true },
    async (progress, cancel) => {
      const listener = cancel.onCancellationRequested(() => signal.abort());
      let shown = 0;
      try {
        return await work((p) => {
          const percent = p.total > 0 ? Math.min(100, Math.floor((100 * p.done) / p.total)) : 0;
          progress.report({ message: p.message, increment: Math.max(0, percent - shown) });
          shown = Math.max(shown, percent);
        });
      } finally {
        listener.dispose();
      }
    },
  );
}

/** The language-model tool of the agent tool `name`. */
export function editorTool(name: string, deps: EditorToolDeps): vscode.LanguageModelTool<Record<string, unknown>> {
  const tool = agentTool(name);
  if (!tool) throw new Error(`no agent tool ${name}`);
  return {
    async prepareInvocation(options, token) {
      const root = workspaceRoot();
      if (!root) return { invocationMessage: NO_FOLDER };
      const { controller, dispose } = abortOn(token);
      try {
        const described = await describeAgentToolInvocation(
          name,
          options.input,
          contextFor(root, deps, controller.signal, DEFAULT_MAX_CHARS),
        );
        return {
          invocationMessage: described.message,
          ...(described.confirmation ? { confirmationMessages: described.confirmation } : {}),
        };
      } finally {
        dispose();
      }
    },

    async invoke(options, token) {
      const root = workspaceRoot();
      if (!root) return textResult(NO_FOLDER);
      // Aborted by the call's token, or by the Cancel button of the run's notification.
      const { controller, dispose } = abortOn(token);
      try {
        await saveProfileEdits(root, options.input);
        const context = contextFor(root, deps, controller.signal, maxCharsFor(options.tokenizationOptions?.tokenBudget));
        const result =
          tool.readOnly || context.runsRefused !== undefined
            ? await invokeAgentTool(name, options.input, context)
            : await withRunProgress(tool.title, controller, (report) =>
                invokeAgentTool(name, options.input, {
                  ...context,
                  onProgress: (p) => {
                    report(p);
                    deps.onProgress?.(name, p);
                  },
                }),
              );
        // The secrets this editor handed to runs never go back to a model, whatever their shape.
        return textResult(maskSecrets(result.text, deps.secrets.values()));
      } finally {
        dispose();
      }
    },
  };
}
