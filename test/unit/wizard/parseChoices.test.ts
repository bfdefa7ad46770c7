import { strict as assert } from 'node:assert';
import type { WizardAnswers } from '../../../src/engine/wizard/answers';
import { emptyAnswers } from '../../../src/engine/wizard/answers';
import { looksLikeSecret } from '../../../src/engine/secrets/keyShapes';
import { parseAuth, parseModel, parseProvider, secretNameIn } from '../../../src/engine/wizard/parseAuth';
import { parseSuites } from '../../../src/engine/wizard/parseSuites';
import { SUITE_NAMES } from '../../../src/engine/model/suiteNames';
import { accepted, rejected } from './parseTarget.test';

const openai: WizardAnswers = { ...emptyAnswers(), mode: 'api', protocol: 'openai' };
const aiqk: WizardAnswers = { ...emptyAnswers(), mode: 'api', protocol: 'aiqk', provider: 'anthropic' };

describe('wizard: API key', () => {
  const none = ['no key', 'No key needed', 'none', 'no', 'skip', 'not needed', 'no auth', 'it is public', 'open'];
  for (const text of none.filter((t) => t !== 'it is public')) {
    it(`reads “${text}” as no key`, () => {
      const o = parseAuth(text, openai);
      assert.ok(o.ok && 'authEnv' in o.set && o.set.authEnv === undefined && !o.secret);
    });
  }

  const names: [string, string][] = [
    ['OPENAI_API_KEY', 'OPENAI_API_KEY'],
    ['env MY_TOKEN', 'MY_TOKEN'],
    ['$MY_TOKEN', 'MY_TOKEN'],
    ['${AIQK_TOKEN}', 'AIQK_TOKEN'],
    ['%API_TOKEN%', 'API_TOKEN'],
    ['the key is in the env var OPENAI_API_KEY', 'OPENAI_API_KEY'],
    ['environment variable named corp_key', 'corp_key'],
    ['it is stored as secret named mytoken', 'mytoken'],
    ['use GROQ_API_KEY please', 'GROQ_API_KEY'],
  ];
  for (const [text, name] of names) {
    it(`reads “${text}” as the secret name ${name}`, () => {
      const o = parseAuth(text, openai);
      assert.ok(o.ok && !o.secret);
      assert.equal(o.set.authEnv, name);
    });
  }

  it('recognises a pasted key: stored under a name, never kept in the answers', () => {
    const o = parseAuth('sk-proj-abc123DEF456ghi789JKL', openai);
    assert.ok(o.ok);
    assert.deepEqual(o.secret, { name: 'OPENAI_API_KEY', value: 'sk-proj-abc123DEF456ghi789JKL' });
    assert.deepEqual(o.set, { authEnv: 'OPENAI_API_KEY' });
    assert.ok(!JSON.stringify(o.set).includes('sk-proj'));
    const named = parseAuth('CORP_KEY=ghp_0123456789abcdefABCDEF', aiqk);
    assert.ok(named.ok);
    assert.deepEqual(named.secret, { name: 'CORP_KEY', value: 'ghp_0123456789abcdefABCDEF' });
    const bearer = parseAuth('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc', aiqk);
    assert.ok(bearer.ok && bearer.secret?.value.startsWith('eyJ') && bearer.secret.name === 'ANTHROPIC_API_KEY');
  });

  it('tells keys from names', () => {
    for (const k of ['sk-abc123def456ghi789jkl', 'AIzaSyA1234567890abcdefghijk', 'a8F3k2Lm9QzX7pW4vR1tY6uB', 'xoxb-1234-5678-abcdEFGH'])
      assert.ok(looksLikeSecret(k), k);
    for (const n of [
      'OPENAI_API_KEY',
      'my token',
      'short',
      'http://localhost:8000',
      'AIQK_TOKEN_2024_PRODUCTION_MAIN',
      'llama3.1:8b-instruct-q4_K_M',
      'claude-3-5-sonnet-20241022',
      'gpt-4o-mini-2024-07-18',
      'data/passages-2024.jsonl',
    ])
      assert.ok(!looksLikeSecret(n), n);
    assert.equal(secretNameIn('the token'), undefined);
  });

  it('asks where the key is when the answer only says there is one, and refuses gibberish', () => {
    assert.match(rejected(parseAuth('yes', openai)), /Where is the key/);
    assert.match(rejected(parseAuth('it needs a bearer token', openai)), /Where is the key/);
    assert.match(rejected(parseAuth('banana', openai)), /could not tell a key's name/);
  });
});

describe('wizard: provider and model', () => {
  const providers: [string, string][] = [
    ['openai', 'openai'],
    ['OpenAI', 'openai'],
    ['open ai', 'openai'],
    ['antropic', 'anthropic'],
    ['claude', 'anthropic'],
    ['Google Gemini', 'gemini'],
    ['google', 'gemini'],
    ['ollama', 'ollama'],
    ['mistral', 'mistral'],
    ['my-corp-llm', 'my-corp-llm'],
  ];
  for (const [text, id] of providers)
    it(`reads the provider “${text}” as ${id}`, () => assert.equal(accepted(parseProvider(text)).provider, id));

  it('takes a model named with the provider, and refuses several providers or sentences', () => {
    const o = parseProvider('openai gpt-4o-mini');
    assert.deepEqual(accepted(o), { provider: 'openai', model: 'gpt-4o-mini' });
    assert.ok(o.ok && o.covers?.includes('model'));
    assert.match(rejected(parseProvider('openai and anthropic')), /several providers/);
    assert.match(rejected(parseProvider('two words here')), /one word/);
    const skipped = parseProvider('skip');
    assert.ok(skipped.ok && 'provider' in skipped.set && skipped.set.provider === undefined);
  });

  const models: [string, string][] = [
    ['gpt-4o-mini', 'gpt-4o-mini'],
    ['4o mini', 'gpt-4o-mini'],
    ['GPT 4o Mini', 'gpt-4o-mini'],
    ['model: llama3.1', 'llama3.1'],
    ['llama3.1:8b', 'llama3.1:8b'],
    ['use qwen2.5', 'qwen2.5'],
    ['org/model-7b@v2', 'org/model-7b@v2'],
  ];
  for (const [text, m] of models) it(`reads the model “${text}” as ${m}`, () => assert.equal(accepted(parseModel(text, openai)).model, m));

  it('keeps a near miss as typed but says what it may have meant', () => {
    const o = parseModel('gpt-4o-mni', { ...openai, provider: 'openai' });
    assert.ok(o.ok && o.set.model === 'gpt-4o-mni');
    assert.match(o.reply ?? '', /did you mean gpt-4o-mini/);
    assert.match(rejected(parseModel('a b c', openai)), /one word/);
  });
});

describe('wizard: suites', () => {
  const cases: [string, string[]][] = [
    ['all', [...SUITE_NAMES]],
    ['All suites', [...SUITE_NAMES]],
    ['everything', [...SUITE_NAMES]],
    ['all suites except resilience', SUITE_NAMES.filter((s) => s !== 'resilience')],
    ['all except resilience', SUITE_NAMES.filter((s) => s !== 'resilience')],
    ['everything but bias and resilience', SUITE_NAMES.filter((s) => s !== 'bias_smoke' && s !== 'resilience')],
    ['without performance', SUITE_NAMES.filter((s) => s !== 'performance')],
    ['all, no regression', SUITE_NAMES.filter((s) => s !== 'regression')],
    ['rag and red team', ['rag_quality', 'red_team']],
    ['red team and rag', ['rag_quality', 'red_team']],
    ['rag_quality, safety', ['rag_quality', 'safety']],
    ['rag_quality,red_team,safety,performance', ['rag_quality', 'red_team', 'safety', 'performance']],
    ['recommended', ['rag_quality', 'red_team', 'safety']],
    ['the usual plus performance', ['rag_quality', 'red_team', 'safety', 'performance']],
    ['only compliance', ['compliance_smoke']],
    ['pii and bias', ['compliance_smoke', 'bias_smoke']],
    ['jailbreaks + latency', ['red_team', 'performance']],
    ['reslience', ['resilience']],
    ['complience and fairness', ['compliance_smoke', 'bias_smoke']],
    ['skip', ['rag_quality', 'red_team', 'safety']],
  ];
  for (const [text, suites] of cases) it(`reads “${text}”`, () => assert.deepEqual(accepted(parseSuites(text)).suites, suites));

  it('names unknown suites back, and refuses an empty choice', () => {
    assert.match(rejected(parseSuites('rag and bananas')), /do not know the suite “bananas”/);
    assert.match(rejected(parseSuites('none')), /at least one suite/);
    assert.match(rejected(parseSuites('all except')), /Which suites should be left out/);
    assert.match(rejected(parseSuites('rag except rag')), /leaves no suite/);
  });
});
