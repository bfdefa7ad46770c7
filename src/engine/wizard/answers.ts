import type { RunProfile, SuiteOptions, Volumes } from '../model/profileTypes';
import type { DataKind } from '../model/dataKinds';
import type { SuiteName } from '../model/suiteNames';
/** The target mode of a run profile. */
export type TargetMode = RunProfile['target']['mode'];

/** The API protocol of an api-mode target. */
export type TargetProtocol = NonNullable<RunProfile['target']['protocol']>;

/** The volume preset names (`profile:` in the run profile). */
export type VolumePreset = NonNullable<RunProfile['profile']>;

/** The request template of protocol http, as the wizard collects it. */
export interface HttpTemplateAnswer {
  method: 'POST' | 'PUT' | 'GET';
  path: string;
  body: string;
  answerPath: string;
  contextsPath?: string;
}

/** The MCP server: a command line (stdio) or an URL (streamable HTTP). */
export interface McpEndpointAnswer {
  command?: string;
  args?: string[];
  url?: string;
}

/** The MCP tool that answers questions, and optionally its arguments. */
export interface McpToolAnswer {
  tool: string;
  arguments?: Record<string, unknown>;
  answerPath?: string;
}

/** The bias options the wizard asks for (groups go to data.bias_groups, the rest to options). */
export interface BiasAnswer {
  groups?: string;
  parityMetric?: NonNullable<NonNullable<SuiteOptions['bias_smoke']>['parity_metric']>;
  maxPairs?: number;
  parityThreshold?: number;
}

/**
 * What the user told the wizard so far: plain JSON (it is persisted between
 * sessions). Undefined means "not answered"; skipping an optional step leaves
 * its field undefined and marks the step done.
 */
export interface WizardAnswers {
  mode?: TargetMode;
  baseUrl?: string;
  mcp?: McpEndpointAnswer;
  protocol?: TargetProtocol;
  http?: HttpTemplateAnswer;
  mcpTool?: McpToolAnswer;
  /** The NAME of the env var or stored secret with the bearer token; never the secret. */
  authEnv?: string;
  provider?: string;
  model?: string;
  suites?: SuiteName[];
  thresholds?: Record<string, number>;
  volumePreset?: VolumePreset;
  volumes?: Volumes;
  resilience?: NonNullable<SuiteOptions['resilience']>;
  compliance?: NonNullable<SuiteOptions['compliance_smoke']>;
  bias?: BiasAnswer;
  /** Dataset paths, relative to the profile's folder. */
  data?: Partial<Record<DataKind, string>>;
  /** `use_defaults`: missing required data falls back to the built-in datasets. */
  useDefaults: boolean;
  /** The profile's file name, relative to the folder it is written to. */
  fileName: string;
}

/** The answers of a wizard that has not been told anything yet. */
export function emptyAnswers(): WizardAnswers {
  return { useDefaults: true, fileName: 'aiqk.yaml' };
}

/** Suites the wizard proposes to a newcomer (the original system's defaults). */
export const RECOMMENDED_SUITES: readonly SuiteName[] = ['rag_quality', 'red_team', 'safety'];
