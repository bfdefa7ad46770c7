// The configuration preview must never show a credential, even one an edited
// profile carries in a header by mistake: values under secret-sounding keys,
// and anything that looks like a key, are masked line by line.
import { isSecretField, looksLikeSecret } from './keyShapes';
import { maskSecrets } from './textMasks';

/** The mask shown instead of a secret. */
export const SECRET_MASK = '••••••••';

/** The YAML text with secret values masked (names of secrets, `*_env` keys and `${NAME}` references stay). */
export function maskSecretsInYaml(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*(?:-\s+)?["']?([\w.-]+)["']?\s*:\s*)(.+?)(\s+#.*)?$/.exec(line);
      if (m) {
        const [, lead, key, value, comment = ''] = m;
        const bare = value.replace(/^["']|["']$/g, '');
        if (/_env$/i.test(key) || /^\$\{[\w.-]+\}$/.test(bare) || /^[|>][-+]?$/.test(value)) return line;
        if (isSecretField(key) && bare !== '' && !/^[[{]/.test(bare)) return `${lead}${SECRET_MASK}${comment}`;
      }
      return line.replace(/[A-Za-z0-9_\-.+/=]{12,}/g, (w) => (looksLikeSecret(w) ? SECRET_MASK : w));
    })
    .join('\n');
}

/** A text with any credential-looking word, then any other known key shape, masked (for answers echoed into the chat). */
export function maskSecretsInText(text: string): string {
  return maskSecrets(text.replace(/(?:bearer\s+)?[A-Za-z0-9_\-.+/=]{12,}/gi, (w) => (looksLikeSecret(w) ? SECRET_MASK : w)));
}
