import { parseOptions } from './parseOptions';
import { reportFilesIn } from '../engine/report/reportFiles';
import { formatSummaryTable } from '../engine/report/summaryTable';
import type { ReportFormat } from '../engine/report/writeReports';
import type { MergedFiles } from '../engine/run/mergeShardFiles';
import { mergeShardFiles } from '../engine/run/mergeShardFiles';
import { displayPath, parseFormats, reportPathLines, useColor } from './reportOutput';

const USAGE = `Usage: aiqk merge <report.json or folder...> --out <dir> [options]

Joins the JSON reports of the shards of one run (aiqk run --shard i/n or
--shard auto) into one report; every suite's metrics are recomputed from the
merged cases. A folder gives every run_*.json in it and its subfolders (CI
artifacts as downloaded). The reports must be of one run profile and hold every
shard exactly once; the error names the missing or duplicated shard and files.

Options:
  --out <dir>           folder for the merged reports (required)
  --format json,xlsx    formats to write (default: the run profile's report.formats)
  --no-color            plain output
  --quiet               no summary table
  -h, --help            this text

Exit codes: 0 the merged run passed, 1 it failed (or a shard was cancelled or in
error), 2 bad arguments or reports that cannot be merged.
`;

/** `aiqk merge`: merges shard reports and writes the merged reports. */
export async function mergeCommand(argv: string[]): Promise<number> {
  let values: { out?: string; format?: string; 'no-color'?: boolean; quiet?: boolean; help?: boolean };
  let files: string[];
  try {
    const parsed = parseOptions({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        format: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    values = parsed.values;
    files = parsed.positionals;
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (files.length === 0) throw new Error('which reports? give the JSON reports of the shards, or a folder holding them');
    if (!values.out) throw new Error('--out <dir> is required');
  } catch (err) {
    process.stderr.write(`aiqk merge: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let formats: ReportFormat[] | undefined;
  try {
    if (values.format !== undefined) formats = parseFormats(values.format);
  } catch (err) {
    process.stderr.write(`aiqk merge: ${(err as Error).message}\n`);
    return 2;
  }
  let done: MergedFiles;
  try {
    files = await reportFilesIn(files);
    done = await mergeShardFiles(files, {
      outDir: values.out as string,
      labels: files.map((f) => displayPath(f)),
      ...(formats ? { formats } : {}),
    });
  } catch (err) {
    process.stderr.write(`aiqk merge: ${(err as Error).message}\n`);
    return 2;
  }
  const { merged, written, writeError } = done;
  if (writeError) process.stderr.write(`aiqk merge: ${writeError}\n`);
  if (!values.quiet)
    process.stdout.write(`${formatSummaryTable(merged, { color: useColor(process.stdout, values['no-color'] === true) })}\n`);
  const lines = reportPathLines(written);
  if (lines.length > 0) process.stdout.write(`Reports:\n${lines.join('\n')}\n`);
  process.stdout.write(
    `Merged ${files.length} reports of ${displayPath(merged.run.profile)} into ${merged.run.id}: ${merged.run.status} (${merged.summary.overall.passed}/${merged.summary.overall.total} cases passed)\n`,
  );
  if (writeError) return 2;
  return merged.run.status === 'passed' ? 0 : 1;
}
