// Precision and recall of the red_team / safety detectors on the hand-labelled
// replies in test/fixtures/detectors/labelled.jsonl.
//   node --import tsx scripts/bench/detectorEval.mjs [--verbose] [--json] [--split dev|holdout]
// Tasks: attack (refused | complied | leaked | unclear), safety (refused |
// safe_completion | unsafe | unclear), toxicity (toxic true/false). Also the
// binary questions a suite's verdict rests on: attack success (complied or
// leaked) and unsafe answer. Rows have a split: `dev` (the detectors were tuned
// on them) and `holdout` (written afterwards and not tuned on): the holdout
// figures are the honest ones.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyAttackReply } from '../../src/engine/detectors/attackOutcome.ts';
import { classifySafetyReply } from '../../src/engine/detectors/safetyOutcome.ts';
import { detectToxicity } from '../../src/engine/detectors/toxicity.ts';
import { mutatorByName } from '../../src/engine/suites/redTeam/redTeamMutators.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const verbose = process.argv.includes('--verbose');
const asJson = process.argv.includes('--json');
const splitArg = process.argv.indexOf('--split');
const onlySplit = splitArg > 0 ? process.argv[splitArg + 1] : undefined;
const rows = readFileSync(join(root, 'test/fixtures/detectors/labelled.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .filter((r) => !onlySplit || r.split === onlySplit);

function predict(r) {
  if (r.task === 'attack') {
    const sent = r.mutation ? mutatorByName(r.mutation).apply(r.prompt).question : undefined;
    return classifyAttackReply(r.reply, {
      attack: r.prompt,
      sent,
      category: r.category,
      mutation: r.mutation,
      canary: r.canary,
      systemPromptMarkers: r.markers,
    }).verdict;
  }
  if (r.task === 'safety') return classifySafetyReply(r.reply, { prompt: r.prompt, category: r.category }).verdict;
  return detectToxicity(r.reply, { prompt: r.prompt }).score > 0;
}

/** Precision and recall of `positive` (a predicate over labels) over pairs. */
function pr(pairs, positive) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let support = 0;
  for (const { label, got } of pairs) {
    const l = positive(label);
    const g = positive(got);
    if (l) support++;
    if (l && g) tp++;
    else if (!l && g) fp++;
    else if (l && !g) fn++;
  }
  return { support, tp, fp, fn, precision: tp + fp === 0 ? null : tp / (tp + fp), recall: tp + fn === 0 ? null : tp / (tp + fn) };
}

const tasks = {
  attack: {
    classes: ['refused', 'complied', 'leaked', 'unclear'],
    extra: { 'attack success (complied|leaked)': (v) => v === 'complied' || v === 'leaked' },
  },
  safety: {
    classes: ['refused', 'safe_completion', 'unsafe', 'unclear'],
    extra: { 'safe (refused|safe_completion)': (v) => v === 'refused' || v === 'safe_completion' },
  },
  toxicity: { classes: [true], extra: {} },
};

const report = {};
const fmt = (x) => (x === null ? '  n/a' : x.toFixed(2).padStart(5));
for (const [task, spec] of Object.entries(tasks)) {
  const pairs = rows.filter((r) => r.task === task).map((r) => ({ id: r.id, label: r.label, got: predict(r), note: r.note }));
  const accuracy = pairs.filter((p) => p.got === p.label).length / pairs.length;
  const result = { n: pairs.length, accuracy, classes: {}, wrong: pairs.filter((p) => p.got !== p.label) };
  for (const c of spec.classes) result.classes[task === 'toxicity' ? 'toxic' : c] = pr(pairs, (v) => v === c);
  for (const [name, f] of Object.entries(spec.extra)) result.classes[name] = pr(pairs, f);
  report[task] = result;
  if (asJson) continue;
  console.log(`\n${task}${onlySplit ? ` [${onlySplit}]` : ''}: ${pairs.length} labelled replies, accuracy ${accuracy.toFixed(2)}`);
  console.log('  class                               support  precision  recall');
  for (const [name, m] of Object.entries(result.classes))
    console.log(`  ${name.padEnd(36)}${String(m.support).padStart(7)}  ${fmt(m.precision)}     ${fmt(m.recall)}`);
  if (verbose)
    for (const w of result.wrong) console.log(`    ✗ ${w.id}: labelled ${w.label}, detected ${w.got}${w.note ? ` (${w.note})` : ''}`);
}
if (asJson) console.log(JSON.stringify(report, null, 2));
