// The one table of known credential shapes. Report anonymisation, log and
// error redaction, the wizard's key detection and the wizard webview all read
// it (the webview receives the patterns' sources through src/protocol.ts).
//
// Every pattern must run in time linear in the text's length, whatever a
// hostile target answers: a shape starts only where a run of its characters
// starts (the look-behind), its body is one greedy character class or a few
// runs split by a literal separator, and nothing after a body can fail late.
// No nested quantifiers, no `.*` pairs.

/** One known credential shape: a literal prefix kept as a hint, and the body that is masked. */
export interface KeyShape {
  /** Stable id, used in tests and error texts. */
  id: string;
  /** Who issues such keys. */
  label: string;
  /** Regex source of the prefix (kept in a masked text, so rows stay tellable apart). */
  prefix: string;
  /** Regex source of the secret part after the prefix. */
  body: string;
  /** Whether the prefix matches in any case (a target may echo a key upper-cased). */
  anyCase: boolean;
}

const RUN = '[A-Za-z0-9_-]';

/** The known credential shapes, most specific first. */
export const KEY_SHAPES: readonly KeyShape[] = [
  { id: 'anthropic', label: 'Anthropic', prefix: 'sk-ant-', body: `${RUN}{20,}`, anyCase: true },
  {
    id: 'openai',
    label: 'OpenAI',
    prefix: 'sk-(?:proj-|svcacct-|admin-|live-|test-)?',
    body: `${RUN}{16,}`,
    anyCase: true,
  },
  { id: 'stripe', label: 'Stripe', prefix: '[sr]k_(?:live|test)_', body: '[A-Za-z0-9]{16,}', anyCase: true },
  { id: 'huggingface', label: 'Hugging Face', prefix: 'hf_', body: '[A-Za-z0-9]{30,}', anyCase: true },
  { id: 'github', label: 'GitHub', prefix: 'gh[pousr]_', body: '[A-Za-z0-9]{20,}', anyCase: true },
  { id: 'githubPat', label: 'GitHub', prefix: 'github_pat_', body: '[A-Za-z0-9_]{22,}', anyCase: true },
  { id: 'gitlab', label: 'GitLab', prefix: 'gl(?:pat|dt|rt|ptt|cbt|oas)-', body: `${RUN}{20,}`, anyCase: true },
  { id: 'slack', label: 'Slack', prefix: 'xox[abeoprs]-', body: '[A-Za-z0-9-]{10,}', anyCase: true },
  { id: 'awsKeyId', label: 'AWS', prefix: '(?:AKIA|ASIA|ABIA|ACCA)', body: '[A-Z0-9]{16}(?![A-Za-z0-9])', anyCase: false },
  { id: 'google', label: 'Google', prefix: 'AIza', body: `${RUN}{20,}`, anyCase: false },
  {
    id: 'jwt',
    label: 'JWT',
    prefix: 'eyJ',
    body: `${RUN}{8,}\\.${RUN}{8,}\\.${RUN}*`,
    anyCase: false,
  },
  {
    id: 'privateKey',
    label: 'private key',
    prefix: '-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----',
    // Up to the END line, or up to the next five dashes when a cut block has none.
    body: '[^-]*(?:-(?!----)[^-]*)*(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----)?',
    anyCase: false,
  },
];

/** An AWS secret access key: 40 base64 characters mixing upper, lower and digits. */
export const AWS_SECRET_KEY = {
  id: 'awsSecretKey',
  source: '(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=_-])',
} as const;

/** An `Authorization` scheme and its value: the scheme stays, the value is masked. */
export const AUTH_SCHEME_SOURCE = '\\b((?:Bearer|bearer|BEARER|Basic|Token)\\s+)[A-Za-z0-9\\-._~+/]{8,}=*';

/** Words that name a credential; a long random value next to one is a secret. */
export const SECRET_WORDS = 'api[_-]?key|apikey|key|token|secret|password|passwd|pwd|credentials?|auth';

// A field (header, env entry, YAML key) named like these holds a credential whatever its value looks like.
const SECRET_FIELD = /(^|[_-])(authorization|api[_-]?key|apikey|token|secret|password|passwd|cookie|credentials?)$/i;

/** Whether a field's name says its value is a credential (`x-api-key`, `OPENAI_API_KEY`, `client_secret`; not `*_env`). */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** Names whose value is secret whatever it looks like (`password=hunter2`). */
export const PASSWORD_WORD = /^(password|passwd|pwd|credentials?)$/i;

/** The characters of a value after a credential word (up to a space, a quote or a delimiter). */
export const NAMED_VALUE_CHARS = '[^\\s"\'&,;)}\\]<>]';

/**
 * A credential word, then `:`/`=` (or, in prose, a space or "is"), then (looked
 * at, not consumed, so a word inside a rejected value is still found) up to 200
 * characters of the value. Group 1 is the kept head, 2 the word, 3 the sign if any, 4 the value's start.
 */
export const NAMED_SECRET_SOURCE =
  `(?<![A-Za-z0-9])((${SECRET_WORDS})["']?(?:\\s{0,3}([:=])\\s{0,3}|\\s{1,3}(?:is\\s{1,3}|was\\s{1,3})?)["']?)` +
  `(?=(${NAMED_VALUE_CHARS}{1,200}))`;

/** The global finder of one shape: group 1 is the prefix kept as a hint, group 2 the body. */
export function shapeFinder(shape: KeyShape): RegExp {
  return new RegExp(`(?<!${RUN})(${shape.prefix})(${shape.body})`, shape.anyCase ? 'gi' : 'g');
}

/** A regex's source and flags, as sent to a webview. */
export interface PatternSource {
  source: string;
  flags: string;
}

// A whole answer that is one long random token (the wizard's "is this a key?"): no
// address, file name or path, not an UPPER_CASE name, and a run of 16+ letters and
// digits holding both. Anchored, so the look-aheads scan the text once each.
const BEARER_LEAD = '(?:[Bb]earer\\s+|BEARER\\s+)?';
const RANDOM_TOKEN =
  `^${BEARER_LEAD}(?![A-Za-z][A-Za-z0-9+.-]*://)(?!\\.{0,2}/)(?![A-Z][A-Z0-9_]*$)(?![^\\s]*\\.(?:jsonl?|ya?ml|txt|csv|js|ts|py|md|html?)$)` +
  '(?=[^\\s]*[A-Za-z0-9]{16})(?=[^\\s]*\\d)(?=[^\\s]*[A-Za-z])[A-Za-z0-9_\\-.+/=~:]{12,}$';

/**
 * The tests that tell whether one whole answer (trimmed) is a credential: any
 * match means it is. The wizard and its webview run exactly these.
 */
export function keyTestSources(): PatternSource[] {
  const shapes = KEY_SHAPES.map((s) => ({
    source: `^${BEARER_LEAD}${s.prefix}${s.body}$`,
    flags: s.anyCase ? 'i' : '',
  }));
  return [...shapes, { source: `^${AWS_SECRET_KEY.source}$`, flags: '' }, { source: RANDOM_TOKEN, flags: '' }];
}

const KEY_TESTS = keyTestSources().map((p) => new RegExp(p.source, p.flags));

/** Whether a whole answer looks like a credential rather than a name (sk-…, AKIA…, JWTs, long random tokens). */
export function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  return KEY_TESTS.some((re) => re.test(v));
}
