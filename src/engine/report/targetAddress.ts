import type { RunResult } from '../model/runTypes';

// Stands in for the target's host while the masks run: letters and punctuation
// only, so no PII or secret mask can match it.
const PLACEHOLDER = '\u27e6aiqk-target-host\u27e7';

/**
 * The IPv4 hosts of the user's own configured target (its base_url and MCP url):
 * the only part of an address the PII masks touch (a host name is never masked,
 * and keeping one would shield e-mail addresses at that domain from the masks).
 */
export function targetHosts(target: RunResult['run']['target']): string[] {
  const urls: unknown[] = [target.base_url, (target.mcp as { url?: unknown } | undefined)?.url];
  const hosts = new Set<string>();
  for (const u of urls) {
    if (typeof u !== 'string') continue;
    try {
      const host = new URL(u).hostname;
      if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) hosts.add(host);
    } catch {
      // Not a URL: nothing to keep.
    }
  }
  return [...hosts];
}

// Every string of a JSON-like value through `f`; unlike anonymize's walk, no key is special.
function eachString<T>(value: T, f: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return f(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Runs `anonymize` over a result but keeps the user's own target address
 * readable: the report's errors and logs say "connection refused by
 * http://127.0.0.1:8771/ask", not `127.*.*.*`. Only the host is kept; a
 * credential in the URL and every other address are still masked.
 */
export function keepTargetAddress(result: RunResult, anonymize: (r: RunResult) => RunResult): RunResult {
  const hosts = targetHosts(result.run.target);
  if (hosts.length === 0) return anonymize(result);
  const hide = (text: string): string => hosts.reduce((t, h, i) => t.split(h).join(`${PLACEHOLDER}${'\u2032'.repeat(i)}`), text);
  // Restored longest placeholder first, so the one of host 0 is not a prefix match of host 1's.
  const order = hosts.map((h, i) => [h, i] as const).sort((a, b) => b[1] - a[1]);
  const restore = (text: string): string => order.reduce((t, [h, i]) => t.split(`${PLACEHOLDER}${'\u2032'.repeat(i)}`).join(h), text);
  return eachString(anonymize(eachString(result, hide)), restore);
}
