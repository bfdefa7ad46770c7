import * as vscode from 'vscode';

/** Calls a language-model tool as an agent would outside a chat (no invocation token); the text it returned. */
export async function callTool(name: string, input: object, token?: vscode.CancellationToken): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token);
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : `[${typeof part} part]`)).join('');
}
