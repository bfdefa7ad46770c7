// The JSON Schemas of the API: Fastify validates requests with them and
// /openapi.json is generated from them, so the document cannot drift from the code.
import { FINAL_STATUSES } from './runRecord';

export const RUN_ID = { type: 'string', pattern: '^run_\\d{8}-\\d{6}_[0-9a-f]{8}$', description: 'run_<yyyymmdd-hhmmss>_<8 hex>' } as const;

const STATUSES = ['queued', 'running', ...FINAL_STATUSES];

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  required: ['path', 'severity', 'code', 'message'],
  properties: {
    path: { type: 'string', description: 'profile, testdata, testdata:<id>, or a key path such as data.qaset' },
    line: { type: 'integer' },
    column: { type: 'integer' },
    key: { type: 'string', description: 'The profile key the problem is about, e.g. target.mode or suites[0]' },
    severity: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: {
      type: 'string',
      description: 'A stable code: unauthorized, forbidden, not_found, conflict, payload_too_large, invalid, too_many_requests, …',
    },
    message: { type: 'string' },
    problems: { type: 'array', items: { $ref: 'Problem#' } },
  },
} as const;

export const runSchema = {
  $id: 'Run',
  type: 'object',
  required: ['run_id', 'owner', 'profile_name', 'status', 'accepted_at', 'progress', 'reports'],
  properties: {
    run_id: RUN_ID,
    owner: { type: 'string' },
    profile_name: { type: 'string' },
    status: { type: 'string', enum: STATUSES },
    accepted_at: { type: 'string', format: 'date-time' },
    started_at: { type: 'string', format: 'date-time' },
    finished_at: { type: 'string', format: 'date-time' },
    progress: {
      type: 'object',
      required: ['done', 'total'],
      properties: { done: { type: 'integer' }, total: { type: 'integer' } },
    },
    summary: {
      type: 'object',
      required: ['total', 'passed', 'failed', 'errors', 'pass_rate'],
      properties: {
        total: { type: 'integer' },
        passed: { type: 'integer' },
        failed: { type: 'integer' },
        errors: { type: 'integer' },
        pass_rate: { type: ['number', 'null'] },
      },
    },
    reason: { type: 'string' },
    reports: { type: 'array', items: { type: 'string', enum: ['json', 'xlsx', 'junit'] } },
  },
} as const;

export const SHARED_SCHEMAS = [problemSchema, errorSchema, runSchema];

const ref = (id: string): { $ref: string } => ({ $ref: `${id}#` });

/** Error answers of a route, by status code. */
export function errors(...codes: number[]): Record<number, { $ref: string; description: string }> {
  const text: Record<number, string> = {
    400: 'The body is not JSON',
    401: 'No or unknown bearer token',
    403: 'The token may not do this',
    404: 'No such run or report',
    409: 'The run id is in use',
    413: 'The body is too large',
    422: 'The request or profile has problems (located)',
    429: 'Queue full or rate limit; see Retry-After',
  };
  return Object.fromEntries(codes.map((c) => [c, { ...ref('Error'), description: text[c] ?? 'Error' }]));
}

export const startBody = {
  type: 'object',
  required: ['profile'],
  additionalProperties: false,
  properties: {
    profile: {
      description:
        'The run profile as an object, or its YAML text. Data files are testdata:<id> references (POST /testdata) or the built-in defaults.',
      oneOf: [
        { type: 'object', additionalProperties: true },
        { type: 'string', minLength: 1 },
      ],
    },
    run_id: { ...RUN_ID, description: 'Chosen by the client so it can cancel before the answer comes; default a new id' },
    profile_name: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      pattern: '^[A-Za-z0-9._-]+$',
      description: 'A name to filter the history by; default "profile"',
    },
  },
} as const;

export const startAnswer = {
  type: 'object',
  required: ['run_id', 'status'],
  properties: {
    run_id: RUN_ID,
    status: { type: 'string' },
    message: { type: 'string' },
    run: ref('Run'),
    warnings: { type: 'array', items: ref('Problem') },
  },
} as const;

export const runIdParams = { type: 'object', required: ['run_id'], properties: { run_id: { type: 'string' } } } as const;

export { ref };
