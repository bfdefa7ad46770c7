import { strict as assert } from 'node:assert';
import type { WizardAnswers } from '../../../src/engine/wizard/answers';
import type { WizardStepId } from '../../../src/engine/model/wizardSteps';
import { emptyAnswers } from '../../../src/engine/wizard/answers';
import { WIZARD_STEPS } from '../../../src/engine/model/wizardSteps';
import { answerText } from '../../../src/engine/wizard/answerText';
import type { WizardState } from '../../../src/engine/wizard/machine';
import {
  applicableSteps,
  back,
  canGoTo,
  chipsOf,
  goTo,
  initialState,
  progressOf,
  reset,
  restoreState,
  submit,
} from '../../../src/engine/wizard/machine';
import { STEP_DEFS, stepDef } from '../../../src/engine/wizard/stepDefs';

/** Answers several steps in a row; every answer must be accepted. */
function answerAll(state: WizardState, ...texts: string[]): WizardState {
  let s = state;
  for (const t of texts) {
    const r = submit(s, t);
    assert.ok(r.outcome.ok, `“${t}” at ${s.current}: ${r.outcome.ok ? '' : r.outcome.reply}`);
    s = r.state;
  }
  return s;
}

/** The answers read from a profile opened for editing. */
const EDITED: WizardAnswers = {
  ...emptyAnswers(),
  mode: 'api',
  baseUrl: 'http://x:1',
  protocol: 'openai',
  model: 'm',
  suites: ['rag_quality', 'resilience', 'compliance_smoke', 'bias_smoke'],
};

describe('wizard: step machine', () => {
  it('defines every step id once, in the order of WIZARD_STEPS', () => {
    assert.deepEqual(
      STEP_DEFS.map((d) => d.id),
      [...WIZARD_STEPS],
    );
  });

  it('asks only the steps that apply to the demo, in order, to the summary', () => {
    let s = initialState();
    const seen: WizardStepId[] = [s.current];
    for (const t of ['demo', 'recommended', 'defaults', 'smoke', 'done', 'continue']) {
      s = answerAll(s, t);
      seen.push(s.current);
    }
    assert.deepEqual(seen, ['mode', 'suites', 'thresholds', 'volumes', 'data', 'connection', 'summary']);
    assert.deepEqual(progressOf(s), { index: 7, count: 7, percent: 100, title: 'Summary' });
  });

  it('asks the API steps for an API, and skips what one answer already covered', () => {
    let s = answerAll(initialState(), 'api at localhost:8000');
    assert.equal(s.current, 'protocol');
    assert.ok(s.done.includes('endpoint'));
    s = answerAll(s, 'aiqk');
    assert.equal(s.current, 'auth');
    s = answerAll(s, 'no key', 'openai gpt-4o-mini');
    assert.equal(s.current, 'suites', 'the model came with the provider');
    s = answerAll(initialState(), 'ollama at localhost:11434/v1');
    assert.equal(s.current, 'auth', 'address and protocol came with the mode');
    assert.deepEqual(applicableSteps(s.answers), [
      'mode',
      'endpoint',
      'protocol',
      'auth',
      'model',
      'suites',
      'thresholds',
      'volumes',
      'data',
      'connection',
      'summary',
    ]);
  });

  it('adds steps for the suites that have options, and the request template for custom HTTP', () => {
    const a: WizardAnswers = { ...emptyAnswers(), mode: 'api', protocol: 'http', suites: ['resilience', 'compliance_smoke', 'bias_smoke'] };
    assert.deepEqual(applicableSteps(a), [
      'mode',
      'endpoint',
      'protocol',
      'httpTemplate',
      'auth',
      'suites',
      'thresholds',
      'volumes',
      'resilience',
      'compliance',
      'bias',
      'data',
      'connection',
      'summary',
    ]);
    assert.deepEqual(applicableSteps({ ...emptyAnswers(), mode: 'mcp', mcp: { command: 'node' }, suites: ['resilience'] }), [
      'mode',
      'endpoint',
      'mcpTool',
      'suites',
      'thresholds',
      'volumes',
      'resilience',
      'connection',
      'summary',
    ]);
    assert.ok(applicableSteps({ ...emptyAnswers(), mode: 'mcp', mcp: { url: 'http://x' } }).includes('auth'), 'an MCP URL may need a key');
  });

  it('never keeps a key typed into another step (it would land in the profile)', () => {
    const s = answerAll(initialState(), 'api at localhost:8000', 'openai', 'no key');
    assert.equal(s.current, 'model');
    const r = submit(s, 'sk-proj-a1B2c3D4e5F6g7H8i9J0');
    assert.equal(r.outcome.ok, false);
    assert.match(r.outcome.ok ? '' : r.outcome.reply, /looks like an API key, so it was not kept/);
    assert.equal(r.state.answers.model, undefined);
    assert.equal(answerAll(s, 'llama3.1:8b-instruct-q4_K_M').answers.model, 'llama3.1:8b-instruct-q4_K_M', 'a long model id is not a key');
  });

  it('stays on the step with the reply when an answer is refused', () => {
    const s = initialState();
    const r = submit(s, 'banana');
    assert.equal(r.outcome.ok, false);
    assert.equal(r.state, s);
  });

  it('goes back, and forward again through every applicable step', () => {
    let s = answerAll(initialState(), 'api at localhost:8000', 'openai');
    assert.equal(s.current, 'auth');
    s = back(s);
    assert.equal(s.current, 'protocol');
    s = back(back(s));
    assert.equal(s.current, 'mode');
    assert.equal(back(s), s, 'nothing before the first step');
    s = answerAll(s, 'keep it: api');
    assert.equal(s.current, 'endpoint', 'linear again after going back');
  });

  it('returns to where it was after editing an earlier step, asking new steps first', () => {
    let s = answerAll(initialState(), 'demo', 'rag', 'defaults', 'smoke', 'done', 'continue');
    assert.equal(s.current, 'summary');
    s = goTo(s, 'suites');
    assert.equal(s.current, 'suites');
    assert.equal(s.returnTo, 'summary');
    s = answerAll(s, 'rag and resilience');
    assert.equal(s.current, 'resilience', 'the new step first');
    s = answerAll(s, 'all');
    assert.equal(s.current, 'summary');
    s = goTo(s, 'volumes');
    s = answerAll(s, 'full');
    assert.equal(s.current, 'summary', 'straight back: nothing new to ask');
  });

  it('does not jump ahead of the first open step', () => {
    const s = answerAll(initialState(), 'demo');
    assert.equal(goTo(s, 'summary'), s);
    assert.equal(canGoTo(s, 'volumes'), false);
    assert.equal(canGoTo(s, 'mode'), true);
    assert.equal(goTo(s, 'endpoint'), s, 'a step that does not apply');
  });

  it('asks for the connection test again when the target changes', () => {
    let s = answerAll(initialState(), 'demo', 'rag', 'defaults', 'smoke', 'done', 'continue');
    assert.ok(s.done.includes('connection'));
    s = answerAll(goTo(s, 'mode'), 'api at 127.0.0.1:9000');
    assert.ok(!s.done.includes('connection'));
    assert.equal(s.current, 'protocol');
    s = answerAll(s, 'openai', 'no key', 'skip');
    assert.equal(s.current, 'connection', 'after the new target steps, the test comes back');
  });

  it('offers the current answer first as “Keep” when a step was answered', () => {
    let s = answerAll(initialState(), 'api at localhost:8000', 'openai');
    s = back(s);
    const chips = chipsOf(s);
    assert.equal(chips[0].label, 'Keep: OpenAI-compatible');
    assert.equal(chips[0].value, 'openai');
    assert.equal(chips.filter((c) => c.value === 'openai').length, 1);
    s = back(back(s));
    assert.equal(chipsOf(s)[0].label, 'Keep: HTTP API');
  });

  it('restores a persisted state, and refuses what is not one', () => {
    const s = answerAll(initialState(), 'demo', 'all');
    const back2 = restoreState(JSON.parse(JSON.stringify(s)));
    assert.deepEqual(back2, s);
    assert.equal(restoreState({ current: 'nope', done: [], answers: {} }), undefined);
    assert.equal(restoreState('x'), undefined);
    assert.equal(
      restoreState({ current: 'endpoint', done: [], answers: { mode: 'builtin' } })?.current,
      'mode',
      'a step that no longer applies',
    );
    assert.deepEqual(reset(), initialState());
  });

  it('prefills every step when editing a profile, starting at the first', () => {
    const s = initialState(EDITED, true);
    assert.equal(s.current, 'mode');
    assert.ok(s.done.includes('suites') && !s.done.includes('connection'));
    const next = answerAll(s, 'api');
    assert.equal(next.current, 'endpoint', 'step by step, even though it is done');
  });
});

describe('wizard: editing a profile', () => {
  const profile = EDITED;

  it('returns straight to the summary after editing one step, with no “Keep” walk through the later ones', () => {
    for (const step of ['volumes', 'model', 'suites', 'thresholds', 'resilience'] as const) {
      let s = goTo(initialState(profile, true), step);
      assert.equal(s.current, step);
      s = answerAll(s, answerText(step, s.answers) ?? '');
      assert.equal(s.current, 'summary', `after editing ${step}`);
    }
    const s = answerAll(goTo(initialState(profile, true), 'volumes'), 'full with concurrency 8');
    assert.equal(s.current, 'summary');
    assert.equal(s.answers.volumes?.concurrency, 8);
  });

  it('edits again from the summary and comes back to it', () => {
    let s = answerAll(goTo(initialState(profile, true), 'volumes'), 'full');
    s = answerAll(goTo(s, 'thresholds'), 'strict');
    assert.equal(s.current, 'summary');
  });

  it('asks the steps a changed answer opened, and the connection test after a changed target, then the summary', () => {
    let s = answerAll(goTo(initialState(profile, true), 'suites'), 'rag, resilience, compliance, bias and red team');
    assert.equal(s.current, 'summary', 'red team adds no step of its own');
    s = answerAll(goTo(initialState({ ...profile, suites: ['rag_quality'] }, true), 'suites'), 'rag and resilience');
    assert.equal(s.current, 'resilience', 'the new step first');
    s = answerAll(s, 'all');
    assert.equal(s.current, 'summary');
    s = answerAll(goTo(initialState(profile, true), 'model'), 'other-model');
    assert.equal(s.current, 'connection', 'a new model is tested before the summary');
    s = answerAll(s, 'continue');
    assert.equal(s.current, 'summary');
    assert.equal(s.retest, undefined);
  });

  it('still walks step by step from the first step when the user keeps each answer', () => {
    const s = answerAll(initialState(profile, true), 'api');
    assert.equal(s.current, 'endpoint');
    assert.equal(s.returnTo, undefined);
  });

  it('keeps the pending connection test across a reload', () => {
    const s = answerAll(goTo(initialState(profile, true), 'model'), 'other-model');
    assert.deepEqual(restoreState(JSON.parse(JSON.stringify(s))), s);
  });
});

describe('wizard: answers read back as text', () => {
  const full: WizardAnswers = {
    ...emptyAnswers(),
    mode: 'api',
    baseUrl: 'http://127.0.0.1:8000/v1',
    protocol: 'http',
    http: { method: 'PUT', path: '/q', body: '{"q": "{{question}}"}', answerPath: '$.a', contextsPath: '$.c[*]' },
    authEnv: 'MY_KEY',
    provider: 'anthropic',
    model: 'claude-3-5-haiku-latest',
    suites: ['rag_quality', 'resilience', 'compliance_smoke', 'bias_smoke'],
    thresholds: { faithfulness_min: 0.85, p95_ms_max: 3000 },
    volumePreset: 'full',
    volumes: { qa_sample_size: 7, concurrency: 8 },
    resilience: {
      scenarios: ['timeout', 'retry'],
      burst_concurrency: 20,
      retries: 3,
      circuit: { fails: 5, reset_s: 30 },
      timeouts_ms: [500, 2000],
    },
    compliance: { protected_routes: ['/admin', '/internal/*'] },
    bias: { groups: 'rich|poor;young|old', parityMetric: 'length', maxPairs: 4, parityThreshold: 0.2 },
  };
  const fields: Partial<Record<WizardStepId, (keyof WizardAnswers)[]>> = {
    endpoint: ['baseUrl'],
    protocol: ['protocol'],
    httpTemplate: ['http'],
    auth: ['authEnv'],
    provider: ['provider'],
    model: ['model'],
    suites: ['suites'],
    thresholds: ['thresholds'],
    volumes: ['volumePreset', 'volumes'],
    resilience: ['resilience'],
    compliance: ['compliance'],
    bias: ['bias'],
  };
  for (const [step, keys] of Object.entries(fields) as [WizardStepId, (keyof WizardAnswers)[]][]) {
    it(`parses the text of the ${step} answer back to the same answer`, () => {
      const text = answerText(step, full);
      assert.ok(text, step);
      const o = stepDef(step).parse(text, full);
      assert.ok(o.ok, `${step}: “${text}” → ${o.ok ? '' : o.reply}`);
      for (const k of keys) assert.deepEqual(o.set[k] ?? full[k], full[k], `${step}.${k} from “${text}”`);
    });
  }

  it('reads back an MCP command line with spaces in its arguments', () => {
    const a: WizardAnswers = {
      ...emptyAnswers(),
      mode: 'mcp',
      mcp: { command: 'node', args: ['my server.js', '--x'] },
      mcpTool: { tool: 'search', arguments: { q: '{{question}}' } },
    };
    const o = stepDef('endpoint').parse(answerText('endpoint', a) ?? '', a);
    assert.ok(o.ok);
    assert.deepEqual(o.set.mcp, a.mcp);
    const t = stepDef('mcpTool').parse(answerText('mcpTool', a) ?? '', a);
    assert.ok(t.ok);
    assert.deepEqual(t.set.mcpTool, a.mcpTool);
  });
});
