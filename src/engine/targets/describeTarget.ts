// The target as people and reports see it. A profile holds no secrets by design
// (only the names of variables), but people still paste tokens where they should
// not: env values, auth-like headers, URL credentials and key-like command
// arguments are masked before the target is written anywhere.

import type { Target as TargetConfig } from '../model/profileTypes';
import type { SanitizedTarget } from '../model/runTypes';
import { MASK } from '../secrets/redact';

const SECRET_NAME = /auth|token|key|secret|cookie|passw|pwd|credential|session|signature/i;

/** Whether a header, env or parameter name looks like it carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A URL without userinfo, and with secret-looking query values masked. */
export function sanitizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const name of [...u.searchParams.keys()]) if (isSecretName(name)) u.searchParams.set(name, MASK);
    // URL keeps the masked value percent-encoded; show it plainly.
    return u.toString().replace(/%2A%2A%2A/g, MASK);
  } catch {
    return url;
  }
}

/** Command arguments with the value of secret-looking flags (`--api-key=abc`, `--token abc`) masked. */
export function sanitizeArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  let maskNext = false;
  for (const arg of args) {
    if (maskNext) {
      out.push(MASK);
      maskNext = false;
      continue;
    }
    const eq = /^(--?[\w.-]+)=(.*)$/.exec(arg);
    if (eq && isSecretName(eq[1])) out.push(`${eq[1]}=${MASK}`);
    else if (/^--?[\w.-]+$/.test(arg) && isSecretName(arg)) {
      out.push(arg);
      maskNext = true;
    } else out.push(/^https?:\/\//i.test(arg) ? sanitizeUrl(arg) : arg);
  }
  return out;
}

/** The profile's target object for reports: a deep copy with anything secret masked. */
export function sanitizeTarget(target: TargetConfig): SanitizedTarget {
  const copy = JSON.parse(JSON.stringify(target)) as TargetConfig;
  if (copy.base_url) copy.base_url = sanitizeUrl(copy.base_url);
  if (copy.http?.headers) {
    for (const name of Object.keys(copy.http.headers)) if (isSecretName(name)) copy.http.headers[name] = MASK;
  }
  if (copy.http?.path)
    copy.http.path = copy.http.path.replace(/([?&][^=&#]+)=([^&#]*)/g, (m, key: string) => (isSecretName(key) ? `${key}=${MASK}` : m));
  if (copy.mcp) {
    if (copy.mcp.env) for (const name of Object.keys(copy.mcp.env)) copy.mcp.env[name] = MASK;
    if (copy.mcp.args) copy.mcp.args = sanitizeArgs(copy.mcp.args);
    if (copy.mcp.url) copy.mcp.url = sanitizeUrl(copy.mcp.url);
  }
  return copy as unknown as SanitizedTarget;
}

/** One line naming the target, without secrets: "api aiqk http://127.0.0.1:8000/ model gpt-4o-mini". */
export function describeTarget(target: TargetConfig): string {
  const t = sanitizeTarget(target) as unknown as TargetConfig;
  if (t.mode === 'builtin') return 'builtin (offline demo RAG)';
  if (t.mode === 'mcp') {
    const where = t.mcp?.url ? `http ${t.mcp.url}` : `stdio ${[t.mcp?.command ?? '', ...(t.mcp?.args ?? [])].join(' ').trim()}`;
    return `mcp ${where} tool ${t.mcp?.tool ?? '?'}`;
  }
  const protocol = t.protocol ?? 'aiqk';
  return `api ${protocol} ${t.base_url ?? '?'}${t.model ? ` model ${t.model}` : ''}`;
}
