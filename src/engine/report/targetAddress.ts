import type { RunResult } from '../model/runTypes';

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
