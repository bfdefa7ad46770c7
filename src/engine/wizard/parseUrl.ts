// Finding an address in what people type: full URLs, host:port, "port 8000",
// bare local host names. Local hosts get http, other hosts https.

/** An address found in a text, or why the text has none usable. */
export type FoundUrl = { url: string } | { error: string } | undefined;

const LOCAL = /^(localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/i;

function tidy(raw: string): string {
  return raw.replace(/[.,;:!?)\]}>'"]+$/, '');
}

function finish(candidate: string): FoundUrl {
  let u: URL;
  try {
    u = new URL(candidate);
  } catch {
    return { error: `'${candidate}' is not a valid address` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: `'${candidate}' is not an http or https address` };
  if (!u.hostname) return { error: `'${candidate}' has no host name` };
  if (u.port && (Number(u.port) < 1 || Number(u.port) > 65535)) return { error: `port ${u.port} is out of range (1-65535)` };
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '');
  return { url: `${u.protocol}//${u.host}${path}${u.search}` };
}

/** The first address in a text (`http://…`, `localhost:8000/v1`, `port 8000`, `api.example.com`). */
export function findUrl(text: string): FoundUrl {
  const explicit = /\b(https?):\/\/[^\s,;"'<>]+/i.exec(text);
  if (explicit) return finish(tidy(explicit[0]));
  const other = /\b([a-z][a-z0-9+.-]*):\/\/[^\s]+/i.exec(text);
  if (other) return { error: `'${tidy(other[0])}' is not an http or https address` };
  const hostPort =
    /(?:^|[\s(@])((?:localhost|\d{1,3}(?:\.\d{1,3}){3}|\[::1\]|[a-z0-9-]+(?:\.[a-z0-9-]+)*)?:(\d{1,6})(\/[^\s,;"'<>]*)?)/i.exec(text);
  if (hostPort) {
    const host = hostPort[1].slice(0, hostPort[1].length - `:${hostPort[2]}${hostPort[3] ?? ''}`.length) || 'localhost';
    const scheme = LOCAL.test(host) || !host.includes('.') ? 'http' : 'https';
    return finish(`${scheme}://${host}:${hostPort[2]}${tidy(hostPort[3] ?? '')}`);
  }
  const port = /\bport\s*(\d{1,6})\b/i.exec(text);
  if (port) return finish(`http://localhost:${port[1]}`);
  const bareLocal = /(?:^|\s)(localhost|127\.0\.0\.1)(\/[^\s,;]*)?(?=\s|$)/i.exec(text);
  if (bareLocal) return finish(`http://${bareLocal[1]}${tidy(bareLocal[2] ?? '')}`);
  const domain = /(?:^|\s)((?:[a-z0-9-]+\.)+(?:com|net|org|io|ai|dev|app|cloud|co|internal|local|lan)(?:\/[^\s,;]*)?)(?=\s|$)/i.exec(text);
  if (domain) return finish(`https://${tidy(domain[1])}`);
  return undefined;
}

/** Whether an URL looks like an OpenAI-compatible server (ends in /v1, or a well-known local LLM port). */
export function looksOpenAiCompatible(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return /\/v1$/.test(u.pathname) || ['11434', '1234', '8080'].includes(u.port) || /openai|groq|together|mistral/.test(u.hostname);
  } catch {
    return false;
  }
}
