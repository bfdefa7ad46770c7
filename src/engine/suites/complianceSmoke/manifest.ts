// compliance_smoke: what the suite is, what it needs, what it is judged by and its XLSX detail sheet.
import type { SuiteManifest } from '../../model/suiteManifest';

/** The compliance_smoke suite described as data. */
export const complianceSmokeManifest = {
  name: 'compliance_smoke',
  label: 'Compliance',
  description: 'PII leaks in answers, and protected routes without credentials (RBAC)',
  aliases: ['compliance smoke', 'compliance', 'pii', 'privacy', 'rbac', 'gdpr'],
  data: { required: [], optional: ['pii_patterns'] },
  thresholds: [
    {
      key: 'pii_hits_max',
      metric: 'pii_hits',
      direction: 'max',
      default: 0,
      unit: 'count',
      doc: 'PII matches (checksum-validated) found in answers.',
    },
    {
      key: 'rbac_violations_max',
      metric: 'rbac_violations',
      direction: 'max',
      default: 0,
      unit: 'count',
      doc: 'Protected routes reachable without valid credentials.',
    },
  ],
  detailSheet: {
    name: 'Compliance_Details',
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
    statusKey: 'status',
  },
} as const satisfies SuiteManifest;
