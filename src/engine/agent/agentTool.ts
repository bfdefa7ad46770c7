// The shape every agent tool shares, so the CLI's MCP server and the editor's
// language-model tools wrap the same functions and answer the same way.
import type { SecretLookup } from '../model/target';

/** A JSON Schema (draft 2020-12 subset) of a tool's input object. */
export interface InputSchema {
  type: 'object';
  properties: Record<string, object>;
  required?: string[];
  additionalProperties: false;
  [keyword: string]: unknown;
}

/** Progress of a long tool call (a run): cases done of the planned total, and a line for a person. */
export interface ToolProgress {
  done: number;
  total: number;
  message: string;
}

/** What a tool call may use: the workspace it is confined to, cancellation, progress, secrets. */
export interface ToolContext {
  /** Absolute path of the workspace folder: every path a tool reads or names must lie inside it. */
  workspaceRoot: string;
  /** Cancels the call (a client's cancel, a closed connection). */
  signal?: AbortSignal;
  /** Told as a run advances. */
  onProgress?: (progress: ToolProgress) => void;
  /** Where a run looks up the secrets its profile names (environment variables, the editor's secret storage). */
  secrets?: SecretLookup;
  /** Why runs may not start here (an untrusted workspace); absent when they may. Read-only tools still answer. */
  runsRefused?: string;
  /** Longest text a call returns (default DEFAULT_MAX_CHARS); what is cut is named. */
  maxChars?: number;
}

/** The answer of a tool call: text for the model, `isError` when the call could not do what was asked. */
export interface ToolResult {
  text: string;
  isError?: boolean;
}

/** What a person is shown before a call runs (VS Code's prepareInvocation, a client's confirmation). */
export interface InvocationMessage {
  /** One line saying what the call does ("Validate examples/demo/aiqk.yaml"). */
  message: string;
  /** A question to confirm with, for calls that do something (start a run); absent for read-only calls. */
  confirmation?: { title: string; message: string };
}

/** One agent tool: its name, what the model reads about it, its input schema, and the function itself. */
export interface AgentTool<I = Record<string, unknown>> {
  name: string;
  /** A short title for people. */
  title: string;
  /** What the model reads to decide when and how to call it. */
  description: string;
  inputSchema: InputSchema;
  /** True when the tool only reads (no run, no file written). */
  readOnly: boolean;
  /** What a person is shown before the call. Never throws: a bad input gets a message naming the input. */
  describeInvocation(input: I, context: ToolContext): Promise<InvocationMessage>;
  /** Does the work. Throws ToolInputError for a bad input; other errors are reported as the tool's failure. */
  invoke(input: I, context: ToolContext): Promise<ToolResult>;
}

/** A bad tool input (a path outside the workspace, an unknown suite): said back to the model as is. */
export class ToolInputError extends Error {}

/** Default cap on the text a tool call returns (about 2,000 tokens). */
export const DEFAULT_MAX_CHARS = 8000;
