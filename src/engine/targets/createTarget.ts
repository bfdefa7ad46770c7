// Chooses and builds the target of a run profile. Everything that can be checked
// before the first question is checked here (secrets present, JSONPaths valid,
// body template sound), so a run fails at once with one clear message instead of
// once per case. Each kind of target is one row of TARGET_KINDS; its class lives
// in its own folder (builtin/, http/, mcp/).

import type { ResolvedProfile } from '../config/resolve';
import type { PassageRecord } from '../model/dataRecords';
import type { Target as TargetConfig } from '../model/profileTypes';
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

/** The kinds of target, by mode and then protocol (api) or transport (mcp): one row of TARGET_KINDS each. */
export type TargetKind = 'builtin' | 'api/aiqk' | 'api/openai' | 'api/http' | 'mcp/stdio' | 'mcp/http';

/** What a row builds its target from. */
interface TargetBuild {
  profile: ResolvedProfile;
  target: TargetConfig;
  deps: TargetDeps;
  /** The `target.auth` credential, looked up (remote kinds only). */
  auth: HttpAuth | undefined;
}

interface TargetKindRow {
  /**
   * Reached over the network or through a child process: takes `target.auth`, and
   * any error while building it is a profile mistake (a TargetConfigError). The
   * builtin target's errors are its data's and pass through unchanged.
   */
  remote: boolean;
  build(b: TargetBuild): Target | Promise<Target>;
}

// Adding a kind of target: one row here, its class in its own folder, and its mode or protocol in the profile schema.
const TARGET_KINDS: Record<TargetKind, TargetKindRow> = {
  builtin: { remote: false, build: buildBuiltin },
  'api/aiqk': { remote: true, build: (b) => new AiqkTarget({ ...apiConfig(b), provider: b.target.provider, model: b.target.model }) },
  'api/openai': {
    remote: true,
    build: (b) => new OpenAiTarget({ ...apiConfig(b), model: b.target.model, systemPrompt: b.target.system_prompt }),
  },
  'api/http': { remote: true, build: buildHttpTemplate },
  'mcp/stdio': { remote: true, build: buildMcp },
  'mcp/http': { remote: true, build: buildMcp },
};

/** The kind of target a profile's `target` describes (the api protocol defaults to aiqk). */
export function targetKind(t: TargetConfig): TargetKind {
  if (t.mode === 'builtin') return 'builtin';
  if (t.mode === 'mcp') return t.mcp?.url ? 'mcp/http' : 'mcp/stdio';
  return `api/${t.protocol ?? 'aiqk'}`;
}

/** Builds the target a profile describes; rejects with a TargetConfigError when it cannot. */
export async function createTarget(profile: ResolvedProfile, deps: TargetDeps): Promise<Target> {
  const target = profile.raw.target;
  const kind = targetKind(target);
  // Profiles are schema-checked, but a kind without a row must still fail as a profile mistake.
  const row: TargetKindRow | undefined = TARGET_KINDS[kind];
  if (!row) throw new TargetConfigError(`target kind ${kind} is not supported`);
  if (!row.remote) return row.build({ profile, target, deps, auth: undefined });
  let auth: HttpAuth | undefined;
  if (target.auth?.bearer_env)
    auth = bearerAuth(await requireSecret(deps.secrets, target.auth.bearer_env, 'target.auth.bearer_env'), target.auth.header);
  try {
    return await row.build({ profile, target, deps, auth });
  } catch (err) {
    if (err instanceof TargetConfigError) throw err;
    throw new TargetConfigError(err instanceof Error ? err.message : String(err));
  }
}

async function buildBuiltin({ deps }: TargetBuild): Promise<Target> {
  const passages = await deps.passages();
  if (passages.length === 0)
    throw new TargetConfigError('the builtin target has no passages to answer from: add data.passages or set use_defaults: true');
  return new BuiltinTarget(passages);
}

/** The settings every api protocol shares. */
function apiConfig({ profile, target, auth }: TargetBuild): HttpTargetConfig {
  if (!target.base_url) throw new TargetConfigError('target.base_url is required in api mode');
  return { baseUrl: target.base_url, timeoutMs: profile.timeoutMs, retries: profile.retries, auth };
}

function buildHttpTemplate(b: TargetBuild): Target {
  const common = apiConfig(b);
  const http = b.target.http;
  if (!http) throw new TargetConfigError('target.http (the request template) is required with protocol: http');
  return new HttpTemplateTarget({
    ...common,
    template: {
      method: http.method ?? 'POST',
      path: http.path ?? '/',
      headers: http.headers ?? {},
      body: http.body,
      answerPath: http.answer_path,
      contextsPath: http.contexts_path,
    },
  });
}

// One builder for both transports: McpTarget picks stdio or streamable HTTP from the url.
async function buildMcp({ profile, target, deps, auth }: TargetBuild): Promise<Target> {
  const m = target.mcp;
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
