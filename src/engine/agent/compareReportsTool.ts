import * as path from 'node:path';
import type { MetricDelta, RunComparison } from '../model/runComparison';
import { anonymizeResult } from '../report/anonymize';
import { compareRuns } from '../report/compareRuns';
import { readReport } from '../report/jsonReport';
import type { AgentTool, ToolContext, ToolResult } from './agentTool';
import { DEFAULT_MAX_CHARS } from './agentTool';
import { previousFinishedReport } from '../report/profileReports';
import { chooseReport, REPORT_PROPERTIES } from './reportInput';
import { capLines } from './textCap';
import { formatValue, percent } from './verdictText';
import { resolveInWorkspace, shownPath } from './workspacePath';

/** Input of compare_reports. */
export interface CompareReportsInput {
  report?: string;
  profile?: string;
  previous?: string;
}

function metricChange(m: MetricDelta): string {
  const bound =
    m.threshold === undefined ? '' : `, threshold ${m.direction === 'max' ? 'at most' : 'at least'} ${formatValue(m.threshold)}`;
  const verdict = m.passBefore !== m.passAfter && m.passAfter !== null ? (m.passAfter ? ', now met' : ', now not met') : '';
  return `${m.metric}: ${formatValue(m.before)} → ${formatValue(m.after)} (${m.change}${bound}${verdict})`;
}

/** The comparison as lines: the runs, then each suite that moved, then the cases that flipped. */
export function comparisonLines(c: RunComparison, currentId: string, currentStatus: string): string[] {
  const t = c.totals;
  const lines = [
    `Run ${currentId} (${currentStatus}) compared with the previous run ${c.previous.id} (${c.previous.status}, started ${c.previous.started_at}): pass rate ${percent(c.passRateBefore)} → ${percent(c.passRateAfter)}; ${t.newlyFailing} case(s) newly failing, ${t.newlyPassing} newly passing, ${t.added} new, ${t.removed} gone, of ${t.compared} compared.`,
  ];
  for (const s of c.suites) {
    const moved = s.metrics.filter((m) => m.change !== 'same');
    lines.push(
      `- ${s.suite}: ${s.statusBefore ?? 'not run'} → ${s.statusAfter ?? 'not run'} (${s.change}); pass rate ${percent(s.passRateBefore)} → ${percent(s.passRateAfter)}${moved.length === 0 ? '; no metric moved beyond its noise' : ''}`,
    );
    for (const m of moved) lines.push(`    ${metricChange(m)}`);
  }
  for (const f of c.newlyFailing)
    lines.push(`- newly failing ${f.suite}/${f.case_id}: ${f.before} → ${f.after}: ${f.error ?? 'no reason recorded'}`);
  for (const f of c.newlyPassing) lines.push(`- newly passing ${f.suite}/${f.case_id}: ${f.before} → ${f.after}`);
  return lines;
}

async function compareReports(input: CompareReportsInput, context: ToolContext): Promise<ToolResult> {
  const root = context.workspaceRoot;
  const current = await chooseReport(root, input);
  let previousFile: string;
  if (input.previous !== undefined) previousFile = await resolveInWorkspace(root, input.previous, 'previous');
  else {
    const found = await previousFinishedReport(path.dirname(current.file), current.result.run.profile, current.result.run.id);
    if (!found)
      return {
        text: `${shownPath(root, current.file)} has no earlier finished (passed or failed) run of the same profile in its folder to compare with. Run the profile again, or give \`previous\`.`,
      };
    previousFile = await resolveInWorkspace(root, found.file, 'previous');
  }
  const previous = anonymizeResult(await readReport(previousFile));
  const after = anonymizeResult(current.result);
  const comparison = compareRuns(previous, after, { maxCases: 50 });
  const lines = [
    `Comparing ${shownPath(root, current.file)} with ${shownPath(root, previousFile)}`,
    ...comparisonLines(comparison, after.run.id, after.run.status),
  ];
  return { text: capLines(lines, context.maxChars ?? DEFAULT_MAX_CHARS, "read_report with a `suite` shows that suite's cases") };
}

/** compare_reports: a report against the previous run of the same profile (what got better, what got worse). */
export const COMPARE_REPORTS_TOOL: AgentTool<CompareReportsInput> = {
  name: 'compare_reports',
  title: 'Compare with the previous run',
  description:
    "Compares an AI Quality Kit run report (the newest of a profile, or a given report) with the previous finished run of the same profile (or a given `previous` report): the pass rate, each suite's status and the metrics that moved beyond their measurement noise (better, worse, threshold now met or not met), and the cases newly failing with their reasons. Use it after a change to see whether quality, safety or latency got worse.",
  inputSchema: {
    type: 'object',
    properties: {
      ...REPORT_PROPERTIES,
      previous: {
        type: 'string',
        description:
          'The report to compare with, relative to the workspace folder. Default: the previous finished run of the same profile.',
      },
    },
    additionalProperties: false,
  },
  readOnly: true,
  async describeInvocation(input) {
    const which = input.report ?? (input.profile ? `the newest report of ${input.profile}` : 'a report');
    return { message: `Compare ${which} with ${input.previous ?? 'the previous run of the same profile'}` };
  },
  invoke: compareReports,
};
