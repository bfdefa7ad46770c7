import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mayTouch } from './access';
import { sendError } from './httpErrors';
import { reportFile } from './runRecord';
import type { ServerContext } from './serverContext';
import { errors } from './schemas';

const TYPES: Record<string, { format: string; type: string }> = {
  '.json': { format: 'json', type: 'application/json' },
  '.xlsx': { format: 'xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  '.junit.xml': { format: 'junit', type: 'application/xml' },
};

/** `GET /orchestrator/report/{run_id}.json|.xlsx|.junit.xml`: a run's report as written by the engine. */
export function registerReportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/orchestrator/report/:name',
    {
      schema: {
        summary: 'A run report: {run_id}.json, {run_id}.xlsx or {run_id}.junit.xml',
        params: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', pattern: '^run_\\d{8}-\\d{6}_[0-9a-f]{8}\\.(json|xlsx|junit\\.xml)$' } },
        },
        response: {
          200: {
            description: 'The report',
            content: {
              'application/json': { schema: { type: 'object', additionalProperties: true } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
              'application/xml': { schema: { type: 'string' } },
            },
          },
          ...errors(401, 403, 404, 422, 429),
        },
      },
    },
    async (request: FastifyRequest<{ Params: { name: string } }>, reply) => {
      const name = request.params.name;
      const dot = name.indexOf('.');
      const runId = name.slice(0, dot);
      const kind = TYPES[name.slice(dot)];
      const run = ctx.runs.get(runId);
      if (!run || !kind) return sendError(reply, 404, `no run ${runId}`);
      if (!mayTouch(request.principal, run)) return sendError(reply, 403, `run ${runId} belongs to another user`);
      const file = reportFile(ctx.reportsDir, runId, kind.format);
      try {
        await access(file);
      } catch {
        return sendError(
          reply,
          404,
          `run ${runId} has no ${kind.format} report${run.status === 'running' || run.status === 'queued' ? ' yet: it is still going' : ''}`,
        );
      }
      return reply.type(kind.type).header('content-disposition', `attachment; filename="${name}"`).send(createReadStream(file));
    },
  );
}
