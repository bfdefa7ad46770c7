// Secrets (bearer tokens) must never reach an error message, a log or a report,
// even when a misbehaving server echoes them back. Every text that leaves the
// HTTP layer goes through maskSecrets.

/** What replaces a secret in any text we keep. */
export const MASK = '***';

/** Longest body excerpt kept in an error. */
export const EXCERPT_CHARS = 300;

/** Replaces every occurrence of each secret (raw, URL-encoded or JSON-escaped) with the mask. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask innocent text and are no real secret anyway.
    if (!secret || secret.length < 4) continue;
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
      Buffer.from(secret).toString('base64'),
    ]);
    for (const form of forms) out = out.split(form).join(MASK);
  }
  return out;
}

/** The first EXCERPT_CHARS characters of a body, secrets masked, whitespace runs collapsed. */
export function excerpt(text: string, secrets: readonly string[], max = EXCERPT_CHARS): string {
  // Mask before cutting, so a secret straddling the cut cannot survive half-visible.
  const masked = maskSecrets(text, secrets).replace(/\s+/g, ' ').trim();
  return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}
