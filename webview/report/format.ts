// How numbers, names and times read in the report view.
import type { ReportViewData } from '../../src/protocol';

// The labels of the report shown, sent by the host with it (from the suites' manifests).
let labels: ReportViewData['suiteLabels'] = {};

/** Takes the suite labels of the report about to be shown. */
export function useSuiteLabels(next: ReportViewData['suiteLabels']): void {
  labels = next;
}

/** A suite's name for people ("RAG quality"); the name itself when the host sent no label for it. */
export function suiteLabel(suite: string): string {
  return (labels as Record<string, string | undefined>)[suite] ?? suite;
}

/** Whether a metric is a share (shown as a percentage). */
export function isShare(metric: string): boolean {
  const base = metric.replace(/\[.*\]$/, '');
  return /(_rate|_ratio|^schema_valid)$/.test(base);
}

/** Whether a metric is a duration in milliseconds. */
export function isMillis(metric: string): boolean {
  return /_ms$/.test(metric.replace(/\[.*\]$/, ''));
}

/** Milliseconds for people: 0.36 ms, 20.6 ms, 1.24 s, 2 min 5 s. */
export function formatMs(ms: number): string {
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A plain number with at most three decimals, trailing zeros dropped. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return String(Number(v.toFixed(digits)));
}

/** A share 0–1 as a percentage: 94.2%. */
export function formatPercent(v: number): string {
  const p = v * 100;
  return `${Number.isInteger(p) ? p : Number(p.toFixed(1))}%`;
}

/** A metric value in its unit; null reads "unmeasured". */
export function formatMetric(metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'unmeasured';
  if (isMillis(metric)) return formatMs(v);
  if (isShare(metric)) return formatPercent(v);
  return formatNumber(v);
}

/** A change of a metric in its unit, signed: +2.5%, −12 ms. Shares change in percentage points. */
export function formatDelta(metric: string, d: number): string {
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  if (isMillis(metric)) return `${sign}${formatMs(abs)}`;
  if (isShare(metric)) return `${sign}${Number((abs * 100).toFixed(1))} pts`;
  return `${sign}${formatNumber(abs)}`;
}

/** The comparison a threshold makes: "≥ 0.8", "≤ 5.00 s". */
export function formatThreshold(metric: string, threshold: number, direction: 'min' | 'max' | undefined): string {
  return `${direction === 'max' ? '≤' : '≥'} ${formatMetric(metric, threshold)}`;
}

// Names whose words are acronyms or units.
const METRIC_LABELS: Record<string, string> = {
  f1: 'F1',
  rouge_l: 'ROUGE-L',
  rouge_l_unicode: 'ROUGE-L (Unicode)',
  ttft_p95_ms: 'TTFT p95',
  throughput_rps: 'throughput (req/s)',
  pii_hits: 'PII hits',
  rbac_violations: 'RBAC violations',
  pii_rejected: 'PII rejected',
  pii_rejected_candidates: 'PII candidates rejected',
  delta_f1: 'Δ F1',
  delta_rouge_l: 'Δ ROUGE-L',
};

/** A metric's name for people: p95_ms → p95, attack_success_rate[category=jailbreak] → attack success rate · jailbreak. */
export function metricLabel(metric: string): string {
  const m = /^(.*)\[(?:\w+=)?(.*)\]$/.exec(metric);
  const base = (m ? m[1] : metric) ?? metric;
  const pretty = METRIC_LABELS[base] ?? base.replace(/_ms$/, '').replace(/_/g, ' ');
  return m ? `${pretty} · ${m[2]?.replace(/_/g, ' ')}` : pretty;
}

/** A timestamp in the user's locale: 26 Nov 2026, 02:52:31. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A target in one line, secrets already removed by the report: "api · openai · gpt-4o-mini @ http://…". */
export function describeTarget(target: Record<string, unknown>): string {
  const s = (k: string): string | undefined => (typeof target[k] === 'string' ? (target[k] as string) : undefined);
  const mode = s('mode') ?? 'unknown';
  const parts = [mode];
  if (mode === 'api') parts.push(...[s('protocol'), s('model')].filter((x): x is string => !!x));
  const mcp = target.mcp as Record<string, unknown> | undefined;
  if (mode === 'mcp' && mcp && typeof mcp.tool === 'string') parts.push(`tool ${mcp.tool}`);
  const where =
    s('base_url') ??
    (mcp && typeof mcp.url === 'string' ? mcp.url : undefined) ??
    (mcp && typeof mcp.command === 'string' ? mcp.command : undefined);
  return where ? `${parts.join(' · ')} @ ${where}` : parts.join(' · ');
}
