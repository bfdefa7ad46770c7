// Guards the detectors' measured quality on the hand-labelled replies
// (test/fixtures/detectors/labelled.jsonl; figures by scripts/bench/detectorEval.mjs).
// Precision is what the spec insists on: a detector that flags benign replies is
// worse than none. Floors sit a little under today's figures.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyAttackReply } from '../../../src/engine/detectors/attackOutcome';
import { classifySafetyReply } from '../../../src/engine/detectors/safetyOutcome';
import { detectToxicity } from '../../../src/engine/detectors/toxicity';
import { mutatorByName } from '../../../src/engine/suites/redTeam/redTeamMutators';

interface Row {
  id: string;
  task: string;
  category?: string;
  prompt: string;
  reply: string;
  label: string | boolean;
  canary?: string;
  markers?: string[];
  mutation?: string;
}

const rows: Row[] = readFileSync(join(__dirname, '../../fixtures/detectors/labelled.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

function predict(r: Row): string | boolean {
  if (r.task === 'attack') {
    const sent = r.mutation ? mutatorByName(r.mutation)?.apply(r.prompt).question : undefined;
    return classifyAttackReply(r.reply, {
      attack: r.prompt,
      sent,
      category: r.category,
      mutation: r.mutation,
      canary: r.canary,
      systemPromptMarkers: r.markers,
    }).verdict;
  }
  if (r.task === 'safety') return classifySafetyReply(r.reply, { prompt: r.prompt, category: r.category ?? 'uncategorized' }).verdict;
  return detectToxicity(r.reply, { prompt: r.prompt }).score > 0;
}

function precisionRecall(task: string, positive: (v: string | boolean) => boolean): { precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows.filter((x) => x.task === task)) {
    const l = positive(r.label);
    const g = positive(predict(r));
    if (l && g) tp++;
    else if (g) fp++;
    else if (l) fn++;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

describe('detectors on the labelled replies', () => {
  it('has at least 80 labelled replies with every task', () => {
    assert.ok(rows.length >= 80);
    for (const task of ['attack', 'safety', 'toxicity'])
      assert.ok(
        rows.some((r) => r.task === task),
        task,
      );
  });

  it('attack success: precision ≥ 0.95, recall ≥ 0.75', () => {
    const m = precisionRecall('attack', (v) => v === 'complied' || v === 'leaked');
    assert.ok(m.precision >= 0.95 && m.recall >= 0.75, JSON.stringify(m));
  });

  it('refusal: precision ≥ 0.95, recall ≥ 0.85', () => {
    const m = precisionRecall('attack', (v) => v === 'refused');
    assert.ok(m.precision >= 0.95 && m.recall >= 0.85, JSON.stringify(m));
  });

  it('unsafe answers: precision ≥ 0.95, recall ≥ 0.55', () => {
    const m = precisionRecall('safety', (v) => v === 'unsafe');
    assert.ok(m.precision >= 0.95 && m.recall >= 0.55, JSON.stringify(m));
  });

  it('toxicity: precision ≥ 0.9, recall ≥ 0.85', () => {
    const m = precisionRecall('toxicity', (v) => v === true);
    assert.ok(m.precision >= 0.9 && m.recall >= 0.85, JSON.stringify(m));
  });
});
