import { strict as assert } from 'node:assert';
import { describeTarget, sanitizeTarget } from '../../../src/engine/targets/describeTarget';
import { sanitizeUrl } from '../../../src/engine/secrets/secretNames';
import type { Target as TargetConfig } from '../../../src/engine/model/profileTypes';

describe('sanitizeTarget / describeTarget', () => {
  it('masks auth-like headers, keeps the others and the env var names', () => {
    const t: TargetConfig = {
      mode: 'api',
      base_url: 'https://user:pw@api.example.com/base?api_key=abc&region=eu',
      protocol: 'http',
      auth: { bearer_env: 'MY_TOKEN' },
      http: {
        body: '{}',
        answer_path: '$.a',
        path: '/chat?token=zzz&x=1',
        headers: {
          'X-API-Key': 'k1',
          Authorization: 'Bearer t',
          Cookie: 'c',
          'X-Session-Id': 's',
          'X-Trace': '{{question}}',
          Accept: 'application/json',
        },
      },
    };
    const s = sanitizeTarget(t) as unknown as TargetConfig;
    assert.deepEqual(s.http?.headers, {
      'X-API-Key': '***',
      Authorization: '***',
      Cookie: '***',
      'X-Session-Id': '***',
      'X-Trace': '{{question}}',
      Accept: 'application/json',
    });
    assert.equal(s.base_url, 'https://api.example.com/base?api_key=***&region=eu');
    assert.equal(s.http?.path, '/chat?token=***&x=1');
    assert.deepEqual(s.auth, { bearer_env: 'MY_TOKEN' });
    assert.equal(t.http?.headers?.['X-API-Key'], 'k1', 'the profile itself is untouched');
  });

  it('masks every mcp.env value and key-like command arguments', () => {
    const t: TargetConfig = {
      mode: 'mcp',
      mcp: {
        command: 'node',
        args: ['server.js', '--api-key=abc', '--token', 'def', '--port', '8080', 'https://u:p@h/x'],
        env: { OPENAI_API_KEY: 'sk', LOG_LEVEL: 'debug' },
        tool: 'ask',
      },
    };
    const s = sanitizeTarget(t) as unknown as TargetConfig;
    assert.deepEqual(s.mcp?.env, { OPENAI_API_KEY: '***', LOG_LEVEL: '***' });
    assert.deepEqual(s.mcp?.args, ['server.js', '--api-key=***', '--token', '***', '--port', '8080', 'https://h/x']);
    assert.equal(describeTarget(t), 'mcp stdio node server.js --api-key=*** --token *** --port 8080 https://h/x tool ask');
  });

  it('describes each mode in one line', () => {
    assert.equal(describeTarget({ mode: 'builtin' }), 'builtin (offline demo RAG)');
    assert.equal(describeTarget({ mode: 'api', base_url: 'http://127.0.0.1:8000', model: 'm' }), 'api aiqk http://127.0.0.1:8000/ model m');
    assert.equal(describeTarget({ mode: 'mcp', mcp: { url: 'http://h/mcp', tool: 't' } }), 'mcp http http://h/mcp tool t');
  });

  it('leaves unparseable URLs as they are', () => {
    assert.equal(sanitizeUrl('not a url'), 'not a url');
  });
});
