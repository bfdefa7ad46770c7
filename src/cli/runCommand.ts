import { parseOptions } from './parseOptions';
import { formatProblem } from '../engine/model/problem';
import { formatSummaryTable } from '../engine/report/summaryTable';
import type { ReportFormat } from '../engine/report/writeReports';
import { runAndWriteReports } from '../engine/run/runAndWriteReports';
import type { PreparedRun } from '../engine/prepare/preparedRun';
import { prepareRun } from '../engine/prepare/prepareRun';
import type { ShardSetting } from '../engine/prepare/shard';
import { describeShard, parseShardSetting } from '../engine/prepare/shard';
import type { RunResult } from '../engine/model/runTypes';
import type { SuiteName } from '../engine/model/suiteNames';
import { SUITE_NAMES } from '../engine/model/suiteNames';
import { envSecretLookup } from '../engine/targets/createTarget';
import { createProgress } from './progress';
import { formatRunStory } from '../engine/report/runStoryText';
import { inconclusiveLine } from '../engine/report/runStory';
import { parseSuites, refusalLines } from './judging';
import { displayPath, parseFormats, reportPathLines, useColor } from './reportOutput';
import { STOP_SIGNALS, watchStopSignals } from './signals';

const USAGE = `Usage: aiqk run <profile> [options]

Runs the suites of a run profile (aiqk.yaml) against its target and writes the reports.

Options:
  --suites a,b          run these suites instead of the profile's (${SUITE_NAMES.join(', ')})
  --format json,xlsx    report formats instead of the profile's (json, xlsx, junit)
  --out <dir>           report folder instead of the profile's report.dir
  --shard i/n           run only shard i of n (cases split by md5 of their id)
  --shard auto          take i and n from the CI job: AIQK_SHARD_INDEX (1-based) and
                        AIQK_SHARD_TOTAL, GitLab CI_NODE_INDEX/CI_NODE_TOTAL, CircleCI
                        CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL, Buildkite BUILDKITE_PARALLEL_JOB/
                        BUILDKITE_PARALLEL_JOB_COUNT, Kubernetes JOB_COMPLETION_INDEX with AIQK_SHARD_TOTAL
  --run-id <id>         use this run id (run_<yyyymmdd-hhmmss>_<8 hex>, e.g. to share one id across shards)
  --baseline <report>   compare regression with this report instead of the newest one
  --no-color            plain output
  --quiet               no progress and no summary table
  --verbose             also the suites' informational notes under the summary
  -h, --help            this text

Exit codes: 0 every suite passed, 1 a suite failed, errored or was inconclusive
(too many replies nobody could classify, or nothing measured) or the run was
cancelled, 2 configuration error (bad profile, missing data, bad option), 130
interrupted by Ctrl-C, 143 by SIGTERM, 129 by SIGHUP (the partial reports are
written; a second signal exits at once without them).
`;

/** Exit codes of `aiqk run`. */
export const RUN_EXIT = { passed: 0, failed: 1, config: 2, interrupted: 130 } as const;

/** The parsed options of `aiqk run`. */
export interface RunArgs {
  profile: string;
  suites?: SuiteName[];
  formats?: ReportFormat[];
  out?: string;
  shard?: ShardSetting;
  runId?: string;
  baseline?: string;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** Parses `aiqk run` arguments; throws a readable error on a bad option. */
export function parseRunArgs(args: string[]): RunArgs | 'help' {
  const { values, positionals } = parseOptions({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      suites: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      shard: { type: 'string' },
      'run-id': { type: 'string' },
      baseline: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1)
    throw new Error(
      positionals.length === 0 ? 'which run profile? e.g. aiqk run aiqk.yaml' : `one run profile at a time (got ${positionals.length})`,
    );
  const suites = values.suites !== undefined ? parseSuites(values.suites) : undefined;
  return {
    profile: positionals[0] as string,
    ...(suites ? { suites } : {}),
    ...(values.format !== undefined ? { formats: parseFormats(values.format) } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.shard !== undefined ? { shard: parseShardSetting(values.shard) } : {}),
    ...(values['run-id'] !== undefined ? { runId: values['run-id'] } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    color: useColor(process.stdout, values['no-color'] === true),
    quiet: values.quiet === true,
    verbose: values.verbose === true,
  };
}

/** The exit code of a finished run (see USAGE). */
export function exitCodeOf(result: RunResult, interrupted: boolean): number {
  switch (result.run.status) {
    case 'passed':
      return RUN_EXIT.passed;
    case 'cancelled':
      return interrupted ? RUN_EXIT.interrupted : RUN_EXIT.failed;
    case 'failed':
    case 'inconclusive':
      return RUN_EXIT.failed;
    case 'error':
      // Nothing evaluated at all: the target could not be set up (a missing secret,
      // a bad MCP command), which the user fixes in the configuration.
      return result.cases.length === 0 && Object.keys(result.summary.suites).length === 0 ? RUN_EXIT.config : RUN_EXIT.failed;
  }
}

/** `aiqk run <profile>`: runs a profile, shows progress and the summary, writes the reports. */
export async function runCommand(argv: string[]): Promise<number> {
  let args: RunArgs | 'help';
  try {
    args = parseRunArgs(argv);
  } catch (err) {
    process.stderr.write(`aiqk run: ${(err as Error).message}\n\n${USAGE}`);
    return RUN_EXIT.config;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  // The same checks as `aiqk validate` and `aiqk requirements`: a data path that
  // does not exist or a dataset with no usable record stops the run here, not halfway through.
  const outcome = await prepareRun(args.profile, {
    ...(args.suites ? { suites: args.suites } : {}),
    ...(args.shard ? { shard: args.shard } : {}),
    report: { ...(args.formats ? { formats: args.formats } : {}), ...(args.out ? { outDir: args.out } : {}) },
  });
  if (!outcome.ok) {
    process.stderr.write(refusalLines('run', args.profile, outcome.refusal).join('\n') + '\n');
    return RUN_EXIT.config;
  }
  for (const p of outcome.run.problems) process.stderr.write(`${formatProblem(p, displayPath(p.file))}\n`);
  const shard = outcome.run.shard;
  if (shard?.source && !args.quiet) process.stderr.write(`aiqk run: shard ${describeShard(shard)}\n`);
  return execute(args, outcome.run);
}

async function execute(args: RunArgs, prepared: PreparedRun): Promise<number> {
  let handle: ReturnType<typeof runAndWriteReports>;
  try {
    handle = runAndWriteReports(prepared, {
      secrets: envSecretLookup,
      ...(args.runId ? { runId: args.runId } : {}),
      ...(args.baseline ? { baseline: args.baseline } : {}),
    });
  } catch (err) {
    process.stderr.write(`aiqk run: ${(err as Error).message}\n`);
    return RUN_EXIT.config;
  }
  const stderr = process.stderr;
  const progress = args.quiet
    ? undefined
    : createProgress(stderr, { tty: stderr.isTTY === true, color: useColor(stderr, !args.color), columns: stderr.columns });
  if (progress) handle.events.onEvent((e) => progress.onEvent(e));
  const stop = watchStopSignals({
    cancel: (reason) => handle.cancel(reason),
    note: (line) => (progress ? progress.note(line) : stderr.write(`${line}\n`)),
    stopProgress: () => progress?.stop(),
  });
  try {
    const { result, files, writeError } = await handle.written;
    progress?.stop();
    if (!args.quiet) {
      process.stdout.write(`${formatSummaryTable(result, { color: args.color, runError: false })}\n`);
      const story = formatRunStory(result, { verbose: args.verbose, ...(prepared.records ? { records: prepared.records } : {}) });
      if (story.length > 0) process.stdout.write(`${story.join('\n')}\n`);
    }
    // With progress on, errors were already printed as they happened.
    if (!progress && result.run.error && result.run.status === 'error') stderr.write(`aiqk run: ${result.run.error}\n`);
    const lines = reportPathLines(files);
    if (lines.length > 0) process.stdout.write(`Reports:\n${lines.join('\n')}\n`);
    if (writeError) stderr.write(`aiqk run: ${writeError}\n`);
    if (args.quiet) {
      process.stdout.write(
        `Run ${result.run.id}: ${result.run.status} (${result.summary.overall.passed}/${result.summary.overall.total} cases passed)\n`,
      );
      const inconclusive = inconclusiveLine(result);
      if (inconclusive) process.stdout.write(`${inconclusive}\n`);
    }
    const code = exitCodeOf(result, stop.signal !== undefined);
    // Interrupted: 128 + the signal's number, whatever else happened.
    if (stop.signal && code === RUN_EXIT.interrupted) return STOP_SIGNALS[stop.signal];
    return writeError ? Math.max(RUN_EXIT.failed, code) : code;
  } finally {
    stop.dispose();
  }
}
