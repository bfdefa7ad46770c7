import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import {
  createTarget,
  envSecretLookup,
  missingSecretMessage,
  resolveEnv,
  TargetConfigError,
  targetKind,
} from '../../../src/engine/targets/createTarget';
import { AiqkTarget } from '../../../src/engine/targets/http/aiqkTarget';
import { BuiltinTarget } from '../../../src/engine/targets/builtin/builtinTarget';
import { HttpTemplateTarget } from '../../../src/engine/targets/http/httpTarget';
import { McpTarget } from '../../../src/engine/targets/mcp/mcpTarget';
import { OpenAiTarget } from '../../../src/engine/targets/http/openaiTarget';
import { resolveProfile } from '../../../src/engine/config/resolve';
import type { RunProfile, Target as TargetConfig } from '../../../src/engine/model/profileTypes';
import type { SecretLookup } from '../../../src/engine/model/target';
import type { PassageRecord } from '../../../src/engine/model/dataRecords';
import { startAskServer } from '../../fixtures/servers/askServer';
import { mcpStdioCommand } from '../../fixtures/servers/mcpServer';

const PASSAGES: PassageRecord[] = [{ id: 'p1', text: 'Invoices are emailed on the first day of each month.' }];

function profileFor(target: TargetConfig, dir = path.join(os.tmpdir(), 'proj')) {
  const raw: RunProfile = { version: 1, target, suites: ['rag_quality'] };
  return resolveProfile(raw, path.join(dir, 'aiqk.yaml'));
}

const secretsOf =
  (values: Record<string, string>): SecretLookup =>
  async (name) =>
    values[name];
const deps = (values: Record<string, string> = {}) => ({ secrets: secretsOf(values), passages: async () => PASSAGES });

describe('createTarget', () => {
  it('builds the builtin target from the passages it is given', async () => {
    const t = await createTarget(profileFor({ mode: 'builtin' }), deps());
    assert.ok(t instanceof BuiltinTarget);
    const r = await t.ask({ question: 'When are invoices emailed?', signal: new AbortController().signal });
    assert.ok(r.ok);
    assert.match(r.answer, /first day of each month/);
    await assert.rejects(createTarget(profileFor({ mode: 'builtin' }), { ...deps(), passages: async () => [] }), TargetConfigError);
  });

  it('chooses the class by protocol', async () => {
    const base = { mode: 'api' as const, base_url: 'http://127.0.0.1:9' };
    assert.ok((await createTarget(profileFor(base), deps())) instanceof AiqkTarget);
    assert.ok((await createTarget(profileFor({ ...base, protocol: 'openai' }), deps())) instanceof OpenAiTarget);
    const http = await createTarget(
      profileFor({ ...base, protocol: 'http', http: { body: '{"q":"{{question}}"}', answer_path: '$.a' } }),
      deps(),
    );
    assert.ok(http instanceof HttpTemplateTarget);
    const mcp = await createTarget(profileFor({ mode: 'mcp', mcp: { command: 'node', tool: 'ask' } }), deps());
    assert.ok(mcp instanceof McpTarget);
    await mcp.close();
  });

  it('keys each target by mode, then protocol (api) or transport (mcp)', () => {
    assert.equal(targetKind({ mode: 'builtin' }), 'builtin');
    assert.equal(targetKind({ mode: 'api', base_url: 'http://h' }), 'api/aiqk');
    assert.equal(targetKind({ mode: 'api', protocol: 'openai' }), 'api/openai');
    assert.equal(targetKind({ mode: 'api', protocol: 'http' }), 'api/http');
    assert.equal(targetKind({ mode: 'mcp', mcp: { command: 'node', tool: 'ask' } }), 'mcp/stdio');
    assert.equal(targetKind({ mode: 'mcp', mcp: { url: null, command: 'node', tool: 'ask' } }), 'mcp/stdio');
    assert.equal(targetKind({ mode: 'mcp', mcp: { url: 'http://127.0.0.1:9/mcp', tool: 'ask' } }), 'mcp/http');
  });

  it('builds a streamable-HTTP MCP target from a url, and names the missing command or url', async () => {
    const byUrl = await createTarget(profileFor({ mode: 'mcp', mcp: { url: 'http://127.0.0.1:9/mcp', tool: 'ask' } }), deps());
    assert.ok(byUrl instanceof McpTarget);
    assert.match(byUrl.description, /^mcp http .* tool ask$/);
    await byUrl.close();
    await assert.rejects(
      createTarget(profileFor({ mode: 'mcp', mcp: { tool: 'ask' } }), deps()),
      (e: Error) =>
        e instanceof TargetConfigError && e.message === 'target.mcp needs a command (stdio server) or a url (streamable HTTP server)',
    );
    await assert.rejects(
      createTarget(profileFor({ mode: 'mcp' }), deps()),
      (e: Error) => e instanceof TargetConfigError && e.message === 'target.mcp is required in mcp mode',
    );
  });

  it('names what an api target lacks, after checking its secret', async () => {
    await assert.rejects(
      createTarget(profileFor({ mode: 'api', protocol: 'openai' }), deps()),
      (e: Error) => e instanceof TargetConfigError && e.message === 'target.base_url is required in api mode',
    );
    await assert.rejects(
      createTarget(profileFor({ mode: 'api', base_url: 'http://h', protocol: 'http' }), deps()),
      (e: Error) => e instanceof TargetConfigError && e.message === 'target.http (the request template) is required with protocol: http',
    );
    // The secret is looked up first, as before the table: a profile missing both names the secret.
    await assert.rejects(
      createTarget(profileFor({ mode: 'mcp', auth: { bearer_env: 'AIQK_TEST_TOKEN_UNSET' } }), deps()),
      (e: Error) => e instanceof TargetConfigError && e.message === missingSecretMessage('AIQK_TEST_TOKEN_UNSET', 'target.auth.bearer_env'),
    );
    // The builtin target takes no auth: an unset secret does not stop it.
    const builtin = await createTarget(profileFor({ mode: 'builtin', auth: { bearer_env: 'AIQK_TEST_TOKEN_UNSET' } }), deps());
    assert.ok(builtin instanceof BuiltinTarget);
  });

  it('rejects a missing secret, naming it and saying how to set it', async () => {
    const p = profileFor({ mode: 'api', base_url: 'http://127.0.0.1:9', auth: { bearer_env: 'AIQK_TEST_TOKEN_UNSET' } });
    await assert.rejects(createTarget(p, deps()), (err: Error) => {
      assert.ok(err instanceof TargetConfigError);
      assert.equal(err.message, missingSecretMessage('AIQK_TEST_TOKEN_UNSET', 'target.auth.bearer_env'));
      assert.match(err.message, /AIQK_TEST_TOKEN_UNSET/);
      assert.match(err.message, /environment variable/);
      assert.match(err.message, /AI Quality: Set API Key/);
      return true;
    });
  });

  it('sends the secret it looked up, in the header the profile names', async () => {
    const server = await startAskServer({ token: 'looked-up-token-99' });
    try {
      const t = await createTarget(
        profileFor({ mode: 'api', base_url: server.url, auth: { bearer_env: 'MY_TOKEN' }, timeout_ms: 2000 }),
        deps({ MY_TOKEN: 'looked-up-token-99' }),
      );
      const r = await t.ask({ question: 'refund?', signal: new AbortController().signal });
      assert.ok(r.ok, JSON.stringify(r));
      const custom = await createTarget(
        profileFor({ mode: 'api', base_url: server.url, auth: { bearer_env: 'MY_TOKEN', header: 'X-Token' } }),
        deps({ MY_TOKEN: 'looked-up-token-99' }),
      );
      await custom.ask({ question: 'refund?', signal: new AbortController().signal, noRetry: true });
      assert.equal(server.requests[1].headers['x-token'], 'looked-up-token-99');
      assert.equal(server.requests[1].headers.authorization, undefined);
    } finally {
      await server.close();
    }
  });

  it('turns template and JSONPath mistakes into TargetConfigError', async () => {
    const bad = profileFor({
      mode: 'api',
      base_url: 'http://h',
      protocol: 'http',
      http: { body: '{"q": {{question}}}', answer_path: '$.a' },
    });
    await assert.rejects(createTarget(bad, deps()), (e: Error) => e instanceof TargetConfigError && /JSON string/.test(e.message));
    const path2 = profileFor({ mode: 'mcp', mcp: { command: 'node', tool: 'ask', answer_path: 'content' } });
    await assert.rejects(createTarget(path2, deps()), TargetConfigError);
  });

  it('starts a stdio MCP server in the profile folder with ${NAME} env values from the secrets', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aiqk-ct-'));
    const { command, args } = mcpStdioCommand();
    const p = profileFor(
      {
        mode: 'mcp',
        mcp: { command, args, tool: 'env', arguments: { name: 'SERVICE_KEY' }, env: { SERVICE_KEY: '${SERVICE_KEY_SECRET}' } },
      },
      dir,
    );
    const t = await createTarget(p, deps({ SERVICE_KEY_SECRET: 'svc-key-abcdef' }));
    try {
      const r = await t.ask({ question: 'x', signal: new AbortController().signal });
      assert.ok(r.ok, JSON.stringify(r));
      const info = JSON.parse(r.answer);
      assert.equal(await realpath(info.cwd), await realpath(dir));
      assert.equal(info.value, '***', 'the secret reached the server, and is masked in what comes back');
    } finally {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    }
    await assert.rejects(createTarget(p, deps()), /SERVICE_KEY_SECRET.*target\.mcp\.env\.SERVICE_KEY/);
  });

  it('resolves only whole ${NAME} env values', async () => {
    const r = await resolveEnv({ A: '${X}', B: 'plain ${X}', C: 'v' }, secretsOf({ X: 'secret-x' }));
    assert.deepEqual(r, { env: { A: 'secret-x', B: 'plain ${X}', C: 'v' }, secrets: ['secret-x'] });
  });

  it('reads secrets from the environment, an empty value counting as unset', async () => {
    process.env.AIQK_TEST_LOOKUP = 'v1';
    process.env.AIQK_TEST_EMPTY = '';
    try {
      assert.equal(await envSecretLookup('AIQK_TEST_LOOKUP'), 'v1');
      assert.equal(await envSecretLookup('AIQK_TEST_EMPTY'), undefined);
      assert.equal(await envSecretLookup('AIQK_TEST_NOT_THERE'), undefined);
    } finally {
      delete process.env.AIQK_TEST_LOOKUP;
      delete process.env.AIQK_TEST_EMPTY;
    }
  });
});
