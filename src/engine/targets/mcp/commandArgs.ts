// A stdio server's command line as people see it: key-like flags pasted into
// `target.mcp.args` must not reach a report or a target description.

import { MASK } from '../../secrets/redact';
import { isSecretName, sanitizeUrl } from '../../secrets/secretNames';

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
