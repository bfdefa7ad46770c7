// Chooses and builds the target of a run profile. Everything that can be checked
// before the first question is checked here (secrets present, JSONPaths valid,
// body template sound), so a run fails at once with one clear message instead of
// once per case.

import type { ResolvedProfile } from '../config/resolve';
import type { PassageRecord } from '../model/dataRecords';
import type { SecretLookup, Target } from '../model/target';
import { AiqkTarget } from './http/aiqkTarget';
import { BuiltinTarget } from './builtin/builtinTarget';
import type { HttpAuth, HttpTargetConfig } from './http/httpCommon';
import { bearerAuth } from './http/httpCommon';
import { HttpTemplateTarget } from './http/httpTarget';
import { McpTarget } from './mcp/mcpTarget';
import { OpenAiTarget } from './http/openaiTarget';

/** The target as recorded in reports (re-exported here: the run imports the target factory and this together). */
export { sanitizeTarget } from './describeTarget';

/** What createTarget needs besides the profile. */
export interface TargetDeps {
  secrets: SecretLookup;
  /** The passages of the builtin target (the profile's, or the built-in help center). */
  passages: () => Promise<PassageRecord[]>;
}

/** A target that cannot be built from the profile; the message says what to change. */
export class TargetConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetConfigError';
  }
}

/** Secrets from environment variables (an empty value counts as unset). */
export const envSecretLookup: SecretLookup = async (name) => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

/** The message for a secret that is named but not set. */
export function missingSecretMessage(name: string, where: string): string {
  return `The secret "${name}" named by ${where} is not set. Set the environment variable ${name}, or store it with the command "AI Quality: Set API Key".`;
}

async function requireSecret(secrets: SecretLookup, name: string, where: string): Promise<string> {
  const value = await secrets(name);
  if (value === undefined || value === '') throw new TargetConfigError(missingSecretMessage(name, where));
  return value;
}

/** Builds the target a profile describes; rejects with a TargetConfigError when it cannot. */
export async function createTarget(profile: ResolvedProfile, deps: TargetDeps): Promise<Target> {
  const t = profile.raw.target;
  if (t.mode === 'builtin') {
    const passages = await deps.passages();
    if (passages.length === 0)
      throw new TargetConfigError('the builtin target has no passages to answer from: add data.passages or set use_defaults: true');
    return new BuiltinTarget(passages);
  }
  let auth: HttpAuth | undefined;
  if (t.auth?.bearer_env) auth = bearerAuth(await requireSecret(deps.secrets, t.auth.bearer_env, 'target.auth.bearer_env'), t.auth.header);
  try {
    if (t.mode === 'mcp') return await createMcp(profile, deps, auth);
    if (!t.base_url) throw new TargetConfigError('target.base_url is required in api mode');
    const common: HttpTargetConfig = { baseUrl: t.base_url, timeoutMs: profile.timeoutMs, retries: profile.retries, auth };
    const protocol = t.protocol ?? 'aiqk';
    if (protocol === 'aiqk') return new AiqkTarget({ ...common, provider: t.provider, model: t.model });
    if (protocol === 'openai') return new OpenAiTarget({ ...common, model: t.model, systemPrompt: t.system_prompt });
    if (!t.http) throw new TargetConfigError('target.http (the request template) is required with protocol: http');
    return new HttpTemplateTarget({
      ...common,
      template: {
        method: t.http.method ?? 'POST',
        path: t.http.path ?? '/',
        headers: t.http.headers ?? {},
        body: t.http.body,
        answerPath: t.http.answer_path,
        contextsPath: t.http.contexts_path,
      },
    });
  } catch (err) {
    if (err instanceof TargetConfigError) throw err;
    throw new TargetConfigError(err instanceof Error ? err.message : String(err));
  }
}

async function createMcp(profile: ResolvedProfile, deps: TargetDeps, auth: HttpAuth | undefined): Promise<Target> {
  const m = profile.raw.target.mcp;
  if (!m) throw new TargetConfigError('target.mcp is required in mcp mode');
  const { env, secrets } = await resolveEnv(m.env ?? {}, deps.secrets);
  return new McpTarget({
    command: m.command,
    args: m.args,
    env,
    cwd: profile.dir,
    url: m.url ?? undefined,
    auth,
    tool: m.tool,
    arguments: m.arguments,
    answerPath: m.answer_path,
    contextsPath: m.contexts_path,
    timeoutMs: profile.timeoutMs,
    secrets: [...secrets, ...(auth ? [auth.token] : [])],
  });
}

/**
 * `target.mcp.env` values of the form `${NAME}` are taken from the secret lookup
 * (env var or stored secret), so a server's API key never sits in the profile.
 */
export async function resolveEnv(
  env: Record<string, string>,
  lookup: SecretLookup,
): Promise<{ env: Record<string, string>; secrets: string[] }> {
  const out: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    const ref = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/.exec(value.trim());
    if (!ref) {
      out[key] = value;
      continue;
    }
    const secret = await requireSecret(lookup, ref[1], `target.mcp.env.${key}`);
    out[key] = secret;
    secrets.push(secret);
  }
  return { env: out, secrets };
}
