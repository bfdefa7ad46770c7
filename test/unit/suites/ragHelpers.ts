// Test scaffolding for the rag_quality, performance and regression suites: a real
// HTTP server on 127.0.0.1, a SuiteContext over in-memory records, and a driver
// that plans, runs and summarises a suite the way the run engine does.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv from 'ajv';
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import { resolveProfile } from '../../../src/engine/config/resolve';
import type { DataKind } from '../../../src/engine/model/dataKinds';
import type { CaseResult, SuiteSummary } from '../../../src/engine/model/runTypes';
import type { AnswerSchemaRecord, DataRecords, QaRecord } from '../../../src/engine/model/dataRecords';
import type { SuiteContext, SuiteData, SuiteDefinition } from '../../../src/engine/suites/suite';
import type { SecretLookup, Target } from '../../../src/engine/model/target';
import { AiqkTarget } from '../../../src/engine/targets/http/aiqkTarget';
import { prepareSuite, summarizeCases, listPlanned } from '../../../src/engine/suites/suite';

/** A request as the test server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the test server sends back. */
export interface CannedReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (serialised) or a raw string body. */
  json?: unknown;
  body?: string;
  /** Server-side wait before replying, in ms (small). */
  delayMs?: number;
}

/** A running test server. */
export interface TestServer {
  baseUrl: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a real HTTP server on 127.0.0.1 (ephemeral port) answering with `handler`. */
export async function startServer(handler: (req: SeenRequest) => CannedReply | Promise<CannedReply>): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      void Promise.resolve(handler(seen)).then(async (reply) => {
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        const body = reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A row of an /ask answer table: the answer and the contexts the fake RAG returns. */
export interface AskRow {
  answer: string;
  context?: string[];
  status?: number;
  delayMs?: number;
  headers?: Record<string, string>;
}

/** Starts an aiqk /ask server answering each question from `table` (404 JSON for unknown questions). */
export function startAskServer(table: Record<string, AskRow>): Promise<TestServer> {
  return startServer((req) => {
    if (req.method !== 'POST' || req.url !== '/ask') return { status: 404, json: { error: 'not found' } };
    const question = (JSON.parse(req.body) as { query: string }).query;
    const row = table[question];
    if (!row) return { status: 404, json: { error: `unknown question: ${question}` } };
    if (row.status && row.status >= 400) return { status: row.status, json: { error: 'upstream failed' }, delayMs: row.delayMs };
    return { json: { answer: row.answer, context: row.context ?? [] }, delayMs: row.delayMs, headers: row.headers };
  });
}

/** The real aiqk target over a base URL, without retries and with a short timeout. */
export function aiqkTarget(baseUrl: string, timeoutMs = 2000): Target {
  return new AiqkTarget({ baseUrl, timeoutMs, retries: 0 });
}

/** Suite data over in-memory records; `provided` lists the kinds that count as the profile's own. */
export function memoryData(records: Partial<DataRecords>, provided: readonly DataKind[] = Object.keys(records) as DataKind[]): SuiteData {
  return {
    async get<K extends DataKind>(kind: K): Promise<DataRecords[K]> {
      return (records[kind] ?? []) as DataRecords[K];
    },
    isProvided: (kind) => provided.includes(kind),
  };
}

/** Options of a test context. */
export interface ContextOptions {
  target: Target;
  data: SuiteData;
  /** Profile keys merged over a minimal api profile (thresholds, volumes, judge…). */
  profile?: Partial<RunProfile>;
  baseline?: SuiteContext['baseline'];
  secrets?: SecretLookup;
  signal?: AbortSignal;
}

/** A SuiteContext as the run engine builds one; log lines are collected in `logs`. */
export function makeContext(opts: ContextOptions): SuiteContext & { logs: string[] } {
  const raw: RunProfile = {
    version: 1,
    target: { mode: 'api', base_url: 'http://127.0.0.1:1', protocol: 'aiqk' },
    suites: ['rag_quality', 'performance', 'regression'],
    ...opts.profile,
  };
  const logs: string[] = [];
  return {
    runId: 'run_20260101-000000_0000abcd',
    profile: resolveProfile(raw, 'aiqk.yaml'),
    target: opts.target,
    data: opts.data,
    signal: opts.signal ?? new AbortController().signal,
    log: (level, message) => logs.push(`${level}: ${message}`),
    logs,
    ...(opts.baseline ? { baseline: opts.baseline } : {}),
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
  };
}

/** Plans, runs (in plan order, one at a time) and summarises a suite. */
export async function runWholeSuite<P, S>(
  suite: SuiteDefinition<P, S>,
  ctx: SuiteContext,
): Promise<{ cases: CaseResult[]; summary: SuiteSummary }> {
  const state = await prepareSuite(suite, ctx);
  const planned = listPlanned(await suite.plan(ctx, state));
  const cases: CaseResult[] = [];
  for (const p of planned) cases.push(await suite.runCase(p, ctx, state));
  return { cases, summary: summarizeCases(suite, cases, ctx, state) };
}

/** A qaset item. */
export function qa(qid: string, question: string, expected: string, contexts?: string[]): QaRecord {
  return { qid, question, expected_answer: expected, ...(contexts ? { contexts } : {}), line: 1 };
}

/** A schema record compiled the way the data reader compiles it. */
export function schemaRecord(schema: Record<string, unknown>): AnswerSchemaRecord {
  return { schema, dialect: 'draft-07', validate: new Ajv({ allErrors: true, strict: false }).compile(schema) };
}

/** The verdict of one metric of a summary (throws when absent, so a typo fails the test). */
export function metricOf(summary: SuiteSummary, name: string): SuiteSummary['metrics'][number] {
  const m = summary.metrics.find((v) => v.name === name);
  if (!m) throw new Error(`no metric ${name} in ${summary.suite}: ${summary.metrics.map((v) => v.name).join(', ')}`);
  return m;
}
