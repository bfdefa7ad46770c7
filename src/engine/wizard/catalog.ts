// What the wizard offers as suggestions: the original system's modes, providers
// with their models, suites and volume profiles, with words people use for them.
import type { SuiteName } from '../model/suiteNames';
import type { SuiteManifest } from '../model/suiteManifest';
import { bySuite } from '../suites/manifests';
import type { TargetMode, TargetProtocol, VolumePreset } from './answers';

/** A provider the original system knew, with the models it offered. */
export interface ProviderInfo {
  id: string;
  label: string;
  models: readonly string[];
  /** Other names people type for it. */
  aliases: readonly string[];
  /** The env var its API key usually lives in. */
  keyEnv?: string;
}

/** Providers with their models (chips of the provider and model steps). */
export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1'],
    aliases: ['open ai', 'gpt', 'chatgpt'],
    keyEnv: 'OPENAI_API_KEY',
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    models: ['claude-3-5-haiku-latest', 'claude-3-5-sonnet-latest', 'claude-3-7-sonnet-latest'],
    aliases: ['claude'],
    keyEnv: 'ANTHROPIC_API_KEY',
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    models: ['gemini-1.5-flash', 'gemini-1.5-pro', 'gemini-2.0-flash'],
    aliases: ['google', 'vertex', 'bard'],
    keyEnv: 'GEMINI_API_KEY',
  },
  {
    id: 'mistral',
    label: 'Mistral',
    models: ['mistral-small-latest', 'mistral-large-latest'],
    aliases: ['mistral ai'],
    keyEnv: 'MISTRAL_API_KEY',
  },
  { id: 'ollama', label: 'Ollama (local)', models: ['llama3.1', 'llama3.2', 'qwen2.5', 'mistral'], aliases: ['local', 'llama'] },
  { id: 'mock', label: 'Mock', models: ['mock-1'], aliases: ['fake', 'stub', 'test'] },
];

/** The provider a name or alias refers to. */
export function providerById(id: string | undefined): ProviderInfo | undefined {
  return id === undefined ? undefined : PROVIDERS.find((p) => p.id === id);
}

/** Models offered for OpenAI-compatible servers when no provider is known. */
export const OPENAI_COMPATIBLE_MODELS: readonly string[] = ['gpt-4o-mini', 'llama3.1', 'qwen2.5', 'mistral'];

/** Labels and one-line descriptions of the target modes. */
export const MODES: Readonly<Record<TargetMode, { label: string; description: string }>> = {
  builtin: { label: 'Built-in demo', description: 'An offline demo RAG over a small help center: try the suites without any setup' },
  api: { label: 'HTTP API', description: 'Your application or an LLM server over HTTP (OpenAI-compatible, /ask, or a custom template)' },
  mcp: { label: 'MCP server', description: 'A Model Context Protocol server: a command to start, or an URL' },
};

/** Labels and descriptions of the API protocols. */
export const PROTOCOLS: Readonly<Record<TargetProtocol, { label: string; description: string }>> = {
  openai: { label: 'OpenAI-compatible', description: 'POST /v1/chat/completions (OpenAI, Ollama, vLLM, LM Studio, llama.cpp…)' },
  aiqk: { label: 'AI Quality Kit /ask', description: 'POST /ask {query, provider, model} → {answer, context}' },
  http: { label: 'Custom HTTP', description: 'Your own JSON request, with JSONPaths to the answer' },
};

/** How each suite is shown, and the words that name it (from the suites' manifests). */
export const SUITE_INFO: Readonly<Record<SuiteName, Pick<SuiteManifest, 'label' | 'description' | 'aliases'>>> = bySuite(
  ({ label, description, aliases }) => ({ label, description, aliases }),
);

/** The volume presets with their description (smoke / full / red_team_heavy). */
export const VOLUME_INFO: Readonly<Record<VolumePreset, { label: string; description: string; aliases: readonly string[] }>> = {
  smoke: {
    label: 'Smoke',
    description: 'A quick check: 2 questions, 1 attack mutator, 2 performance repeats',
    aliases: ['smoke', 'quick', 'fast', 'small', 'minimal', 'light', 'tiny', 'sanity'],
  },
  full: {
    label: 'Full',
    description: '20 questions, 3 attack mutators, 5 performance repeats',
    aliases: ['full', 'complete', 'thorough', 'large', 'big', 'comprehensive', 'all of it'],
  },
  red_team_heavy: {
    label: 'Red team heavy',
    description: '5 questions, 5 attack mutators, 3 performance repeats',
    aliases: [
      'red team heavy',
      'red_team_heavy',
      'redteam heavy',
      'heavy red team',
      'heavy',
      'attack heavy',
      'security heavy',
      'adversarial',
    ],
  },
};
