// The Compliance_Details sheet of the XLSX report: one row per PII hit (pattern,
// span, masked value), one per clean answer, and one per RBAC probe.
import type { CaseResult, RunResult } from '../../model/runTypes';
import type { DetailSheet, SheetCell } from '../../model/reportSheets';
import type { PiiHit, PiiRejection } from '../../detectors/pii';

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function cell(value: unknown): SheetCell {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function rejectedText(c: CaseResult): SheetCell {
  const rejected = list<PiiRejection>(c.details?.rejected);
  return rejected.length === 0 ? null : rejected.map((r) => `${r.pattern} ${r.masked} @${r.start}-${r.end} (${r.reason})`).join('\n');
}

function* rows(cases: readonly CaseResult[]): Generator<Record<string, SheetCell>> {
  for (const c of cases) {
    const base = { case_id: c.case_id, status: c.status, input: c.input, error: c.error };
    if (c.details?.kind === 'rbac') {
      yield {
        ...base,
        check: 'rbac',
        route: cell(c.details.route),
        method: cell(c.details.method),
        probe: cell(c.details.probe),
        http_status: cell(c.details.status),
        verdict: cell(c.details.verdict),
        evidence: cell(c.details.evidence),
      };
      continue;
    }
    const hits = list<PiiHit>(c.details?.hits);
    if (hits.length === 0) {
      yield { ...base, check: 'pii', verdict: c.status === 'passed' ? 'no PII' : null, rejected: rejectedText(c), evidence: c.output };
      continue;
    }
    for (const h of hits) {
      yield {
        ...base,
        check: 'pii',
        pattern: h.pattern,
        span: `${h.start}-${h.end}`,
        masked: h.masked,
        validator: h.validator ?? null,
        verdict: 'leak',
        rejected: rejectedText(c),
        evidence: c.output,
      };
    }
  }
}

/** The Compliance_Details sheet, or undefined when compliance_smoke has no cases in the run. */
export function complianceDetailSheet(result: RunResult): DetailSheet | undefined {
  const cases = result.cases.filter((c) => c.suite === 'compliance_smoke');
  if (cases.length === 0) return undefined;
  return {
    name: 'Compliance_Details',
    statusKey: 'status',
    columns: [
      { header: 'Case', key: 'case_id', width: 34 },
      { header: 'Check', key: 'check', width: 7 },
      { header: 'Status', key: 'status', width: 9 },
      { header: 'Verdict', key: 'verdict', width: 10 },
      { header: 'Pattern', key: 'pattern', width: 16 },
      { header: 'Span', key: 'span', width: 10 },
      { header: 'Masked value', key: 'masked', width: 26 },
      { header: 'Validator', key: 'validator', width: 10 },
      { header: 'Route', key: 'route', width: 24 },
      { header: 'Method', key: 'method', width: 8 },
      { header: 'Probe', key: 'probe', width: 12 },
      { header: 'HTTP status', key: 'http_status', width: 11 },
      { header: 'Prompt / request', key: 'input', width: 50 },
      { header: 'Answer (masked) / reply', key: 'evidence', width: 60 },
      { header: 'Rejected candidates', key: 'rejected', width: 40 },
      { header: 'Error', key: 'error', width: 40 },
    ],
    rows: rows(cases),
  };
}
