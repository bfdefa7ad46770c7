import { strict as assert } from 'node:assert';
import { KEY_SHAPES, keyTestSources, looksLikeSecret } from '../../../src/engine/secrets/keyShapes';
import { maskSecretsInText } from '../../../src/engine/secrets/maskSecrets';
import { excerpt } from '../../../src/engine/secrets/redact';
import { maskSecrets, maskText } from '../../../src/engine/secrets/textMasks';
import { emptyAnswers } from '../../../src/engine/wizard/answers';
import { parseAuth } from '../../../src/engine/wizard/parseAuth';
import { NAMED_KINDS, randomChars, telltales, tokenCorpus } from './tokenCorpus';

describe('key shapes', () => {
  for (const t of tokenCorpus()) {
    it(`masks a ${t.kind} token in text and keeps its hint`, () => {
      const text = `before ${t.token} after`;
      const masked = maskSecrets(text);
      for (const piece of telltales(t.secret)) assert.ok(!masked.includes(piece), `${t.kind}: ${masked}`);
      assert.match(masked, /^before .*\*{4}.* after$/s);
      assert.equal(maskText(text).includes(t.secret), false);
    });
  }

  it('masks a known key echoed upper-cased', () => {
    for (const t of tokenCorpus().filter((c) => /^(hf_|ghp_|glpat-|sk-)/.test(c.token))) {
      const masked = maskSecrets(`said ${t.token.toUpperCase()}`);
      assert.ok(!masked.includes(t.secret.toUpperCase().slice(0, 10)), masked);
    }
  });

  it('tells every whole key from a name, a model id or a path', () => {
    for (const t of tokenCorpus().filter((c) => !/\s/.test(c.token) && !NAMED_KINDS.includes(c.kind)))
      assert.ok(looksLikeSecret(t.token), t.kind);
    for (const t of ['Bearer ' + randomChars(40), `  ${randomChars(24)}  `]) assert.ok(looksLikeSecret(t), t);
    const names = [
      'gpt-4o-mini',
      'gpt-4o-mini-2024-07-18',
      'claude-3-5-sonnet-20241022',
      'llama3.1:8b-instruct-q4_K_M',
      'text-embedding-3-large',
      'OPENAI_API_KEY',
      'AIQK_TOKEN_2024_PRODUCTION_MAIN',
      'http://localhost:8000/v1/chat/completions',
      'data/passages-2024.jsonl',
      './a1b2c3d4e5f6a7b8c9d0',
      'extraordinarily',
      'my token is here',
      'sk-short',
      'hf_model_name',
      'AKIA1234',
    ];
    for (const n of names) assert.ok(!looksLikeSecret(n), n);
  });

  it('lets the wizard take any pasted key, AWS ones included, as a key to store', () => {
    for (const t of tokenCorpus().filter((c) => !/\s/.test(c.token) && !NAMED_KINDS.includes(c.kind))) {
      const o = parseAuth(t.token, { ...emptyAnswers(), mode: 'api', protocol: 'openai' });
      assert.ok(o.ok && o.secret?.value === t.token, t.kind);
    }
  });

  it('leaves ordinary text, model ids and near misses alone', () => {
    const texts = [
      'Use gpt-4o-mini or claude-3-5-sonnet-20241022 with temperature 0.2.',
      'The risk-free rate is 4.5% and the task-switching cost is high.',
      'hf_hub_download fetches a file; ghp_ and glpat- are token prefixes.',
      'sk-learn is not a key, nor is AKIA on its own, nor AIzaShort.',
      'Bearer tokens travel in the Authorization header.',
      'The token is valid for 3600 seconds; the secret is safe.',
      'commit 3f5e2a9c1b7d4e6f8a0b2c4d6e8f0a1b3c5d7e9f in the log',
      'password policy: at least 12 characters',
      'eyJ alone, eyJhbGciOiJIUzI1NiJ9 without the other parts',
    ];
    for (const t of texts) assert.equal(maskSecrets(t), t);
  });

  it('masks a password after = or :, and a random value after key words in prose', () => {
    assert.equal(maskSecrets('password: hunter2'), 'password: ****');
    const value = randomChars(32);
    assert.equal(maskSecrets(`the api key is ${value}.`).includes(value), false);
    assert.equal(maskSecrets(`export AWS_SECRET_ACCESS_KEY=${value}`), 'export AWS_SECRET_ACCESS_KEY=****');
  });

  it('masks a private key block cut before its END line', () => {
    const text = `key: -----BEGIN PRIVATE KEY-----\nMIIE${randomChars(60)}\n${randomChars(60)}`;
    assert.equal(maskSecrets(text), 'key: -----BEGIN PRIVATE KEY-----****');
  });

  it('masks known keys in error excerpts and in the wizard chat', () => {
    for (const t of tokenCorpus()) {
      for (const out of [excerpt(`server said ${t.token}`, []), maskSecretsInText(`here ${t.token}`)]) {
        assert.ok(!out.includes(telltales(t.secret)[0]), `${t.kind}: ${out}`);
      }
    }
  });

  it('sends the webview tests that agree with the engine', () => {
    const tests = keyTestSources().map((p) => new RegExp(p.source, p.flags));
    for (const t of tokenCorpus().filter((c) => !/\s/.test(c.token) && !NAMED_KINDS.includes(c.kind)))
      assert.ok(
        tests.some((re) => re.test(t.token)),
        t.kind,
      );
    assert.ok(!tests.some((re) => re.test('gpt-4o-mini')));
    assert.equal(KEY_SHAPES.length + 2, tests.length);
  });
});

describe('masks run in linear time on hostile answers', () => {
  const MB = 1024 * 1024;
  const hostile: [string, string][] = [
    ["1 MB of 'a.'", 'a.'.repeat(MB / 2)],
    ["1 MB of 'x'", 'x'.repeat(MB)],
    ["50 KB of '12-'", '12-'.repeat(17_067)],
    ["1 MB of 'sk-'", 'sk-'.repeat(MB / 3)],
    ["1 MB of 'eyJ-'", 'eyJ-'.repeat(MB / 4)],
    ["1 MB of 'key '", 'key '.repeat(MB / 4)],
    ['1 MB of BEGIN lines', '-----BEGIN PRIVATE KEY-----'.repeat(MB / 27)],
    ["1 MB of 'a@a.'", 'a@a.'.repeat(MB / 4)],
  ];
  const secret = `sk-proj-${randomChars(40)}`;
  for (const [what, text] of hostile) {
    it(`masks ${what} quickly`, () => {
      const started = performance.now();
      maskText(text);
      excerpt(text, [secret]);
      looksLikeSecret(text);
      maskSecretsInText(text);
      // Quadratic patterns took seconds on 50 KB; linear ones take tens of milliseconds per MB.
      assert.ok(performance.now() - started < 3000, `${what}: ${Math.round(performance.now() - started)} ms`);
    });
  }
});
