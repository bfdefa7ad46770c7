import { strict as assert } from 'node:assert';
import { isTransient, parseRetryAfter, retryDelayMs, sleep } from '../../../src/engine/targets/http/retryPolicy';
import { excerpt, maskSecrets } from '../../../src/engine/secrets/redact';
import { classifyNetworkError, errorChain } from '../../../src/engine/targets/http/httpErrors';

describe('retry policy', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(' 0 '), 0);
    assert.equal(parseRetryAfter('1.5'), 1500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('retries only transient failures', () => {
    assert.ok(isTransient({ kind: 'http_status', status: 500, message: '' }));
    assert.ok(isTransient({ kind: 'http_status', status: 429, message: '' }));
    assert.ok(isTransient({ kind: 'connection_refused', message: '' }));
    assert.ok(isTransient({ kind: 'connection_reset', message: '' }));
    assert.ok(!isTransient({ kind: 'http_status', status: 404, message: '' }));
    assert.ok(!isTransient({ kind: 'timeout', message: '' }));
    assert.ok(!isTransient({ kind: 'aborted', message: '' }));
    assert.ok(!isTransient({ kind: 'unparseable', message: '' }));
  });

  it('backs off exponentially with jitter in [d/2, d], capped; Retry-After wins, capped', () => {
    const opts = { baseMs: 100, maxMs: 1000, maxRetryAfterMs: 5000 };
    const e = { kind: 'http_status' as const, status: 503, message: '' };
    assert.equal(
      retryDelayMs(1, e, opts, () => 0),
      50,
    );
    assert.equal(
      retryDelayMs(1, e, opts, () => 1),
      100,
    );
    assert.equal(
      retryDelayMs(3, e, opts, () => 1),
      400,
    );
    assert.equal(
      retryDelayMs(10, e, opts, () => 1),
      1000,
    );
    assert.equal(retryDelayMs(1, { ...e, retryAfterMs: 2500 }, opts), 2500);
    assert.equal(retryDelayMs(1, { ...e, retryAfterMs: 60000 }, opts), 5000);
  });

  it('sleeps until aborted', async () => {
    const ctrl = new AbortController();
    const p = sleep(60000, ctrl.signal);
    ctrl.abort(new Error('stop'));
    await assert.rejects(p, /stop/);
    await sleep(1, new AbortController().signal);
  });
});

describe('redaction', () => {
  const token = 'tok_Ab+/=9xyz';
  it('masks raw, URL-encoded, JSON-escaped and base64 forms', () => {
    const text = `a ${token} b ${encodeURIComponent(token)} c ${Buffer.from(token).toString('base64')}`;
    assert.equal(maskSecrets(text, [token]), 'a *** b *** c ***');
    assert.equal(maskSecrets(JSON.stringify({ echo: 'ab"cd' }), ['ab"cd']), '{"echo":"***"}');
    assert.equal(maskSecrets('abc', ['', 'ab']), 'abc', 'empty and very short values are not masked');
  });

  it('cuts excerpts to 300 characters after masking', () => {
    const body = `${'x'.repeat(290)}${token}${'y'.repeat(1000)}`;
    const e = excerpt(body, [token]);
    assert.ok(e.length <= 300);
    assert.ok(!e.includes('tok_'));
    assert.ok(e.includes('***'));
  });
});

describe('network error classification', () => {
  it('finds codes anywhere in the cause chain', () => {
    const err = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) });
    assert.deepEqual(errorChain(err).codes, ['ECONNREFUSED']);
    assert.equal(classifyNetworkError(err, 'http://h/ask', []).kind, 'connection_refused');
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    assert.equal(classifyNetworkError(reset, 'http://h/ask', []).kind, 'connection_reset');
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nope'), { code: 'ENOTFOUND' });
    assert.equal(classifyNetworkError(dns, 'http://nope/ask', []).kind, 'connection_error');
    assert.match(classifyNetworkError(dns, 'http://nope/ask', []).message, /host of http:\/\/nope\/ask not found \(ENOTFOUND\)/);
  });

  it('masks secrets in unclassified messages', () => {
    const e = classifyNetworkError(new Error('bad header value Bearer s3cr3t-value'), 'u', ['s3cr3t-value']);
    assert.equal(e.kind, 'connection_error');
    assert.ok(!e.message.includes('s3cr3t-value'));
  });
});

describe('requests that cannot be sent', () => {
  it('are configuration errors', async () => {
    const { httpCall } = await import('../../../src/engine/targets/http/http');
    const signal = new AbortController().signal;
    const badHeader = await httpCall(
      { url: 'http://127.0.0.1:9/x', method: 'GET', headers: { 'x-q': 'line\nbreak' } },
      { signal, timeoutMs: 1000, retries: 2 },
    );
    assert.equal(!badHeader.ok && badHeader.error.kind, 'config');
    assert.equal(badHeader.attempts, 1);
    const creds = await httpCall(
      { url: 'http://user:pw@127.0.0.1:9/x', method: 'GET', headers: {} },
      { signal, timeoutMs: 1000, retries: 2 },
    );
    assert.equal(!creds.ok && creds.error.kind, 'config');
  });
});
