import { anonymizeResult } from '../report/anonymize';
import type { SuiteName } from '../model/suiteNames';
import type { AgentTool, ToolContext, ToolResult } from './agentTool';
import { DEFAULT_MAX_CHARS, ToolInputError } from './agentTool';
import { chooseReport, REPORT_PROPERTIES, reportProfileShown } from './reportInput';
import { SUITES_SCHEMA, suitesOf } from './suitesInput';
import { capLines } from './textCap';
import { caseLines, casesToRead, verdictLines } from './verdictText';
import { shownPath } from './workspacePath';

/** Input of read_report. */
export interface ReadReportInput {
  report?: string;
  profile?: string;
  suite?: string;
  detail?: 'summary' | 'cases';
  offset?: number;
  limit?: number;
}

const DEFAULT_LIMIT = 10;

async function readVerdict(input: ReadReportInput, context: ToolContext): Promise<ToolResult> {
  const root = context.workspaceRoot;
  const maxChars = context.maxChars ?? DEFAULT_MAX_CHARS;
  const chosen = await chooseReport(root, input);
  // Secrets and PII masked as in an anonymised report, whatever the profile chose.
  const result = anonymizeResult(chosen.result);
  const profile = reportProfileShown(root, result);
  const [suite] = suitesOf(input.suite !== undefined ? [input.suite] : undefined) ?? [];
  if ((input.detail ?? 'summary') === 'summary') {
    const lines = [`Report ${shownPath(root, chosen.file)}`, ...verdictLines(result, profile, suite)];
    return { text: capLines(lines, maxChars, 'give `suite` for one suite at a time') };
  }
  if (!suite) throw new ToolInputError('detail "cases": name the `suite` whose cases to list');
  return { text: caseDetail(result, suite as SuiteName, input, maxChars) };
}

function caseDetail(result: ReturnType<typeof anonymizeResult>, suite: SuiteName, input: ReadReportInput, maxChars: number): string {
  const summary = result.summary.suites[suite];
  if (!summary) return `Run ${result.run.id} did not run ${suite} (it ran ${Object.keys(result.summary.suites).join(', ') || 'no suite'}).`;
  const all = casesToRead(result, suite);
  const offset = input.offset ?? 0;
  const limit = input.limit ?? DEFAULT_LIMIT;
  const page = all.slice(offset, offset + limit);
  const head = `${suite} in run ${result.run.id}: ${summary.status}; ${all.length} case(s) failed, in error or inconclusive${all.length > 0 ? `, showing ${page.length === 0 ? 'none' : `${offset + 1}–${offset + page.length}`}` : ''}.`;
  const lines = [head, ...page.flatMap(caseLines)];
  if (offset + page.length < all.length)
    lines.push(`[${all.length - offset - page.length} more: call again with offset ${offset + page.length}]`);
  return capLines(lines, maxChars, `call again with a smaller limit or a larger offset`);
}

/** read_report: a run's verdict, summary first, a suite's failing cases on request. */
export const READ_REPORT_TOOL: AgentTool<ReadReportInput> = {
  name: 'read_report',
  title: 'Read a run report',
  description:
    'Reads an AI Quality Kit run report (the newest one of a profile, or a given report file). detail "summary" (default): the run status, each suite\'s status with its metrics against their thresholds (FAIL marks a threshold not met) and how many cases failed; with a `suite`, that suite only with its informational metrics too. detail "cases" with a `suite`: that suite\'s failed, errored and inconclusive cases with their reasons, input, expected and actual output, paged by offset and limit. Secrets and personal data are masked; long answers are cut and say what was left out.',
  inputSchema: {
    type: 'object',
    properties: {
      ...REPORT_PROPERTIES,
      suite: {
        ...SUITES_SCHEMA.items,
        description: 'One suite: its verdict with every metric, or (with detail "cases") its cases that did not pass.',
      },
      detail: { type: 'string', enum: ['summary', 'cases'], description: 'summary (default) or cases (needs `suite`).' },
      offset: { type: 'integer', minimum: 0, description: 'With detail "cases": the first case to list (default 0).' },
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: 50,
        description: `With detail "cases": how many cases to list (default ${DEFAULT_LIMIT}).`,
      },
    },
    additionalProperties: false,
  },
  readOnly: true,
  async describeInvocation(input) {
    const which = input.report ?? (input.profile ? `the newest report of ${input.profile}` : 'a report');
    return {
      message:
        input.detail === 'cases' ? `Read the ${input.suite ?? ''} cases that did not pass in ${which}` : `Read the verdict of ${which}`,
    };
  },
  invoke: readVerdict,
};
