import { strict as assert } from 'node:assert';
import type { TestServer } from '../suites/ragHelpers';
import { createJudge } from '../../../src/engine/judge/judgeClient';
import { correctnessTask } from '../../../src/engine/judge/judgeTasks';
import { startJudgeServer } from './judgeServer';

const KEY = 'sk-test-secret-123';
const secrets = async (name: string): Promise<string | undefined> => (name === 'JUDGE_KEY' ? KEY : undefined);
const task = correctnessTask('What is the capital of France?', 'Paris', 'Paris is the capital.');
const signal = (): AbortSignal => new AbortController().signal;

describe('judge/judgeClient', () => {
  let server: TestServer;
  let reply: string | { status: number; body: string; delayMs?: number };
  before(async () => {
    server = await startJudgeServer(() => reply);
  });
  after(() => server.close());

  it('posts a non-streaming, temperature 0 chat completion with the bearer key and reads the verdict', async () => {
    reply = '{"score": 0.9, "reason": "same fact"}';
    const judge = createJudge({ base_url: server.baseUrl, model: 'grader-1', api_key_env: 'JUDGE_KEY' }, secrets);
    const verdict = await judge.grade(task, signal());
    assert.deepEqual(verdict, { score: 0.9, reason: 'same fact', raw: '{"score": 0.9, "reason": "same fact"}' });
    const seen = server.requests.at(-1)!;
    assert.equal(seen.headers.authorization, `Bearer ${KEY}`);
    const body = JSON.parse(seen.body) as {
      model: string;
      temperature: number;
      stream: boolean;
      messages: { role: string; content: string }[];
    };
    assert.equal(body.model, 'grader-1');
    assert.equal(body.temperature, 0);
    assert.equal(body.stream, false);
    assert.deepEqual(
      body.messages.map((m) => m.role),
      ['system', 'user'],
    );
    assert.match(body.messages[1].content, /<<<Paris is the capital\.>>>/);
  });

  it('sends no authorization header without api_key_env', async () => {
    reply = '{"score": 1, "reason": "ok"}';
    await createJudge({ base_url: `${server.baseUrl}/`, model: 'm' }, secrets).grade(task, signal());
    assert.equal(server.requests.at(-1)!.headers.authorization, undefined);
  });

  it('leaves an unparseable verdict unmeasured and keeps the raw reply', async () => {
    reply = 'Score: high. The answer is right.';
    const verdict = await createJudge({ base_url: server.baseUrl, model: 'm' }, secrets).grade(task, signal());
    assert.equal(verdict.score, null);
    assert.match(verdict.reason, /unparseable/);
    assert.equal(verdict.raw, 'Score: high. The answer is right.');
  });

  it('reports an HTTP error without the key', async () => {
    reply = { status: 401, body: `{"error": "Incorrect API key provided: ${KEY}"}` };
    const verdict = await createJudge({ base_url: server.baseUrl, model: 'm', api_key_env: 'JUDGE_KEY' }, secrets).grade(task, signal());
    assert.equal(verdict.score, null);
    assert.equal(verdict.reason, 'judge call failed: HTTP 401');
    assert.ok(verdict.raw?.includes('***'));
    assert.ok(!verdict.raw?.includes(KEY));
  });

  it('reports a reply that is not a chat completion', async () => {
    reply = { status: 200, body: '{"result": "ok"}' };
    const verdict = await createJudge({ base_url: server.baseUrl, model: 'm' }, secrets).grade(task, signal());
    assert.equal(verdict.score, null);
    assert.match(verdict.reason, /no choices/);
  });

  it('times out after timeout_ms', async () => {
    reply = { status: 200, body: '{}', delayMs: 300 };
    const verdict = await createJudge({ base_url: server.baseUrl, model: 'm', timeout_ms: 30 }, secrets).grade(task, signal());
    assert.equal(verdict.score, null);
    assert.equal(verdict.reason, 'judge call timed out after 30 ms');
  });

  it('retries a rate-limited call after its Retry-After, and gives up on a lasting 503 with the count', async () => {
    let calls = 0;
    const limited = await startJudgeServer(() =>
      ++calls === 1
        ? { status: 429, headers: { 'retry-after': '0' }, body: '{"error": "slow down"}' }
        : '{"score": 0.8, "reason": "close"}',
    );
    try {
      const verdict = await createJudge({ base_url: limited.baseUrl, model: 'm' }, secrets).grade(task, signal());
      assert.equal(verdict.score, 0.8);
      assert.equal(limited.requests.length, 2);
    } finally {
      await limited.close();
    }
    reply = { status: 503, body: '{"error": "overloaded"}' };
    const before = server.requests.length;
    const down = await createJudge({ base_url: server.baseUrl, model: 'm', retries: 1 }, secrets).grade(task, signal());
    assert.equal(down.reason, 'judge call failed: HTTP 503 (after 2 attempts)');
    assert.equal(down.raw, '{"error": "overloaded"}');
    assert.equal(server.requests.length - before, 2);
  });

  it('says which env var is missing, and calls nothing', async () => {
    const before = server.requests.length;
    const verdict = await createJudge({ base_url: server.baseUrl, model: 'm', api_key_env: 'NOT_SET_ANYWHERE' }, secrets).grade(
      task,
      signal(),
    );
    assert.equal(verdict.score, null);
    assert.equal(verdict.reason, 'judge API key not found: set NOT_SET_ANYWHERE');
    assert.equal(server.requests.length, before);
  });

  it('reports an unreachable endpoint and a cancelled grade', async () => {
    const closed = await startJudgeServer(() => '{}');
    const url = closed.baseUrl;
    await closed.close();
    const down = await createJudge({ base_url: url, model: 'm', retries: 0 }, secrets).grade(task, signal());
    assert.equal(down.score, null);
    assert.match(down.reason, /^judge call failed: /);
    const ac = new AbortController();
    ac.abort();
    assert.equal((await createJudge({ base_url: url, model: 'm' }, secrets).grade(task, ac.signal)).reason, 'cancelled');
  });

  it('leaves the grade unmeasured when the secret store fails, and asks it again next time', async () => {
    let lookups = 0;
    const flaky = async (): Promise<string | undefined> => {
      if (++lookups === 1) throw new Error('keychain locked');
      return KEY;
    };
    reply = '{"score": 1, "reason": "ok"}';
    const judge = createJudge({ base_url: server.baseUrl, model: 'm', api_key_env: 'JUDGE_KEY' }, flaky);
    const first = await judge.grade(task, signal());
    assert.equal(first.score, null);
    assert.equal(first.reason, 'judge API key JUDGE_KEY could not be read: keychain locked');
    assert.equal((await judge.grade(task, signal())).score, 1);
    assert.equal(lookups, 2);
  });
});
