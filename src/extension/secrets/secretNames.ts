// Which secrets a run profile refers to, by name. Kept free of `vscode` for unit tests.

/** A secret a profile names, and where. */
export interface SecretReference {
  name: string;
  /** The profile key that names it, e.g. `target.auth.bearer_env`. */
  where: string;
}

const ENV_REF = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/;

/** A secret name as the schema allows it (an environment variable name). */
export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The secrets a profile names: `target.auth.bearer_env`, `judge.api_key_env`
 * and `${NAME}` values of `target.mcp.env`. Works on any parsed value, valid or not.
 */
export function secretReferences(profile: unknown): SecretReference[] {
  const out: SecretReference[] = [];
  const root = record(profile);
  const target = record(root?.['target']);
  const bearer = record(target?.['auth'])?.['bearer_env'];
  if (typeof bearer === 'string' && SECRET_NAME_PATTERN.test(bearer)) out.push({ name: bearer, where: 'target.auth.bearer_env' });
  const env = record(record(target?.['mcp'])?.['env']);
  for (const [key, value] of Object.entries(env ?? {})) {
    const ref = typeof value === 'string' ? ENV_REF.exec(value.trim()) : null;
    if (ref?.[1]) out.push({ name: ref[1], where: `target.mcp.env.${key}` });
  }
  const judgeKey = record(root?.['judge'])?.['api_key_env'];
  if (typeof judgeKey === 'string' && SECRET_NAME_PATTERN.test(judgeKey)) out.push({ name: judgeKey, where: 'judge.api_key_env' });
  const seen = new Set<string>();
  return out.filter((r) => (seen.has(r.name) ? false : (seen.add(r.name), true)));
}
