import { strict as assert } from 'node:assert';
import reportSchema from '../../../schemas/report.schema.json';
import type {
  CaseResult,
  LogEntry,
  MetricVerdict,
  OverallSummary,
  RunInfo,
  RunResult,
  SuiteSummary,
} from '../../../src/engine/model/runTypes';
import { SUITE_NAMES } from '../../../src/engine/model/suiteNames';
import { validateReport } from '../../../src/engine/report/jsonReport';
import { sampleResult } from './fixtures';

// The schema and the TypeScript types are tied in both directions:
// - each `full*` literal is typed `Required<T>`, so tsc fails when a field is
//   added to or removed from T until the literal follows; the test then checks
//   the schema lists exactly the literal's keys;
// - each `*_REQUIRED` list must equal T's non-optional keys (checked by tsc via
//   SameKeys) and the schema's `required` (checked here).

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const fullMetric: Required<MetricVerdict> = {
  name: 'faithfulness',
  value: 0.5,
  threshold: 0.8,
  direction: 'min',
  pass: false,
  reason: 'low',
};
const fullCase: Required<CaseResult> = {
  suite: 'rag_quality',
  case_id: 'q1',
  input: 'q',
  expected: 'e',
  output: 'o',
  contexts: ['c'],
  metrics: { f1: 0.5, judge: null },
  status: 'failed',
  pass: false,
  error: 'f1 0.5 < 0.6',
  latency_ms: 12.5,
  duration_ms: 13.25,
  timestamp: '2025-01-01T00:00:00.000Z',
  details: { anything: [1, 'two'] },
};
const fullSummary: Required<SuiteSummary> = {
  suite: 'rag_quality',
  status: 'failed',
  total: 1,
  passed: 0,
  failed: 1,
  errors: 0,
  metrics: [fullMetric],
  notes: ['n'],
  duration_ms: 40,
  details: { k: 1 },
};
const fullOverall: Required<OverallSummary> = { total: 1, passed: 0, failed: 1, errors: 0, pass_rate: 0, status: 'failed' };
const fullRun: Required<RunInfo> = {
  id: 'run_20250101-000000_deadbeef',
  profile: 'aiqk.yaml',
  started_at: '2025-01-01T00:00:00.000Z',
  finished_at: '2025-01-01T00:00:01.000Z',
  duration_ms: 1000,
  status: 'failed',
  target: { mode: 'builtin' },
  suites: ['rag_quality'],
  options: {},
  shard: { index: 1, total: 2 },
  error: 'boom',
};
const fullLog: Required<LogEntry> = { time: '2025-01-01T00:00:00.000Z', level: 'error', message: 'm' };
const fullResult: Required<RunResult> = {
  version: 1,
  run: fullRun,
  summary: { overall: fullOverall, suites: { rag_quality: fullSummary } },
  cases: [fullCase],
  inputs: { version: 1, target: { mode: 'builtin' }, suites: ['rag_quality'] },
  logs: [fullLog],
};

const METRIC_REQUIRED = ['name', 'value', 'pass'] as const;
const CASE_REQUIRED = [
  'suite',
  'case_id',
  'input',
  'expected',
  'output',
  'contexts',
  'metrics',
  'status',
  'pass',
  'error',
  'latency_ms',
  'timestamp',
] as const;
const SUMMARY_REQUIRED = ['suite', 'status', 'total', 'passed', 'failed', 'errors', 'metrics', 'notes'] as const;
const OVERALL_REQUIRED = ['total', 'passed', 'failed', 'errors', 'pass_rate', 'status'] as const;
const RUN_REQUIRED = ['id', 'profile', 'started_at', 'finished_at', 'duration_ms', 'status', 'target', 'suites', 'options'] as const;
const LOG_REQUIRED = ['time', 'level', 'message'] as const;
const RESULT_REQUIRED = ['version', 'run', 'summary', 'cases', 'inputs', 'logs'] as const;
const typeChecks: true[] = [
  true as SameKeys<RequiredKeys<MetricVerdict>, (typeof METRIC_REQUIRED)[number]>,
  true as SameKeys<RequiredKeys<CaseResult>, (typeof CASE_REQUIRED)[number]>,
  true as SameKeys<RequiredKeys<SuiteSummary>, (typeof SUMMARY_REQUIRED)[number]>,
  true as SameKeys<RequiredKeys<OverallSummary>, (typeof OVERALL_REQUIRED)[number]>,
  true as SameKeys<RequiredKeys<RunInfo>, (typeof RUN_REQUIRED)[number]>,
  true as SameKeys<RequiredKeys<LogEntry>, (typeof LOG_REQUIRED)[number]>,
  true as SameKeys<RequiredKeys<RunResult>, (typeof RESULT_REQUIRED)[number]>,
];

interface ObjectSchema {
  required: string[];
  properties: Record<string, unknown>;
}
const defs = reportSchema.definitions as unknown as Record<string, ObjectSchema>;
const root = reportSchema as unknown as ObjectSchema;

const pairs: [string, ObjectSchema, object, readonly string[]][] = [
  ['metricVerdict', defs['metricVerdict']!, fullMetric, METRIC_REQUIRED],
  ['caseResult', defs['caseResult']!, fullCase, CASE_REQUIRED],
  ['suiteSummary', defs['suiteSummary']!, fullSummary, SUMMARY_REQUIRED],
  ['overallSummary', defs['overallSummary']!, fullOverall, OVERALL_REQUIRED],
  ['runInfo', defs['runInfo']!, fullRun, RUN_REQUIRED],
  ['logEntry', defs['logEntry']!, fullLog, LOG_REQUIRED],
  ['report', root, fullResult, RESULT_REQUIRED],
];

const clone = <T>(v: T): T => structuredClone(v);

describe('report schema', () => {
  it('has the types checked at compile time', () => assert.ok(typeChecks.every((t) => t)));

  for (const [name, schema, literal, required] of pairs) {
    it(`lists exactly the fields of ${name}, and requires exactly its non-optional ones`, () => {
      assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(literal).sort());
      assert.deepEqual([...schema.required].sort(), [...required].sort());
    });
  }

  it('accepts a fully populated RunResult and the sample run', () => {
    assert.deepEqual(validateReport(fullResult), { valid: true, errors: [] });
    assert.deepEqual(validateReport(sampleResult()).errors, []);
  });

  it('rejects a report missing any required field, at any level', () => {
    const removals: [string, (r: RunResult) => void][] = [
      ['cases', (r) => delete (r as Partial<RunResult>).cases],
      ['run.id', (r) => delete (r.run as Partial<RunInfo>).id],
      ['summary.overall.pass_rate', (r) => delete (r.summary.overall as Partial<OverallSummary>).pass_rate],
      ['case.error', (r) => delete (r.cases[0] as Partial<CaseResult>).error],
      ['metric.pass', (r) => delete (r.summary.suites.rag_quality!.metrics[0] as Partial<MetricVerdict>).pass],
      ['log.level', (r) => delete (r.logs[0] as Partial<LogEntry>).level],
    ];
    for (const [what, remove] of removals) {
      const r = clone(fullResult);
      remove(r);
      assert.equal(validateReport(r).valid, false, `still valid without ${what}`);
    }
  });

  it('rejects wrong values with a path in the message', () => {
    const r = clone(fullResult);
    (r.cases[0] as unknown as Record<string, unknown>)['pass'] = 'yes';
    r.run.id = 'run_1700000000_deadbeef';
    (r.summary.suites as Record<string, unknown>)['red_team'] = fullSummary; // suite key and summary.suite disagree
    (r.cases[0] as unknown as Record<string, unknown>)['extra'] = 1;
    const { valid, errors } = validateReport(r);
    assert.equal(valid, false);
    assert.ok(errors.includes('/cases/0/pass: must be boolean'), errors.join('\n'));
    assert.ok(
      errors.some((e) => e.startsWith('/run/id: must match pattern')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.startsWith('/summary/suites/red_team/suite: must be equal to constant')),
      errors.join('\n'),
    );
    assert.ok(errors.includes("/cases/0: must NOT have additional properties 'extra'"), errors.join('\n'));
  });

  it('accepts unmeasured metrics (value and pass null) and free-form details', () => {
    const r = clone(fullResult);
    r.summary.suites.rag_quality!.metrics = [
      { name: 'toxicity', value: null, threshold: 0, direction: 'max', pass: null, reason: 'no answers' },
    ];
    r.cases[0]!.details = { nested: { deep: [null, true] } };
    assert.deepEqual(validateReport(r).errors, []);
  });

  it('knows every suite name', () => {
    const schemaSuites = (reportSchema.definitions.suiteName as { enum: string[] }).enum;
    assert.deepEqual(schemaSuites, [...SUITE_NAMES]);
    assert.deepEqual(Object.keys(reportSchema.properties.summary.properties.suites.properties), [...SUITE_NAMES]);
  });
});
