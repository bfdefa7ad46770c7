// Real-shaped credentials of every kind the key table knows, generated afresh
// for each test process: no real secret is ever stored in the repository.
import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `n` random characters from `alphabet`, with at least one digit when the alphabet has digits. */
export function randomChars(n: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
  // A random token without any digit is possible but would make near-miss checks flaky.
  return /\d/.test(alphabet) && !/\d/.test(out) ? `${out.slice(0, -1)}7` : out;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** One generated credential: its kind, the whole token, and the part that must never be seen. */
export interface CorpusToken {
  kind: string;
  token: string;
  secret: string;
}

function prefixed(kind: string, prefix: string, body: string): CorpusToken {
  return { kind, token: prefix + body, secret: body };
}

/** Kinds that are a name and a value rather than one token a user could paste as a key. */
export const NAMED_KINDS: readonly string[] = ['named api key', 'named secret in JSON', 'password', 'token in prose'];

/** A credential of every kind, as a provider would issue it. */
export function tokenCorpus(): CorpusToken[] {
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const letters = ALNUM.slice(0, 52);
  const jwtBody = `${base64url({ sub: randomChars(10), iat: randomInt(1e9) })}.${randomBytes(32).toString('base64url')}`;
  const pem = randomBytes(600).toString('base64').replace(/.{64}/g, '$&\n');
  const awsSecret = randomChars(38, `${ALNUM}/+`) + 'aZ';
  return [
    prefixed('openai', 'sk-', randomChars(48)),
    prefixed('openai project', 'sk-proj-', `${randomChars(74, `${ALNUM}_-`)}T3BlbkFJ${randomChars(20)}`),
    prefixed('anthropic', 'sk-ant-', `api03-${randomChars(93, `${ALNUM}_-`)}AA`),
    prefixed('hugging face', 'hf_', randomChars(34, letters)),
    prefixed('github classic', 'ghp_', randomChars(36)),
    prefixed('github oauth', 'gho_', randomChars(36)),
    prefixed('github app', 'ghs_', randomChars(36)),
    prefixed('github fine-grained', 'github_pat_', `${randomChars(22)}_${randomChars(59)}`),
    prefixed('gitlab', 'glpat-', randomChars(20, `${ALNUM}_-`)),
    prefixed('slack', 'xoxb-', `${randomChars(12, '0123456789')}-${randomChars(13, '0123456789')}-${randomChars(24)}`),
    prefixed('aws key id', 'AKIA', randomChars(16, upper)),
    prefixed('aws session key id', 'ASIA', randomChars(16, upper)),
    { kind: 'aws secret key', token: awsSecret, secret: awsSecret },
    prefixed('google', 'AIza', randomChars(35, `${ALNUM}_-`)),
    prefixed('stripe secret', 'sk_live_', randomChars(99)),
    prefixed('stripe restricted', 'rk_live_', randomChars(99)),
    prefixed('jwt', 'eyJ', `${base64url({ alg: 'HS256', typ: 'JWT' }).slice(3)}.${jwtBody}`),
    prefixed('bearer value', 'Bearer ', randomChars(40, `${ALNUM}._-`)),
    prefixed('private key', '-----BEGIN RSA PRIVATE KEY-----\n', `${pem}\n-----END RSA PRIVATE KEY-----`),
    prefixed('named api key', 'api_key: ', randomChars(32, '0123456789abcdef')),
    prefixed('named secret in JSON', '"client_secret": "', randomChars(28)),
    prefixed('password', 'password=', `${randomChars(6, letters)}!${randomChars(4)}`),
    prefixed('token in prose', 'my access token is ', randomChars(32)),
  ];
}

/** Pieces of a secret that would give it away: the start, middle and end of its longest unbroken run (10 characters each). */
export function telltales(secret: string): string[] {
  const run = secret.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
  if (run.length <= 10) return [run];
  const mid = Math.floor(run.length / 2) - 5;
  return [run.slice(0, 10), run.slice(mid, mid + 10), run.slice(-10)];
}
