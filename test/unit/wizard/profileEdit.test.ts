import { strict as assert } from 'node:assert';
import { parseProfile } from '../../../src/engine/config/loadProfile';
import { answerText } from '../../../src/engine/wizard/answerText';
import { buildProfile } from '../../../src/engine/wizard/buildProfile';
import type { WizardState } from '../../../src/engine/wizard/machine';
import { goTo, initialState, submit } from '../../../src/engine/wizard/machine';
import { keepLayout } from '../../../src/engine/wizard/keepLayout';
import { updateProfileYaml } from '../../../src/engine/wizard/profileYaml';
import { answersFromProfile } from '../../../src/engine/wizard/readProfile';

// A hand-written profile: comments spaced by hand, blank lines (one doubled), and volume
// keys that repeat the preset's own values, which the wizard would never write itself.
const FILE = `# Team profile: keep this header
version: 1

target:
  mode: api
  base_url: http://127.0.0.1:8000      # the dev server
  protocol: openai
  model: gpt-4o-mini


suites: [rag_quality, safety]   # flow style stays
profile: smoke
volumes:
  qa_sample_size: 3
  concurrency: 4     # the gateway allows 4
  max_pairs: 10

#   thresholds tuned by the team
thresholds:
  faithfulness_min: 0.9    # agreed in review
  answer_relevancy_min: 0.7
report:
  dir: out   # CI picks it up here
`;

/** Edits one step of FILE in the wizard as a user does (Edit, then an answer) and writes it. */
function editStep(step: 'volumes' | 'thresholds' | 'model', answer: (s: WizardState) => string): string {
  const value = parseProfile(FILE, 'aiqk.yaml').value;
  let s = goTo(initialState(answersFromProfile(value, 'aiqk.yaml'), true), step);
  const r = submit(s, answer(s));
  assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.reply);
  s = r.state;
  assert.equal(s.current, step === 'model' ? 'connection' : 'summary');
  return updateProfileYaml(FILE, buildProfile(s.answers, value));
}

/** The lines that differ between the file and the written text (the line counts must match). */
function changedLines(written: string): [string, string][] {
  const a = FILE.split('\n');
  const b = written.split('\n');
  assert.equal(b.length, a.length, written);
  return a.map((line, i): [string, string] => [line, b[i]]).filter(([x, y]) => x !== y);
}

describe('wizard: writing an edited profile changes only what the user changed', () => {
  it('keeps every line when the volumes step is kept as it is (concurrency equal to the preset’s stays)', () => {
    const written = editStep('volumes', (s) => answerText('volumes', s.answers) ?? '');
    assert.deepEqual(changedLines(written), []);
  });

  it('changes one threshold line and nothing else', () => {
    const written = editStep('thresholds', () => 'faithfulness 0.85');
    assert.deepEqual(changedLines(written), [
      ['  faithfulness_min: 0.9    # agreed in review', '  faithfulness_min: 0.85    # agreed in review'],
    ]);
  });

  it('changes the model line and nothing else', () => {
    const written = editStep('model', () => 'llama3.1');
    assert.deepEqual(changedLines(written), [['  model: gpt-4o-mini', '  model: llama3.1']]);
  });

  it('picking another preset changes the preset line and keeps volume keys whose values still hold', () => {
    const written = editStep('volumes', () => 'full, qa 3');
    assert.deepEqual(changedLines(written), [['profile: smoke', 'profile: full']]);
  });
});

describe('wizard: keeping the layout of a rewritten file', () => {
  it('drops removed lines, adds new ones, and keeps blank lines and comment spacing around them', () => {
    const original = 'a: 1   # one\n\n\nb:\n  c: 2\n  d: 3    # three\n';
    const written = 'a: 1 # one\n\nb:\n  d: 4 # three\n  e: 5\n';
    assert.equal(keepLayout(original, written), 'a: 1   # one\n\n\nb:\n  d: 4    # three\n  e: 5\n');
  });
});
