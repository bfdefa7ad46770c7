import type { FastifyReply } from 'fastify';
import type { ApiProblem } from './apiProblem';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'unavailable',
};

/** The JSON body of an error answer. */
export function errorBody(
  status: number,
  message: string,
  problems?: ApiProblem[],
): { error: string; message: string; problems?: ApiProblem[] } {
  return { error: CODES[status] ?? 'error', message, ...(problems ? { problems } : {}) };
}

/** Sends an error answer. */
export function sendError(reply: FastifyReply, status: number, message: string, problems?: ApiProblem[]): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send(errorBody(status, message, problems));
}

/** Turns Fastify's schema validation errors into located problems (`body.profile`, `query.limit`). */
export function validationProblems(
  context: string | undefined,
  validation: readonly { instancePath: string; message?: string; params?: Record<string, unknown> }[],
): ApiProblem[] {
  return validation.map((v) => {
    const extra = typeof v.params?.missingProperty === 'string' ? `.${v.params.missingProperty}` : '';
    const extraProp = typeof v.params?.additionalProperty === 'string' ? `.${v.params.additionalProperty}` : '';
    const where = `${context ?? 'body'}${v.instancePath.replace(/\//g, '.')}${extra}${extraProp}`;
    return { path: where, severity: 'error', code: 'request-schema', message: `${where}: ${v.message ?? 'is not valid'}` };
  });
}
