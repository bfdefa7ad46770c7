import { strict as assert } from 'node:assert';
import type { WizardAnswers } from '../../../src/engine/wizard/answers';
import { emptyAnswers } from '../../../src/engine/wizard/answers';
import {
  kindsInUse,
  missingRequired,
  parseConnection,
  parseData,
  parseSummary,
  profileFileName,
} from '../../../src/engine/wizard/parseFinish';
import { rejected } from './parseTarget.test';

const a: WizardAnswers = { ...emptyAnswers(), mode: 'api', suites: ['rag_quality', 'red_team', 'safety'] };

describe('wizard: test data', () => {
  it('lists the data kinds the chosen suites use, and what blocks without defaults', () => {
    assert.deepEqual(kindsInUse(['rag_quality', 'red_team', 'safety']), ['passages', 'qaset', 'attacks', 'schema']);
    assert.deepEqual(kindsInUse(['resilience']), []);
    assert.deepEqual(missingRequired(a), []);
    assert.deepEqual(missingRequired({ ...a, useDefaults: false, data: { qaset: 'q.jsonl' } }), ['passages', 'attacks']);
  });

  const effects: [string, object][] = [
    ['pick qaset', { kind: 'pickData', dataKind: 'qaset' }],
    ['upload my passages', { kind: 'pickData', dataKind: 'passages' }],
    ['browse for the attack prompts', { kind: 'pickData', dataKind: 'attacks' }],
    ['create passages', { kind: 'createData', dataKind: 'passages' }],
    ['new qa set from the template', { kind: 'createData', dataKind: 'qaset' }],
    ['qaset data/x.jsonl', { kind: 'validateData', dataKind: 'qaset', path: 'data/x.jsonl' }],
    ['data/qa.jsonl', { kind: 'validateData', dataKind: 'qaset', path: 'data/qa.jsonl' }],
    ['docs/passages.jsonl', { kind: 'validateData', dataKind: 'passages', path: 'docs/passages.jsonl' }],
    ['./attacks.yaml', { kind: 'validateData', dataKind: 'attacks', path: './attacks.yaml' }],
  ];
  for (const [text, effect] of effects) {
    it(`reads “${text}”`, () => {
      const o = parseData(text, a);
      assert.ok(o.ok && o.stay, JSON.stringify(o));
      assert.deepEqual(o.effect, effect);
    });
  }

  it('turns defaults on and off, goes on when done, removes a dataset', () => {
    const on = parseData('use defaults', { ...a, useDefaults: false });
    assert.ok(on.ok && on.set.useDefaults === true && !on.stay);
    const off = parseData("don't use the built-in data", a);
    assert.ok(off.ok && off.set.useDefaults === false && off.stay);
    for (const t of ['done', 'continue', 'looks good', 'skip', 'ok']) assert.ok(parseData(t, a).ok, t);
    const removed = parseData('remove qaset', { ...a, data: { qaset: 'q.jsonl', passages: 'p.jsonl' } });
    assert.ok(removed.ok && removed.stay);
    assert.deepEqual(removed.set.data, { passages: 'p.jsonl' });
  });

  it('will not go on while required data is missing with defaults off, and says which', () => {
    assert.match(rejected(parseData('done', { ...a, useDefaults: false })), /passages, qaset, attacks are required/);
    assert.match(rejected(parseData('data/file.jsonl', a)), /Which data is data\/file.jsonl/);
    assert.match(rejected(parseData('pick bias groups', a)), /None of the chosen suites uses bias_groups/);
    assert.match(rejected(parseData('pick a file', a)), /For which data/);
    assert.match(rejected(parseData('banana', a)), /did not understand/);
  });
});

describe('wizard: connection and summary', () => {
  it('tests again, goes on, or goes back to the target', () => {
    const again = parseConnection('test again', a);
    assert.ok(again.ok && again.stay && again.effect?.kind === 'testConnection');
    const on = parseConnection('continue anyway', a);
    assert.ok(on.ok && !on.stay && !on.effect);
    const change = parseConnection('change the target', a);
    assert.ok(change.ok && change.goTo === 'endpoint');
    const demo = parseConnection('edit it', { ...a, mode: 'builtin' });
    assert.ok(demo.ok && demo.goTo === 'mode');
    assert.match(rejected(parseConnection('banana', a)), /test again/);
  });

  const finish: [string, boolean][] = [
    ['run', true],
    ['Write and run', true],
    ['yes', true],
    ["let's go", true],
    ['start it', true],
    ['write', false],
    ['write only', false],
    ['save', false],
    ["don't run yet", false],
  ];
  for (const [text, run] of finish) {
    it(`reads “${text}” as finish${run ? ' and run' : ''}`, () => {
      const o = parseSummary(text);
      assert.ok(o.ok && o.effect?.kind === 'finish');
      assert.equal(o.effect.run, run);
    });
  }

  it('takes another file name, and jumps to a step to edit it', () => {
    const names: [string, string][] = [
      ['save as my.aiqk.yaml', 'my.aiqk.yaml'],
      ['name it smoke', 'smoke.aiqk.yaml'],
      ['foo.yaml', 'foo.aiqk.yaml'],
      ['file configs/ci.aiqk.yml', 'configs/ci.aiqk.yml'],
      ['save it as "aiqk.yaml"', 'aiqk.yaml'],
    ];
    for (const [text, name] of names) {
      const o = parseSummary(text);
      assert.ok(o.ok && o.stay, text);
      assert.equal(o.set.fileName, name, text);
    }
    for (const [text, step] of [
      ['edit suites', 'suites'],
      ['change the model', 'model'],
      ['go to thresholds', 'thresholds'],
      ['fix the api key', 'auth'],
    ] as const) {
      const o = parseSummary(text);
      assert.ok(o.ok && o.goTo === step, text);
    }
    assert.match(rejected(parseSummary('save as ../x')), /without “..”/);
    assert.match(rejected(parseSummary('no')), /Nothing is written yet/);
    assert.match(rejected(parseSummary('edit the banana')), /Which step/);
  });

  it('makes a profile file name of what is typed', () => {
    assert.deepEqual(profileFileName('ci'), { name: 'ci.aiqk.yaml' });
    assert.deepEqual(profileFileName('aiqk.yml'), { name: 'aiqk.yml' });
    assert.deepEqual(profileFileName('sub\\dir\\x.aiqk.yaml'), { name: 'sub/dir/x.aiqk.yaml' });
    assert.ok('error' in profileFileName('/etc/passwd'));
    assert.ok('error' in profileFileName('a<b>'));
  });
});
