// The report as the view gets it: the head, the aggregates and pages of cases
// from the report's case index. A case can hold long answers and contexts; the
// view shows texts in full up to a generous length and says what it clipped, so
// a page stays a size a webview takes in a blink.
// Free of `vscode` so it is unit-tested on its own.
import type { ReportViewData } from '../../protocol';
import type { CasePage, CaseQuery } from '../../engine/model/caseQuery';
import type { RunComparison } from '../../engine/model/runComparison';
import type { CaseResult } from '../../engine/model/runTypes';
import type { CaseIndex } from '../../engine/report/caseIndex';
import { bySuite } from '../../engine/suites/manifests';

/** Every suite's label, as the view shows them. */
const SUITE_LABELS = bySuite((m) => m.label);

/** Limits of what the view is sent. */
export interface ViewLimits {
  /** Longest input, expected or output text. */
  text: number;
  /** Longest context passage, and how many contexts per case. */
  context: number;
  contexts: number;
  /** Longest details object, as JSON. */
  details: number;
  /** Log lines kept (the newest). */
  logs: number;
}

/** The limits used by default. */
export const DEFAULT_LIMITS: ViewLimits = { text: 20_000, context: 4_000, contexts: 12, details: 40_000, logs: 1_000 };

/** What the host knows besides the report itself. */
export interface ViewContext {
  uri: string;
  paths: ReportViewData['paths'];
  comparison: RunComparison | null;
  comparisonNote: string | null;
  canRerun: boolean;
}

function clip(text: string, max: number, counter: { texts: number }): string {
  if (text.length <= max) return text;
  counter.texts++;
  return `${text.slice(0, max)}… [${(text.length - max).toLocaleString('en-US')} more characters in the JSON report]`;
}

function clipDetails(details: Record<string, unknown>, max: number, counter: { texts: number }): Record<string, unknown> {
  const json = JSON.stringify(details);
  if (json.length <= max) return details;
  counter.texts++;
  // Evidence spans and the verdict are what the view highlights: keep them whole.
  const kept: Record<string, unknown> = {};
  for (const k of ['verdict', 'category', 'mutation', 'reason', 'evidence', 'phase']) if (k in details) kept[k] = details[k];
  return { ...kept, clipped: `details of ${json.length.toLocaleString('en-US')} characters: see the JSON report` };
}

function slimCase(c: CaseResult, limits: ViewLimits, counter: { texts: number }): CaseResult {
  const fits =
    c.input.length <= limits.text &&
    (c.output ?? '').length <= limits.text &&
    (c.expected ?? '').length <= limits.text &&
    c.contexts.length <= limits.contexts &&
    c.contexts.every((x) => x.length <= limits.context) &&
    (c.error ?? '').length <= limits.text;
  const details = c.details ? clipDetails(c.details, limits.details, counter) : undefined;
  if (fits && details === c.details) return c;
  if (c.contexts.length > limits.contexts) counter.texts++;
  return {
    ...c,
    input: clip(c.input, limits.text, counter),
    expected: c.expected === null ? null : clip(c.expected, limits.text, counter),
    output: c.output === null ? null : clip(c.output, limits.text, counter),
    error: c.error === null ? null : clip(c.error, limits.text, counter),
    contexts: c.contexts.slice(0, limits.contexts).map((x) => clip(x, limits.context, counter)),
    ...(details ? { details } : {}),
  };
}

/** A page with its cases' long texts clipped, and how many texts were clipped. */
export function slimPage(page: CasePage, limits: ViewLimits = DEFAULT_LIMITS): { page: CasePage; clipped: number } {
  const counter = { texts: 0 };
  return { page: { ...page, cases: page.cases.map((c) => slimCase(c, limits, counter)) }, clipped: counter.texts };
}

/** Builds the view's data from a report's index and its first page; the report itself is not changed. */
export function toViewData(
  index: CaseIndex,
  first: { query: CaseQuery; page: CasePage },
  ctx: ViewContext,
  limits: ViewLimits = DEFAULT_LIMITS,
): ReportViewData {
  const { report } = index;
  const slim = slimPage(first.page, limits);
  const logs = report.logs.length > limits.logs ? report.logs.slice(-limits.logs) : report.logs;
  return {
    uri: ctx.uri,
    paths: ctx.paths,
    run: report.run,
    summary: report.summary,
    total: index.rows.count,
    aggregates: index.aggregates,
    first: { query: first.query, page: slim.page },
    problems: index.problems,
    logs,
    clipped: { texts: slim.clipped, logs: report.logs.length - logs.length },
    comparison: ctx.comparison,
    comparisonNote: ctx.comparisonNote,
    canRerun: ctx.canRerun,
    suiteLabels: SUITE_LABELS,
  };
}
