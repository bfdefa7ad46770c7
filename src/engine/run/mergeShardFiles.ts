import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { resolveProfile } from '../config/resolve';
import { errorMessage } from '../model/caseOutcome';
import type { LogEntry, RunResult } from '../model/runTypes';
import { scratchFileFor } from '../report/atomicWrite';
import type { MergePart } from '../report/merge';
import { ShardMerge, orderShards } from '../report/merge';
import { eachReportCase } from '../report/reportScan';
import type { ReportFormat, WrittenReports } from '../report/writeReports';
import { ReportWriteError, writeReports } from '../report/writeReports';
import { CaseSpill, readCaseSpill } from './caseSpill';
import { CASE_WINDOW, CaseWindow } from './caseWindow';
import { mergeSummarizer } from './resummarize';

/** What merging shard report files gave. */
export interface MergedFiles {
  /** The merged report; its `cases` are a window of them (see CaseWindow), the written reports hold all. */
  merged: RunResult;
  written: WrittenReports;
  /** Why the reports could not (all) be written. */
  writeError?: string;
}

/**
 * Merges the JSON reports of every shard of one run into reports in `outDir`,
 * holding no case for longer than it takes: a first pass reads each report's
 * run and summary and checks every case line (so a broken shard is refused
 * before anything is written), a second streams the cases in shard order
 * through the suites' summaries into a spill file, from which the reports are written.
 * Throws (naming the files) for reports that cannot be merged; `labels` name them.
 */
export async function mergeShardFiles(
  files: readonly string[],
  opts: { outDir: string; labels?: readonly string[]; formats?: readonly ReportFormat[]; keptCases?: number },
): Promise<MergedFiles> {
  const parts: (MergePart & { file: string })[] = [];
  for (const [i, file] of files.entries())
    parts.push({ file, label: opts.labels?.[i] ?? file, head: await eachReportCase(file, () => undefined) });
  const ordered = orderShards(parts);
  const logs: LogEntry[] = [];
  const summarize = await mergeSummarizer(
    ordered.map((p) => p.head),
    logs,
  );
  await mkdir(opts.outDir, { recursive: true });
  const scratch = scratchFileFor(path.join(opts.outDir, 'cases.jsonl'));
  try {
    const spill = new CaseSpill(scratch.path);
    const window = new CaseWindow(opts.keptCases ?? CASE_WINDOW);
    const merge = new ShardMerge(
      ordered,
      (c) => {
        window.add(c);
        spill.write(c);
      },
      summarize,
    );
    for (const p of ordered) await eachReportCase(p.file, (c) => merge.add(c));
    const merged = merge.finish(window.cases);
    merged.logs.push(...logs);
    await spill.close();
    const profile = resolveProfile(merged.inputs, merged.run.profile);
    try {
      const written = await writeReports(merged, {
        dir: opts.outDir,
        formats: opts.formats ?? profile.report.formats,
        anonymize: profile.report.anonymize,
        cases: () => readCaseSpill(spill.file),
      });
      return { merged, written };
    } catch (err) {
      return { merged, written: err instanceof ReportWriteError ? err.written : {}, writeError: errorMessage(err) };
    }
  } finally {
    await scratch.release();
  }
}
