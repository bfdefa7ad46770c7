import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from './serverContext';
import { sendError } from './httpErrors';
import type { ProgressEvent } from './runManager';
import { FINAL_STATUSES } from './runRecord';
import { mayTouch } from './access';
import { errors, ref, runIdParams, runSchema } from './schemas';

/** How often a quiet event stream gets a comment line. */
const SSE_PING_MS = 15000;

interface ListQuery {
  status?: string;
  profile?: string;
  limit: number;
  offset: number;
}

/** The run history: a paged list, one run, and its progress as server-sent events. */
export function registerRunHistoryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/orchestrator/runs',
    {
      schema: {
        summary: 'Every run this server accepted, newest first (an admin sees all, a user its own)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: runSchema.properties.status.enum },
            profile: { type: 'string', description: 'profile_name given at start' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['runs', 'total', 'limit', 'offset'],
            properties: {
              runs: { type: 'array', items: ref('Run') },
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
            },
          },
          ...errors(401, 422, 429),
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: ListQuery }>) => {
      const q = request.query;
      const all = ctx.runs
        .list()
        .filter(
          (r) => mayTouch(request.principal, r) && (!q.status || r.status === q.status) && (!q.profile || r.profile_name === q.profile),
        );
      return { runs: all.slice(q.offset, q.offset + q.limit), total: all.length, limit: q.limit, offset: q.offset };
    },
  );

  app.get(
    '/orchestrator/runs/:run_id',
    {
      schema: {
        summary: 'One run: status, progress, summary',
        params: runIdParams,
        response: { 200: ref('Run'), ...errors(401, 403, 404, 429) },
      },
    },
    async (request: FastifyRequest<{ Params: { run_id: string } }>, reply) => {
      const run = ctx.runs.get(request.params.run_id);
      if (!run) return sendError(reply, 404, `no run ${request.params.run_id}`);
      if (!mayTouch(request.principal, run)) return sendError(reply, 403, `run ${run.run_id} belongs to another user`);
      return run;
    },
  );

  app.get(
    '/orchestrator/runs/:run_id/events',
    {
      schema: {
        summary: 'Progress as server-sent events: status, suite-started, case-finished, suite-finished, end (each data is {type, run, …})',
        params: runIdParams,
        response: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors(401, 403, 404, 429),
        },
      },
    },
    async (request: FastifyRequest<{ Params: { run_id: string } }>, reply) => {
      const run = ctx.runs.get(request.params.run_id);
      if (!run) return sendError(reply, 404, `no run ${request.params.run_id}`);
      if (!mayTouch(request.principal, run)) return sendError(reply, 403, `run ${run.run_id} belongs to another user`);
      void ctx.journal.write({
        event: 'api_call',
        who: request.principal?.id,
        role: request.principal?.role,
        what: 'GET /orchestrator/runs/:run_id/events',
        code: 200,
        ip: request.ip,
        run_id: run.run_id,
      });
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      const send = (e: ProgressEvent): void => {
        raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
      };
      send({ type: 'status', run });
      if (FINAL_STATUSES.includes(run.status)) {
        send({ type: 'end', run });
        raw.end();
        return;
      }
      // A comment line now and then keeps proxies from closing a quiet stream (a slow case).
      const ping = setInterval(() => raw.write(': ping\n\n'), SSE_PING_MS);
      const unsubscribe = ctx.runs.subscribe(run.run_id, (e) => {
        send(e);
        if (e.type === 'end') raw.end();
      });
      raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
    },
  );
}
