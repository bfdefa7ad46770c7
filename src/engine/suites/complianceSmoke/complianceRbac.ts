import type { RunProfile } from '../../model/profileTypes';
import type { Target } from '../../model/target';
import { chatCompletionsUrl } from '../../targets/http/openaiTarget';
import { fillTemplate, jsonEscape } from '../../targets/http/httpTarget';

/** A protected route to probe: method, path (relative to base_url, or absolute) and a body. */
export interface ProtectedRoute {
  /** As written in the profile (or `ask route` for the default). */
  label: string;
  method: string;
  path: string;
  body?: string;
}

/** The two ways of calling a route without valid credentials. */
export type RbacProbe = 'no_auth' | 'wrong_token';

/** How a route answered a probe: 401/403 refused; 2xx accessible (a violation); anything else unclear. */
export type RbacVerdict = 'refused' | 'violation' | 'unclear';

/** The question the ask-route probes carry: harmless, so an open route only proves it is open. */
const PROBE_QUESTION = 'Access check: reply with OK.';

/** The target's own ask route as a request of its protocol (what the target would send, minus credentials). */
export function askRoute(target: RunProfile['target']): ProtectedRoute {
  const protocol = target.protocol ?? 'aiqk';
  if (protocol === 'openai') {
    const body = JSON.stringify({ model: target.model ?? '', messages: [{ role: 'user', content: PROBE_QUESTION }] });
    return { label: 'ask route', method: 'POST', path: chatCompletionsUrl(target.base_url ?? ''), body };
  }
  if (protocol === 'http' && target.http) {
    const t = target.http;
    return {
      label: 'ask route',
      method: t.method ?? 'POST',
      path: fillTemplate(t.path ?? '/', encodeURIComponent(PROBE_QUESTION)),
      ...(t.method === 'GET' ? {} : { body: fillTemplate(t.body, jsonEscape(PROBE_QUESTION)) }),
    };
  }
  return {
    label: 'ask route',
    method: 'POST',
    path: '/ask',
    body: JSON.stringify({ query: PROBE_QUESTION, provider: target.provider, model: target.model }),
  };
}

/**
 * Parses a route as written in the profile: `/admin/users`, `POST /admin/users`.
 * A trailing `/*` probes the folder itself (`/orchestrator/*` → `/orchestrator/`);
 * a bare `*` (everything) names no route to probe and yields undefined.
 */
export function parseRoute(text: string, ask: ProtectedRoute): ProtectedRoute | undefined {
  const trimmed = text.trim();
  const m = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)$/i.exec(trimmed);
  const method = m ? m[1].toUpperCase() : undefined;
  let path = m ? m[2] : trimmed;
  if (path === '*' || path === '/*' || path === '') return undefined;
  if (path.endsWith('/*')) path = path.slice(0, -1);
  // The target's own ask route keeps its real request body, so an open route answers 200, not 422.
  if (path === ask.path && (!method || method === ask.method)) return { ...ask, label: trimmed };
  const verb = method ?? 'GET';
  return { label: trimmed, method: verb, path, ...(verb === 'GET' || verb === 'HEAD' ? {} : { body: '{}' }) };
}

/**
 * The routes to probe: suite_options.compliance_smoke.protected_routes, else
 * every route of rbac_matrix, else the target's ask route when the profile
 * sends credentials (a target used without any is not protected by design).
 */
export function protectedRoutes(profile: RunProfile): { routes: ProtectedRoute[]; source: string } {
  const ask = askRoute(profile.target);
  const opts = profile.suite_options?.compliance_smoke;
  const parseAll = (list: string[]): ProtectedRoute[] => {
    const seen = new Set<string>();
    return list
      .map((r) => parseRoute(r, ask))
      .filter((r): r is ProtectedRoute => {
        if (!r || seen.has(`${r.method} ${r.path}`)) return false;
        seen.add(`${r.method} ${r.path}`);
        return true;
      });
  };
  if (opts?.protected_routes && opts.protected_routes.length > 0)
    return { routes: parseAll(opts.protected_routes), source: 'protected_routes' };
  if (opts?.rbac_matrix && Object.keys(opts.rbac_matrix).length > 0)
    return { routes: parseAll(Object.values(opts.rbac_matrix).flat()), source: 'rbac_matrix' };
  if (profile.target.auth?.bearer_env) return { routes: [ask], source: 'the target ask route' };
  return { routes: [], source: 'none' };
}

/** The header a wrong-token probe sends: the profile's auth header with a token that cannot be valid. */
export function wrongTokenHeader(target: RunProfile['target'], token: string): Record<string, string> {
  const header = target.auth?.header?.trim() || 'Authorization';
  return { [header]: header.toLowerCase() === 'authorization' ? `Bearer ${token}` : token };
}

/** Classifies a status: 401/403 refused, 2xx violation, anything else (3xx, 404, 5xx) unclear. */
export function rbacVerdict(status: number): RbacVerdict {
  if (status === 401 || status === 403) return 'refused';
  if (status >= 200 && status < 300) return 'violation';
  return 'unclear';
}

/** The result of one probe: the evidence row of the Compliance details. */
export interface RbacProbeResult {
  route: string;
  method: string;
  path: string;
  probe: RbacProbe;
  status: number | null;
  verdict: RbacVerdict;
  /** Start of the reply body (secrets masked by the target), or the transport error. */
  evidence: string;
  latencyMs: number;
}

/** Sends one probe (no credentials, or a wrong token) and classifies the answer; never throws. */
export async function probeRoute(
  http: NonNullable<Target['http']>,
  route: ProtectedRoute,
  probe: RbacProbe,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<RbacProbeResult> {
  const started = Date.now();
  const base = { route: route.label, method: route.method, path: route.path, probe };
  try {
    const init = {
      method: route.method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      signal,
      ...(route.body !== undefined ? { body: route.body } : {}),
    };
    const res = await http.request(route.path, init);
    return {
      ...base,
      status: res.status,
      verdict: rbacVerdict(res.status),
      evidence: res.body.slice(0, 200),
      latencyMs: Date.now() - started,
    };
  } catch (err) {
    return {
      ...base,
      status: null,
      verdict: 'unclear',
      evidence: err instanceof Error ? err.message : String(err),
      latencyMs: Date.now() - started,
    };
  }
}
