// resilience: what the suite is, what it needs, what it is judged by and its XLSX detail sheet.
import type { SuiteManifest } from '../../model/suiteManifest';

/** The resilience suite described as data. */
export const resilienceManifest = {
  name: 'resilience',
  label: 'Resilience',
  description: 'Timeouts, bursts, retries and circuit breaking against your target',
  aliases: ['resilience', 'resilient', 'robustness', 'chaos', 'reliability', 'retries', 'timeouts'],
  data: { required: [], optional: [] },
  thresholds: [
    {
      key: 'success_rate_min',
      metric: 'success_rate',
      direction: 'min',
      default: 0.9,
      unit: 'ratio',
      doc: 'Share of resilience calls that succeeded (`circuit_open` counts as failed).',
    },
  ],
  detailSheet: {
    name: 'Resilience_Details',
    columns: [
      { header: 'Case', key: 'case_id', width: 30 },
      { header: 'Scenario', key: 'scenario', width: 10 },
      { header: 'Row', key: 'row', width: 8 },
      { header: 'Call #', key: 'n', width: 7 },
      { header: 'Outcome', key: 'outcome', width: 18 },
      { header: 'Start (ms)', key: 'start_ms', width: 10 },
      { header: 'Latency (ms)', key: 'latency_ms', width: 12 },
      { header: 'HTTP status', key: 'http_status', width: 11 },
      { header: 'Error kind', key: 'error_kind', width: 18 },
      { header: 'Attempts', key: 'attempts', width: 9 },
      { header: 'Retry-After (ms)', key: 'retry_after_ms', width: 15 },
      { header: 'Detail', key: 'detail', width: 60 },
      { header: 'Case status', key: 'case_status', width: 11 },
    ],
    statusKey: 'case_status',
  },
} as const satisfies SuiteManifest;
