import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newRunId, runIdProblem } from '../engine/model/runId';
import type { ServerContext } from './serverContext';
import { sendError } from './httpErrors';
import { prepareServerRun } from './prepareServerRun';
import type { RunRecord } from './runRecord';
import { RunRefused } from './runManager';
import { errors, ref, runIdParams, startAnswer, startBody } from './schemas';
import { mayTouch } from './access';
import { registerRunHistoryRoutes } from './runHistoryRoutes';

interface StartRequest {
  profile: unknown;
  run_id?: string;
  profile_name?: string;
}

/** The original orchestrator routes: start, run_tests, running-tests, cancel; and the run history. */
export function registerRunRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const startSchema = (summary: string) => ({
    summary,
    body: startBody,
    response: { 200: startAnswer, 202: startAnswer, ...errors(400, 401, 409, 413, 422, 429) },
  });

  app.post('/orchestrator/start', { schema: startSchema('Start a run in the background; answers at once') }, async (request, reply) => {
    const record = await accept(request, reply, ctx);
    if (!record) return reply;
    return reply.code(202).send({ run_id: record.run_id, status: 'started', message: 'Run started in background', run: record });
  });

  app.post('/orchestrator/run_tests', { schema: startSchema('Run and answer when the run has ended') }, async (request, reply) => {
    const record = await accept(request, reply, ctx);
    if (!record) return reply;
    const ended = (await ctx.runs.whenEnded(record.run_id)) ?? record;
    return reply.code(200).send({ run_id: ended.run_id, status: ended.status, run: ended });
  });

  app.get(
    '/orchestrator/running-tests',
    {
      schema: {
        summary: 'Runs queued or running (an admin sees all, a user its own)',
        response: {
          200: {
            type: 'object',
            required: ['running_tests', 'count'],
            properties: { running_tests: { type: 'array', items: ref('Run') }, count: { type: 'integer' } },
          },
          ...errors(401, 429),
        },
      },
    },
    async (request) => {
      const mine = ctx.runs.list().filter((r) => (r.status === 'running' || r.status === 'queued') && mayTouch(request.principal, r));
      return { running_tests: mine, count: mine.length };
    },
  );

  app.post(
    '/orchestrator/cancel/:run_id',
    {
      schema: {
        summary: 'Cancel a run; an id not started yet is cancelled when a start takes it',
        params: runIdParams,
        response: {
          200: {
            type: 'object',
            required: ['run_id', 'status'],
            properties: { run_id: { type: 'string' }, status: { type: 'string' }, message: { type: 'string' } },
          },
          ...errors(401, 403, 422, 429),
        },
      },
    },
    async (request: FastifyRequest<{ Params: { run_id: string } }>, reply) => {
      const { run_id } = request.params;
      const bad = runIdProblem(run_id);
      if (bad) return sendError(reply, 422, bad, [{ path: 'params.run_id', severity: 'error', code: 'run-id', message: bad }]);
      const run = ctx.runs.get(run_id);
      if (run && !mayTouch(request.principal, run)) return sendError(reply, 403, `run ${run_id} belongs to another user`);
      const outcome = ctx.runs.cancel(run_id, request.principal?.id ?? 'unknown');
      const message = {
        cancelled: 'cancel requested; the partial report is written when the run stops',
        precancelled: 'no such run yet: a run started with this id will be cancelled at once',
        finished: 'the run had already ended',
      }[outcome];
      return { run_id, status: outcome === 'finished' ? (run?.status ?? 'finished') : 'cancelled', message };
    },
  );
  registerRunHistoryRoutes(app, ctx);
}

async function accept(request: FastifyRequest, reply: FastifyReply, ctx: ServerContext): Promise<RunRecord | undefined> {
  const body = request.body as StartRequest;
  if (body.run_id !== undefined && ctx.runs.get(body.run_id)) {
    sendError(reply, 409, `run id '${body.run_id}' was already used`);
    return undefined;
  }
  const prepared = await prepareServerRun(body.profile, ctx.store, ctx.reportsDir, body.profile_name ?? 'profile');
  if (!prepared.ok) {
    sendError(reply, 422, prepared.message, prepared.problems);
    return undefined;
  }
  const runId = body.run_id ?? newRunId();
  (reply as unknown as { aiqkRunId?: string }).aiqkRunId = runId;
  try {
    const record = ctx.runs.accept(prepared.run, runId, request.principal?.id ?? 'unknown', body.profile_name ?? 'profile');
    // The acceptance is on disk before the client hears of it: a run answered is never lost.
    await ctx.journal.flush();
    return record;
  } catch (err) {
    if (!(err instanceof RunRefused)) throw err;
    if (err.code === 429) reply.header('retry-after', '5');
    sendError(reply, err.code, err.message);
    return undefined;
  }
}
