// Names that say "secret": headers, query parameters, env variables and command
// flags whose values are masked wherever a target is shown or a request is
// forwarded. Deliberately broader than `isSecretField` (keyShapes.ts), which
// decides which report fields are masked whole: here a false positive only
// hides a harmless value from a description or a redirect.

import { MASK } from './redact';

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
