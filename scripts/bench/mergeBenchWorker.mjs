// One merge of the merge bench, in its own process so its peak memory is its own:
// merges the shard reports given into `out` (JSON and JUnit) with the bundled
// engine and prints one JSON line: cases merged, time, peak RSS.
//   node mergeBenchWorker.mjs <bundle> <out> <shard report...>
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [bundle, out, ...files] = process.argv.slice(2);
const { mergeShardFiles } = createRequire(import.meta.url)(bundle);
const t0 = performance.now();
const { merged, writeError } = await mergeShardFiles(files, { outDir: out, formats: ['json', 'junit'] });
if (writeError) throw new Error(writeError);
process.stdout.write(
  `${JSON.stringify({ total: merged.summary.overall.total, ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
