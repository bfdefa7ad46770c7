// Problem messages may quote a bit of the file they are about, to say what is
// wrong; never more than a short excerpt, and never what looks like a key. A
// profile can point its data at any file (a key file, /etc/shadow), and its
// messages travel to terminals, CI logs and the Problems panel.

/** Characters of a file's content a message may quote. */
export const QUOTE_CHARS = 24;

// One word of letters, digits and key punctuation that mixes letters and digits: a token, a key, a hash.
const KEY_LIKE = /^[A-Za-z0-9_\-+/=.:]{16,}$/;

/**
 * A short, masked excerpt of file content for a message: whitespace collapsed,
 * at most QUOTE_CHARS characters (longer text is cut with …), and a key-like
 * word shown only by its first 4 characters.
 */
export function quoteExcerpt(text: string, max = QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (KEY_LIKE.test(flat) && /[A-Za-z]/.test(flat) && /\d/.test(flat)) return `${flat.slice(0, 4)}… (${flat.length} characters, hidden)`;
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
