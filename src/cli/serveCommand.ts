import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createServer } from '../server/createServer';
import type { ServerOptions } from '../server/serverOptions';
import { bindProblem, DEFAULT_PORT, SERVER_DEFAULTS } from '../server/serverOptions';
import { parseTokenFile, parseTokenList, TokenTable } from '../server/tokens';
import { parseOptions } from './parseOptions';

const USAGE = `Usage: aiqk serve [options]

Runs the team server: the orchestrator API (start, run_tests, running-tests, cancel,
reports, run history, events) over the same engine as "aiqk run".

Options:
  --host <host>            address to listen on (default 127.0.0.1); another one needs
                           --tls-cert and --tls-key, or --behind-proxy
  --port <port>            port (default ${DEFAULT_PORT}; 0 picks a free one)
  --tokens-file <file>     tokens, one "role token" a line (role: admin or user); default:
                           the AIQK_SERVER_TOKENS variable, "role:token,role:token"
  --data-dir <dir>         where reports, uploaded datasets and the audit log are kept
                           (default .aiqk-server)
  --secrets A,B            environment variables profiles may name as secrets (default:
                           the AIQK_SERVER_SECRETS variable; none when unset)
  --max-concurrent <n>     runs at once (default ${SERVER_DEFAULTS.maxConcurrent})
  --max-queue <n>          runs waiting beyond those; more are answered 429 (default ${SERVER_DEFAULTS.maxQueue})
  --rate-limit <n>         requests a second per token, bursts of twice that (default ${SERVER_DEFAULTS.rateLimit})
  --body-limit <bytes>     largest JSON request (default ${SERVER_DEFAULTS.bodyLimit})
  --upload-limit <bytes>   largest uploaded dataset (default ${SERVER_DEFAULTS.uploadLimit})
  --tls-cert <file>        serve HTTPS with this certificate (PEM) ...
  --tls-key <file>         ... and this key
  --behind-proxy           a TLS proxy in front is the only way in (trusts X-Forwarded-For)
  -h, --help               this text

SIGTERM or Ctrl-C cancels the running runs (their partial reports are written,
marked cancelled) and stops; a second signal stops at once.
`;

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min} (got '${value}')`);
  return n;
}

/** Reads the options of `aiqk serve`; throws a readable error on a bad one. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions | 'help' {
  const { values } = parseOptions({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'tokens-file': { type: 'string' },
      'data-dir': { type: 'string' },
      secrets: { type: 'string' },
      'max-concurrent': { type: 'string' },
      'max-queue': { type: 'string' },
      'rate-limit': { type: 'string' },
      'body-limit': { type: 'string' },
      'upload-limit': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'behind-proxy': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const tokensFile = values['tokens-file'];
  const pairs = tokensFile
    ? parseTokenFile(readFileSync(tokensFile, 'utf8'), path.basename(tokensFile))
    : parseTokenList(env.AIQK_SERVER_TOKENS ?? '');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new Error('--tls-cert and --tls-key go together');
  const secrets = values.secrets ?? env.AIQK_SERVER_SECRETS ?? '';
  return {
    host: values.host ?? '127.0.0.1',
    port: positiveInt('port', values.port, DEFAULT_PORT, 0),
    tokens: TokenTable.from(pairs),
    dataDir: path.resolve(values['data-dir'] ?? '.aiqk-server'),
    maxConcurrent: positiveInt('max-concurrent', values['max-concurrent'], SERVER_DEFAULTS.maxConcurrent),
    maxQueue: positiveInt('max-queue', values['max-queue'], SERVER_DEFAULTS.maxQueue, 0),
    rateLimit: positiveInt('rate-limit', values['rate-limit'], SERVER_DEFAULTS.rateLimit),
    bodyLimit: positiveInt('body-limit', values['body-limit'], SERVER_DEFAULTS.bodyLimit),
    uploadLimit: positiveInt('upload-limit', values['upload-limit'], SERVER_DEFAULTS.uploadLimit),
    ...(values['tls-cert'] && values['tls-key']
      ? { tls: { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) } }
      : {}),
    behindProxy: values['behind-proxy'] === true,
    secretNames: secrets
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  };
}

/** `aiqk serve`: runs the team server until SIGTERM, SIGINT or SIGHUP. */
export async function serveCommand(argv: string[]): Promise<number> {
  let options: ServerOptions | 'help';
  try {
    options = parseServeArgs(argv);
    if (options !== 'help') {
      const problem = bindProblem(options);
      if (problem) throw new Error(problem);
    }
  } catch (err) {
    process.stderr.write(`aiqk serve: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const server = await createServer(options, (line) => process.stderr.write(`aiqk serve: ${line}\n`));
  const address = await server.app.listen({ host: options.host, port: options.port });
  process.stdout.write(
    `aiqk serve: listening on ${address} (${options.tokens.size} tokens, at most ${options.maxConcurrent} runs at once, data in ${options.dataDir})\n`,
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.stderr.write(`aiqk serve: ${signal} again, stopping now\n`);
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
      }
      stopping = true;
      process.stderr.write(`aiqk serve: ${signal} received, cancelling runs and writing their partial reports\n`);
      void server.stop(`server stopping (${signal})`).then(() => {
        process.stdout.write('aiqk serve: stopped\n');
        resolve(0);
      });
    };
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, onSignal);
  });
}
