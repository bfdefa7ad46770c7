import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataKind } from '../engine/model/dataKinds';
import { DATA_KINDS } from '../engine/model/dataKinds';
import { sendError } from './httpErrors';
import type { ServerContext } from './serverContext';
import { errors, ref } from './schemas';

interface UploadQuery {
  kind: DataKind;
  filename?: string;
}

/**
 * `POST /testdata?kind=<kind>[&filename=<name>]`: the raw file as the body (any
 * content type). Checked at once; kept by content hash when it has no error.
 */
export async function registerTestdataRoutes(scope: FastifyInstance, ctx: ServerContext): Promise<void> {
  // Datasets arrive as they are on disk: the body is never parsed, whatever its content type.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.options.uploadLimit }, (_req, body, done) => done(null, body));
  scope.post(
    '/testdata',
    {
      bodyLimit: ctx.options.uploadLimit,
      schema: {
        summary: 'Upload a dataset; the answer gives its id for testdata:<id> or its line-located problems',
        querystring: {
          type: 'object',
          required: ['kind'],
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: [...DATA_KINDS] },
            filename: {
              type: 'string',
              maxLength: 200,
              description: 'Original file name; its extension tells the format (attacks: .txt or .yaml)',
            },
          },
        },
        response: {
          200: uploadAnswer,
          201: uploadAnswer,
          ...errors(401, 413, 422, 429),
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: UploadQuery }>, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0)
        return sendError(reply, 422, 'send the file as the request body', [
          { path: 'body', severity: 'error', code: 'testdata-empty', message: 'the body is empty' },
        ]);
      const outcome = await ctx.store.add(request.query.kind, body, request.query.filename);
      if (!outcome.ok) return sendError(reply, 422, `the ${request.query.kind} file has problems; nothing was kept`, outcome.problems);
      const s = outcome.stored;
      return reply.code(outcome.existed ? 200 : 201).send({
        id: s.id,
        ref: `testdata:${s.id}`,
        kind: s.kind,
        records: s.records,
        bytes: s.bytes,
        problems: outcome.problems,
      });
    },
  );
}

const uploadAnswer = {
  type: 'object',
  required: ['id', 'ref', 'kind', 'records', 'bytes', 'problems'],
  properties: {
    id: { type: 'string' },
    ref: { type: 'string', description: 'What to write in the profile: data.<kind>: testdata:<id>' },
    kind: { type: 'string' },
    records: { type: 'integer' },
    bytes: { type: 'integer' },
    problems: { type: 'array', items: ref('Problem'), description: 'Warnings found by the check' },
  },
} as const;
