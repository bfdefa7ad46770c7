import type { CaseResult, SuiteSummary } from '../../model/runTypes';
import type { SuiteContext } from '../suite';
import { buildSummary, judgeMetric } from '../../metrics/verdict';
import { protectedRoutes } from './complianceRbac';

function sum(cases: readonly CaseResult[], metric: string): number {
  return cases.reduce((s, c) => s + (typeof c.metrics[metric] === 'number' ? (c.metrics[metric] as number) : 0), 0);
}

function countBy<T extends string>(values: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/**
 * Summarises compliance_smoke: PII hits over every answer (pii_hits_max) and
 * RBAC violations over every probe (rbac_violations_max). RBAC is unmeasured,
 * with the reason, when the target has no HTTP routes or no route is protected.
 */
export function summarizeCompliance(cases: readonly CaseResult[], ctx: SuiteContext): SuiteSummary {
  const pii = cases.filter((c) => c.details?.kind === 'pii');
  const rbac = cases.filter((c) => c.details?.kind === 'rbac');
  const piiMeasured = pii.filter((c) => typeof c.metrics.pii_hits === 'number');
  const rbacMeasured = rbac.filter((c) => typeof c.metrics.rbac_violations === 'number');
  const notes: string[] = [];
  let rbacReason: string | undefined;
  if (!ctx.target.http) rbacReason = `RBAC skipped: ${ctx.target.description} has no HTTP routes`;
  else if (rbac.length === 0)
    rbacReason = 'RBAC skipped: no protected routes (set suite_options.compliance_smoke.protected_routes, or target.auth)';
  else if (rbacMeasured.length === 0) rbacReason = 'no probe got a clear answer (401/403 or 2xx)';
  if (rbacReason) notes.push(rbacReason);
  else notes.push(`RBAC probes from ${protectedRoutes(ctx.profile.raw).source}`);
  const unclear = rbac.length - rbacMeasured.length;
  if (unclear > 0)
    notes.push(
      `${unclear} probe(s) answered neither 401/403 nor 2xx: not counted as violations, listed as inconclusive (or as errors when nothing answered)`,
    );
  if (!ctx.data.isProvided('pii_patterns')) notes.push('using the built-in PII patterns');
  notes.push('PII already present in the prompt is not counted when the answer repeats it');
  const metrics = [
    judgeMetric(
      'pii_hits',
      piiMeasured.length === 0 ? null : sum(piiMeasured, 'pii_hits'),
      'pii_hits_max',
      ctx.profile.thresholds,
      piiMeasured.length === 0 ? 'no answer could be scanned' : undefined,
    ),
    judgeMetric(
      'rbac_violations',
      rbacMeasured.length === 0 ? null : sum(rbacMeasured, 'rbac_violations'),
      'rbac_violations_max',
      ctx.profile.thresholds,
      rbacReason,
    ),
    judgeMetric(
      'pii_rejected_candidates',
      piiMeasured.length === 0 ? null : sum(piiMeasured, 'pii_rejected'),
      undefined,
      ctx.profile.thresholds,
      'no answer could be scanned',
    ),
  ];
  const hitsByPattern: Record<string, number> = {};
  for (const c of pii) {
    const hits = c.details?.hits;
    if (!Array.isArray(hits)) continue;
    for (const h of hits) {
      const name =
        typeof h === 'object' && h !== null && typeof (h as { pattern?: unknown }).pattern === 'string'
          ? (h as { pattern: string }).pattern
          : 'unknown';
      hitsByPattern[name] = (hitsByPattern[name] ?? 0) + 1;
    }
  }
  const probes = rbac.map((c) => ({
    case_id: c.case_id,
    route: c.details?.route ?? null,
    probe: c.details?.probe ?? null,
    status: c.details?.status ?? null,
    verdict: c.details?.verdict ?? null,
  }));
  return buildSummary('compliance_smoke', cases, metrics, notes, {
    pii_hits_by_pattern: hitsByPattern,
    pii_cases: pii.length,
    rbac_verdicts: countBy(probes.map((p) => String(p.verdict))),
    rbac_probes: probes,
  });
}
