import { strict as assert } from 'node:assert';
import { MASK, maskSecrets, redactText } from '../../../src/engine/secrets/redact';
import { randomChars } from './tokenCorpus';

describe('configured secrets echoed by a target', () => {
  const secret = `sk-proj-${randomChars(40)}`;
  const spaced = (s: string, sep: string): string => s.split('').join(sep);
  const echoes: [string, string][] = [
    ['exact', secret],
    ['upper-cased', secret.toUpperCase()],
    ['lower-cased', secret.toLowerCase()],
    ['spaced out', spaced(secret, ' ')],
    ['dashed', spaced(secret, '-')],
    ['dotted', spaced(secret, '.')],
    ['in mixed separators and case', spaced(secret.toUpperCase(), ' . ')],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['base64 inside a Basic credential', Buffer.from(`user:${secret}`).toString('base64')],
    ['base64 after two bytes', Buffer.from(`ab${secret}`).toString('base64')],
    ['URL-encoded', encodeURIComponent(`${secret}+/=?`)],
    ['cut to 12 characters', secret.slice(0, 12)],
    // Separators do not count: "sk-proj-" alone is 6 characters of the secret.
    ['cut to its first 8 characters and spaced', spaced(secret.replace(/-/g, '').slice(0, 8), ' ')],
  ];
  for (const [how, echo] of echoes) {
    it(`masks the secret echoed ${how}`, () => {
      const out = maskSecrets(`the key is ${echo} — thanks`, [`${secret}+/=?`]);
      assert.ok(out.includes(MASK), out);
      assert.ok(out.startsWith('the key is ') && out.endsWith(' — thanks'), out);
      const bare = out.replace(/[\s.-]/g, '').toLowerCase();
      assert.ok(!bare.includes(secret.slice(8, 16).toLowerCase()), out);
    });
  }

  it('leaves text alone that shares fewer than 8 characters with the secret', () => {
    const text = `prefix ${secret.slice(0, 7)} and model gpt-4o-mini`;
    assert.equal(maskSecrets(text, [secret]), text);
    assert.equal(maskSecrets('nothing here', [secret]), 'nothing here');
  });

  it('masks every secret given, and ignores values too short to be secrets', () => {
    const judgeKey = randomChars(32);
    const out = maskSecrets(`a ${secret} b ${judgeKey.toUpperCase()} c abc`, [secret, judgeKey, 'abc']);
    assert.equal(out, `a ${MASK} b ${MASK} c abc`);
  });

  it('keeps the separators around a masked echo and masks the ones inside it', () => {
    assert.equal(maskSecrets(`[${spaced(secret, ' ')}]`, [secret]), `[${MASK}]`);
  });

  it('masks configured secrets and known key shapes together in error texts', () => {
    const hf = `hf_${randomChars(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`;
    const out = redactText(`401: ${secret.toUpperCase()} / ${hf}`, [secret]);
    assert.equal(out, `401: ${MASK} / hf_****`);
  });

  it('runs in linear time on a megabyte that keeps almost matching', () => {
    const started = performance.now();
    maskSecrets(`${secret.slice(0, 7)} `.repeat(100_000), [secret]);
    maskSecrets('a.'.repeat(512 * 1024), [secret]);
    assert.ok(performance.now() - started < 2000);
  });
});
