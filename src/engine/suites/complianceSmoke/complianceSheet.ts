// The Compliance_Details sheet of the XLSX report: one row per PII hit (pattern,
// span, masked value), one per clean answer, and one per RBAC probe.
import type { CaseResult } from '../../model/runTypes';
import type { SheetCell, SheetRow } from '../../model/reportSheets';
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

/** The rows of the Compliance_Details sheet (its columns are in the suite's manifest), from the compliance_smoke cases, streamed. */
export async function* complianceDetailRows(cases: AsyncIterable<CaseResult> | Iterable<CaseResult>): AsyncGenerator<SheetRow> {
  for await (const c of cases) {
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
