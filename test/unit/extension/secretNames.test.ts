import { strict as assert } from 'node:assert';
import { secretReferences } from '../../../src/extension/secrets/secretNames';

describe('secret names of a profile', () => {
  it('finds the bearer token, MCP env references and the judge key, once each', () => {
    const refs = secretReferences({
      target: {
        mode: 'mcp',
        auth: { bearer_env: 'AIQK_TOKEN' },
        mcp: { tool: 'ask', env: { API_KEY: '${OPENAI_KEY}', PLAIN: 'value', AGAIN: ' ${AIQK_TOKEN} ' } },
      },
      judge: { base_url: 'http://127.0.0.1:1', model: 'm', api_key_env: 'JUDGE_KEY' },
    });
    assert.deepEqual(refs, [
      { name: 'AIQK_TOKEN', where: 'target.auth.bearer_env' },
      { name: 'OPENAI_KEY', where: 'target.mcp.env.API_KEY' },
      { name: 'JUDGE_KEY', where: 'judge.api_key_env' },
    ]);
  });

  it('copes with invalid values', () => {
    assert.deepEqual(secretReferences(undefined), []);
    assert.deepEqual(secretReferences({ target: { auth: { bearer_env: 'not a name!' } } }), []);
    assert.deepEqual(secretReferences({ target: 'x', judge: [] }), []);
  });
});
