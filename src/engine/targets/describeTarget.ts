// The target as people and reports see it. A profile holds no secrets by design
// (only the names of variables), but people still paste tokens where they should
// not: env values, auth-like headers, URL credentials and key-like command
// arguments are masked before the target is written anywhere.

import type { Target as TargetConfig } from '../model/profileTypes';
import type { SanitizedTarget } from '../model/runTypes';
import { MASK } from '../secrets/redact';
import { isSecretName, sanitizeUrl } from '../secrets/secretNames';
import { sanitizeArgs } from './mcp/commandArgs';

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
