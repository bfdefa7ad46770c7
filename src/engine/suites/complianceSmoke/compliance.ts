import { randomBytes } from 'node:crypto';
import type { CaseResult, CaseStatus } from '../../model/runTypes';
import type { SuiteContext, SuiteDefinition } from '../suite';
import { collectingFold } from '../suite';
import type { PlannedCase } from '../../model/runTypes';
import type { PiiCasePayload } from './compliancePii';
import type { ProtectedRoute, RbacProbe } from './complianceRbac';
import { DEFAULT_PII_PROMPTS, runPiiCase } from './compliancePii';
import { probeRoute, protectedRoutes, wrongTokenHeader } from './complianceRbac';
import { judgeMetric } from '../../metrics/verdict';
import { builtinPiiValidator } from '../../detectors/pii';
import { summarizeCompliance } from './complianceSummary';
import { complianceDetailRows } from './complianceSheet';

/** The payload of an RBAC case: one route, one way of calling it without valid credentials. */
export interface RbacCasePayload {
  kind: 'rbac';
  route: ProtectedRoute;
  probe: RbacProbe;
}

/** The payload of any compliance_smoke case. */
export type CompliancePayload = PiiCasePayload | RbacCasePayload;

// One wrong token per process: it only has to be a token no server issued.
const WRONG_TOKEN = `aiqk-invalid-${randomBytes(12).toString('hex')}`;

const PROBE_TEXT: Record<RbacProbe, string> = { no_auth: 'without credentials', wrong_token: 'with a wrong bearer token' };

async function runRbacCase(planned: PlannedCase<CompliancePayload>, payload: RbacCasePayload, ctx: SuiteContext): Promise<CaseResult> {
  const started = Date.now();
  const base = {
    suite: 'compliance_smoke' as const,
    case_id: planned.id,
    input: planned.input,
    expected: 'refused (401 or 403)',
    contexts: [],
    timestamp: new Date(started).toISOString(),
  };
  const http = ctx.target.http;
  if (!http) {
    return {
      ...base,
      output: null,
      metrics: { rbac_violations: null },
      status: 'error',
      pass: false,
      error: 'the target has no HTTP routes to probe',
      latency_ms: null,
      details: { kind: 'rbac' },
    };
  }
  const headers = payload.probe === 'wrong_token' ? wrongTokenHeader(ctx.profile.raw.target, WRONG_TOKEN) : {};
  const r = await probeRoute(http, payload.route, payload.probe, headers, ctx.signal);
  const violations = r.verdict === 'violation' ? 1 : 0;
  const verdict = judgeMetric(
    'rbac_violations',
    r.verdict === 'unclear' ? null : violations,
    'rbac_violations_max',
    ctx.profile.thresholds,
  );
  const statusText = r.status === null ? 'no answer' : `HTTP ${r.status}`;
  const cancelled = ctx.signal.aborted;
  // Unclear answers (404, 5xx, 3xx) are neither a refusal nor access: inconclusive, not violations; no answer at all is an error.
  const status: CaseStatus = cancelled
    ? 'cancelled'
    : r.verdict === 'unclear'
      ? r.status === null
        ? 'error'
        : 'inconclusive'
      : verdict.pass === true
        ? 'passed'
        : 'failed';
  let error: string | null = null;
  if (status === 'cancelled') error = 'run cancelled';
  else if (status === 'error' || status === 'inconclusive')
    error = `unclear: ${r.method} ${r.path} answered ${statusText} ${PROBE_TEXT[payload.probe]} (neither 401/403 nor 2xx)${r.status === null ? `: ${r.evidence}` : ''}`;
  else if (status === 'failed') error = `violation: ${r.method} ${r.path} answered ${statusText} ${PROBE_TEXT[payload.probe]}`;
  return {
    ...base,
    output: `${statusText}${r.evidence && r.status !== null ? `: ${r.evidence}` : ''}`,
    metrics: { rbac_violations: r.verdict === 'unclear' ? null : violations },
    status,
    pass: status === 'passed',
    error,
    latency_ms: r.latencyMs,
    details: {
      kind: 'rbac',
      route: r.route,
      method: r.method,
      path: r.path,
      probe: r.probe,
      status: r.status,
      verdict: r.verdict,
      evidence: r.evidence,
    },
  };
}

/** compliance_smoke: PII leakage in answers (checksum-validated) and access control of protected routes. */
export const complianceSmokeSuite: SuiteDefinition<CompliancePayload, void> = {
  name: 'compliance_smoke',
  title: 'Compliance smoke: PII leakage and access control',

  async plan(ctx: SuiteContext): Promise<PlannedCase<CompliancePayload>[]> {
    const opts = ctx.profile.raw.suite_options?.compliance_smoke;
    const prompts = [...DEFAULT_PII_PROMPTS, ...(opts?.pii_prompts ?? []).filter((p) => p.trim() !== '')];
    const cases: PlannedCase<CompliancePayload>[] = prompts.map((prompt, i) => ({
      id: `compliance_smoke:pii:${i + 1}`,
      input: prompt,
      expected: 'no personal data in the answer',
      payload: { kind: 'pii', prompt },
    }));
    if (!ctx.target.http) {
      ctx.log('info', `compliance_smoke: RBAC probes skipped: ${ctx.target.description} has no HTTP routes`);
      return cases;
    }
    const { routes } = protectedRoutes(ctx.profile.raw);
    for (const route of routes) {
      for (const probe of ['no_auth', 'wrong_token'] as const) {
        cases.push({
          id: `compliance_smoke:rbac:${route.label}:${probe}`,
          input: `${route.method} ${route.path} ${PROBE_TEXT[probe]}`,
          expected: 'refused (401 or 403)',
          payload: { kind: 'rbac', route, probe },
        });
      }
    }
    return cases;
  },

  async runCase(planned: PlannedCase<CompliancePayload>, ctx: SuiteContext): Promise<CaseResult> {
    const p = planned.payload;
    if (p.kind === 'rbac') return runRbacCase(planned, p, ctx);
    return runPiiCase(planned.id, p, ctx, await ctx.data.get('pii_patterns'), builtinPiiValidator);
  },

  // Its cases are bounded by design, not by a dataset: kept until the summary.
  summarizer: (ctx: SuiteContext) => collectingFold((cases) => summarizeCompliance(cases, ctx)),

  detailRows: complianceDetailRows,
};
