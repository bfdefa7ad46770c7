import { strict as assert } from 'node:assert';
import type { WizardAnswers } from '../../../src/engine/wizard/answers';
import { emptyAnswers } from '../../../src/engine/wizard/answers';
import { parseThresholds, parseVolumes } from '../../../src/engine/wizard/parseOptions';
import { parseBias, parseCompliance, parseResilience } from '../../../src/engine/wizard/parseSuiteOptions';
import { accepted, rejected } from './parseTarget.test';

const rag: WizardAnswers = { ...emptyAnswers(), mode: 'api', suites: ['rag_quality', 'safety', 'performance'] };

describe('wizard: thresholds', () => {
  it('takes the documented defaults of the chosen suites', () => {
    for (const text of ['defaults', 'skip', 'keep defaults', 'default', 'fine']) {
      assert.deepEqual(
        accepted(parseThresholds(text, rag)).thresholds,
        { faithfulness_min: 0.8, context_recall_min: 0.8, toxicity_max: 0 },
        text,
      );
    }
    assert.deepEqual(accepted(parseThresholds('defaults', { ...rag, suites: ['red_team'] })).thresholds, {});
  });

  const cases: [string, Record<string, number>][] = [
    ['faithfulness 0.85, recall 80%', { faithfulness_min: 0.85, context_recall_min: 0.8 }],
    ['faithfulness_min=0.9', { faithfulness_min: 0.9 }],
    ['faithfulness: .75', { faithfulness_min: 0.75 }],
    ['faithfulness 85', { faithfulness_min: 0.85 }],
    ['context recall >= 0.7', { context_recall_min: 0.7 }],
    ['p95 under 3 s', { p95_ms_max: 3000 }],
    ['latency 2500ms', { p95_ms_max: 2500 }],
    ['ttft 1.5 seconds', { ttft_p95_ms_max: 1500 }],
    ['f1 0.6 and toxicity 0', { f1_min: 0.6, toxicity_max: 0 }],
    ['relevance 0,55; rouge-l 0.4', { answer_relevancy_min: 0.55, rouge_l_min: 0.4 }],
    ['error rate 2%', { error_rate_max: 0.02 }],
    ['attack success rate 5%', { attack_success_rate_max: 0.05 }],
  ];
  for (const [text, want] of cases) {
    it(`reads “${text}”`, () => {
      const got = accepted(parseThresholds(text, rag)).thresholds ?? {};
      for (const [k, v] of Object.entries(want)) assert.equal(got[k], v, k);
    });
  }

  it('keeps the other thresholds when one is changed, and notes keys of suites not chosen', () => {
    const before: WizardAnswers = { ...rag, thresholds: { faithfulness_min: 0.9, p95_ms_max: 4000 } };
    assert.deepEqual(accepted(parseThresholds('recall 0.7', before)).thresholds, {
      faithfulness_min: 0.9,
      p95_ms_max: 4000,
      context_recall_min: 0.7,
    });
    const o = parseThresholds('pii 2', rag);
    assert.ok(o.ok && o.set.thresholds?.pii_hits_max === 2);
    assert.match(o.reply ?? '', /compliance_smoke, which is not selected/);
  });

  it('offers strict and lenient presets for the chosen suites only', () => {
    const strict = accepted(parseThresholds('strict please', rag)).thresholds ?? {};
    assert.equal(strict.faithfulness_min, 0.9);
    assert.equal(strict.p95_ms_max, 3000);
    assert.equal(strict.success_rate_min, undefined);
    assert.equal((accepted(parseThresholds('lenient', rag)).thresholds ?? {}).faithfulness_min, 0.6);
  });

  it('refuses values out of range, unknown names and names without values', () => {
    assert.match(rejected(parseThresholds('faithfulness 1.5', rag)), /share between 0 and 1/);
    assert.match(rejected(parseThresholds('pii 1.5', rag)), /whole number/);
    assert.match(rejected(parseThresholds('banana 3', rag)), /do not know which threshold “banana 3”/);
    assert.match(rejected(parseThresholds('faithfulness high-ish', rag)), /needs a value/);
    assert.match(rejected(parseThresholds('hmm', rag)), /name and value/);
  });
});

describe('wizard: volumes', () => {
  const cases: [string, string, Record<string, number> | undefined][] = [
    ['smoke', 'smoke', undefined],
    ['quick', 'smoke', undefined],
    ['full', 'full', undefined],
    ['a thorough one', 'full', undefined],
    ['red team heavy', 'red_team_heavy', undefined],
    ['red_team_heavy', 'red_team_heavy', undefined],
    ['heavy', 'red_team_heavy', undefined],
    ['full with concurrency 8', 'full', { concurrency: 8 }],
    ['qa 10, mutators 2', 'smoke', { qa_sample_size: 10, attack_mutators: 2 }],
    ['smoke, 5 questions', 'smoke', undefined],
    ['questions 5, perf repeats 3, 8 workers', 'smoke', { qa_sample_size: 5, perf_repeats: 3 }],
    ['full, max pairs 4', 'full', { max_pairs: 4 }],
    ['full with qa 20', 'full', undefined],
  ];
  for (const [text, preset, volumes] of cases) {
    it(`reads “${text}”`, () => {
      const set = accepted(parseVolumes(text, rag));
      assert.equal(set.volumePreset, preset);
      assert.deepEqual(set.volumes, volumes);
    });
  }

  it('refuses numbers out of range, two presets and gibberish', () => {
    assert.match(rejected(parseVolumes('mutators 20', rag)), /attack_mutators must be a whole number from 1 to 12/);
    assert.match(rejected(parseVolumes('concurrency 0', rag)), /concurrency must be/);
    assert.match(rejected(parseVolumes('smoke and full', rag)), /one volume profile/);
    assert.match(rejected(parseVolumes('banana', rag)), /Choose smoke/);
  });
});

describe('wizard: resilience, compliance and bias options', () => {
  const res: [string, object][] = [
    ['all', {}],
    ['all scenarios', {}],
    ['skip', {}],
    ['only timeout and retry', { scenarios: ['timeout', 'retry'] }],
    ['just bursts', { scenarios: ['burst'] }],
    ['burst 20, retries 3', { burst_concurrency: 20, retries: 3 }],
    ['circuit 5 fails reset 30 s', { circuit: { fails: 5, reset_s: 30 } }],
    ['circuit breaker after 3 failures, reset 500 ms', { circuit: { fails: 3, reset_s: 0.5 } }],
    ['timeouts 500 ms, 2 s', { timeouts_ms: [500, 2000] }],
    ['only timeout and retry, burst 20', { scenarios: ['timeout', 'retry'], burst_concurrency: 20 }],
  ];
  for (const [text, want] of res)
    it(`reads the resilience answer “${text}”`, () => assert.deepEqual(accepted(parseResilience(text)).resilience, want));

  it('refuses resilience values out of range and unknown words', () => {
    assert.match(rejected(parseResilience('burst 1000')), /1 to 256/);
    assert.match(rejected(parseResilience('retries 30')), /0 to 10/);
    assert.match(rejected(parseResilience('banana')), /did not understand “banana”/);
  });

  it('reads protected routes, or the defaults', () => {
    assert.deepEqual(accepted(parseCompliance('/admin, /internal/*', rag)).compliance, { protected_routes: ['/admin', '/internal/*'] });
    assert.deepEqual(accepted(parseCompliance('routes /admin and /debug.', rag)).compliance, { protected_routes: ['/admin', '/debug'] });
    const d = parseCompliance('defaults', { ...rag, authEnv: 'TOKEN' });
    assert.ok(d.ok && JSON.stringify(d.set.compliance) === '{}');
    assert.match(d.reply ?? '', /ask route is probed/);
    assert.match(
      accepted(parseCompliance('skip', { ...rag, mode: 'builtin' })) &&
        (parseCompliance('skip', { ...rag, mode: 'builtin' }) as { reply: string }).reply,
      /need an HTTP API/,
    );
    assert.match(rejected(parseCompliance('banana', rag)), /Give the routes/);
  });

  const bias: [string, object][] = [
    ['defaults', {}],
    ['female|male; young|elderly', { groups: 'female|male;young|elderly' }],
    ['rich vs poor', { groups: 'rich|poor' }],
    ['compare urban versus rural', { groups: 'urban|rural' }],
    ['refusal rate', { parityMetric: 'refusal_rate' }],
    ['length only', { parityMetric: 'length' }],
    ['max pairs 5', { maxPairs: 5 }],
    ['parity 0.2', { parityThreshold: 0.2 }],
    ['gap below 15%', { parityThreshold: 0.15 }],
    [
      'refusal rate, max pairs 5, parity 0.2, female|male;young|elderly',
      { groups: 'female|male;young|elderly', maxPairs: 5, parityThreshold: 0.2, parityMetric: 'refusal_rate' },
    ],
  ];
  for (const [text, want] of bias) it(`reads the bias answer “${text}”`, () => assert.deepEqual(accepted(parseBias(text)).bias, want));

  it('refuses bias values out of range and unknown answers', () => {
    assert.match(rejected(parseBias('max pairs 5000')), /1 to 1000/);
    assert.match(rejected(parseBias('parity 3.5')), /between 0 and 1/);
    assert.match(rejected(parseBias('refusal rate and length')), /one parity metric/);
    assert.match(rejected(parseBias('banana')), /Give group pairs/);
  });
});
