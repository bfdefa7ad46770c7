// Precision and recall of the PII detector with the built-in patterns over the
// labelled examples in test/fixtures/detectors/pii-labelled.jsonl. The engine is
// bundled with esbuild first (as the CLI ships it):
//   node scripts/bench/piiEval.mjs [labelled.jsonl] [--verbose] [--no-checks]
// --no-checks accepts every regex match (validators pass everything, no quoting
// rule) to show what the checksums and the quoting rule are worth.
// A hit is a true positive when it has the labelled pattern and overlaps the
// labelled value; "any-type" counts a hit of any pattern over a labelled value.
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadEngineBundle } from './bundleEngine.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const noChecks = args.includes('--no-checks');
const file = args.find((a) => !a.startsWith('--')) ?? join(root, 'test', 'fixtures', 'detectors', 'pii-labelled.jsonl');
const { scanPii, loadPiiPatterns, defaultDatasetPath } = await loadEngineBundle('piiEval', {
  scanPii: 'src/engine/detectors/pii',
  loadPiiPatterns: 'src/engine/data/readers/piiPatterns',
  defaultDatasetPath: 'src/engine/data/defaults',
});

const loaded = await loadPiiPatterns(defaultDatasetPath('pii_patterns'));
const patterns = loaded.records;
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const per = new Map();
const stat = (name) => per.get(name) ?? per.set(name, { tp: 0, fp: 0, fn: 0 }).get(name);
let anyTp = 0;
let anyFn = 0;
let rejected = 0;
const mistakes = [];
for (const row of rows) {
  const options = noChecks ? { validator: () => () => true } : row.prompt ? { prompt: row.prompt } : {};
  const { hits, rejections } = scanPii(row.text, patterns, options);
  rejected += rejections.length;
  const labels = row.expected.map((e) => {
    const start = row.text.indexOf(e.value);
    return { ...e, start, end: start + e.value.length, matched: false, anyMatched: false };
  });
  for (const h of hits) {
    const label = labels.find((l) => !l.matched && l.pattern === h.pattern && h.start < l.end && l.start < h.end);
    const overlapping = labels.filter((l) => h.start < l.end && l.start < h.end);
    for (const l of overlapping) l.anyMatched = true;
    if (label) {
      label.matched = true;
      stat(h.pattern).tp++;
    } else {
      stat(h.pattern).fp++;
      mistakes.push(`FP ${h.pattern} "${row.text.slice(h.start, h.end)}" in: ${row.note}`);
    }
  }
  for (const l of labels) {
    if (!l.matched) {
      stat(l.pattern).fn++;
      mistakes.push(`FN ${l.pattern} "${l.value}" in: ${row.note}`);
    }
    if (l.anyMatched) anyTp++;
    else anyFn++;
  }
}

const ratio = (a, b) => (b === 0 ? '   n/a' : (a / b).toFixed(3).padStart(6));
let tp = 0;
let fp = 0;
let fn = 0;
console.log(`labelled file  ${file}`);
console.log(
  `examples       ${rows.length} (${rows.reduce((n, r) => n + r.expected.length, 0)} labelled values, ${rows.filter((r) => r.expected.length === 0).length} examples without PII)`,
);
console.log(`patterns       ${patterns.map((p) => p.name).join(', ')}${noChecks ? ' (checks off)' : ''}`);
console.log('');
console.log('pattern            tp   fp   fn  precision  recall');
for (const [name, s] of [...per.entries()].sort()) {
  tp += s.tp;
  fp += s.fp;
  fn += s.fn;
  console.log(
    `${name.padEnd(17)} ${String(s.tp).padStart(3)}  ${String(s.fp).padStart(3)}  ${String(s.fn).padStart(3)}     ${ratio(s.tp, s.tp + s.fp)}  ${ratio(s.tp, s.tp + s.fn)}`,
  );
}
console.log(
  `${'all (typed)'.padEnd(17)} ${String(tp).padStart(3)}  ${String(fp).padStart(3)}  ${String(fn).padStart(3)}     ${ratio(tp, tp + fp)}  ${ratio(tp, tp + fn)}`,
);
console.log(`any-type recall   ${ratio(anyTp, anyTp + anyFn)}   candidates rejected (checksum, fragment, quoted…): ${rejected}`);
if (verbose || mistakes.length > 0) {
  console.log('');
  for (const m of mistakes) console.log(m);
}
