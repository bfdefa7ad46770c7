import * as path from 'node:path';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import type { SecretLookup } from '../engine/model/target';
import { envSecretLookup } from '../engine/targets/createTarget';
import { errorBody, sendError, validationProblems } from './httpErrors';
import { Journal } from './journal';
import { RateLimiter } from './rateLimiter';
import { registerReportRoutes } from './reportRoutes';
import { restoreRuns } from './runRecord';
import { RunManager } from './runManager';
import { registerRunRoutes } from './runRoutes';
import { SHARED_SCHEMAS } from './schemas';
import type { ServerContext } from './serverContext';
import type { ServerOptions } from './serverOptions';
import { TestdataStore } from './testdataStore';
import { registerTestdataRoutes } from './testdataRoutes';
import type { Principal } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** A built server, not yet listening. */
export interface TeamServer {
  app: FastifyInstance;
  context: ServerContext;
  /** Cancels every run (their partial reports are written), records the stop and closes. */
  stop(reason: string): Promise<void>;
}

const OPEN_ROUTES = new Set(['/healthz', '/openapi.json']);

/** Builds the team server: restores the run history, then wires authentication, limits, audit and routes. */
export async function createServer(options: ServerOptions, onWarning: (line: string) => void = () => undefined): Promise<TeamServer> {
  const reportsDir = path.join(options.dataDir, 'reports');
  const journal = new Journal(path.join(options.dataDir, 'audit.jsonl'), onWarning);
  const store = new TestdataStore(path.join(options.dataDir, 'testdata'));
  await store.init();
  const runs = new RunManager({
    maxConcurrent: options.maxConcurrent,
    maxQueue: options.maxQueue,
    reportsDir,
    runAuditFile: path.join(options.dataDir, 'run-audit.jsonl'),
    secrets: allowedSecrets(options.secretNames),
    journal,
  });
  runs.restore(await restoreRuns(journal, reportsDir));
  const context: ServerContext = { options, runs, store, journal, reportsDir };

  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    trustProxy: options.behindProxy,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  for (const s of SHARED_SCHEMAS) app.addSchema(s);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'AI Quality Kit team server', version: '1', description: 'The orchestrator API of `aiqk serve`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });

  const limiter = new RateLimiter(options.rateLimit);
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url ?? request.url;
    if (OPEN_ROUTES.has(route)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match ? options.tokens.identify(match[1] as string) : undefined;
    if (!principal) {
      void journal.write({ event: 'auth_failure', what: `${request.method} ${route}`, ip: request.ip, code: 401 });
      reply.header('www-authenticate', 'Bearer');
      return sendError(reply, 401, match ? 'the bearer token is not known to this server' : 'send Authorization: Bearer <token>');
    }
    request.principal = principal;
    const wait = limiter.take(principal.id);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return sendError(reply, 429, `more than ${options.rateLimit} requests a second for this token; retry after ${wait} s`);
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!request.principal) return;
    const params = request.params as { run_id?: string; name?: string } | undefined;
    const runId = params?.run_id ?? runIdOfReport(params?.name) ?? (reply as unknown as { aiqkRunId?: string }).aiqkRunId;
    void journal.write({
      event: 'api_call',
      who: request.principal.id,
      role: request.principal.role,
      what: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
      code: reply.statusCode,
      ip: request.ip,
      ...(runId ? { run_id: runId } : {}),
    });
  });
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; validationContext?: string }, _request, reply) => {
    if (err.validation)
      return sendError(reply, 422, 'the request does not match the API', validationProblems(err.validationContext, err.validation as []));
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) onWarning(`internal error: ${err.message}`);
    return reply.code(status).send(errorBody(status, status >= 500 ? 'the server failed on this request' : err.message));
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`));

  app.get('/healthz', { schema: { security: [], response: { 200: healthSchema } } }, async () => ({
    status: 'ok',
    running: runs.active - runs.queued,
    queued: runs.queued,
  }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerRunRoutes(app, context);
  registerReportRoutes(app, context);
  await app.register(async (scope) => registerTestdataRoutes(scope, context));
  await journal.write({ event: 'server_started' });

  return {
    app,
    context,
    async stop(reason: string): Promise<void> {
      await runs.shutdown(reason);
      await journal.write({ event: 'server_stopped', reason });
      await app.close();
    },
  };
}

const healthSchema = {
  type: 'object',
  required: ['status', 'running', 'queued'],
  properties: { status: { type: 'string' }, running: { type: 'integer' }, queued: { type: 'integer' } },
} as const;

function runIdOfReport(name: string | undefined): string | undefined {
  return name ? /^(run_[^.]+)\./.exec(name)?.[1] : undefined;
}

/** The server's environment variables that profiles may name as secrets; every other name is not found. */
function allowedSecrets(names: readonly string[]): SecretLookup {
  const allowed = new Set(names);
  return async (name) => (allowed.has(name) ? envSecretLookup(name) : undefined);
}
