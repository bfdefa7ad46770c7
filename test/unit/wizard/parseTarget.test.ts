import { strict as assert } from 'node:assert';
import type { WizardAnswers } from '../../../src/engine/wizard/answers';
import { emptyAnswers } from '../../../src/engine/wizard/answers';
import type { StepOutcome } from '../../../src/engine/wizard/outcome';
import {
  parseEndpoint,
  parseHttpTemplate,
  parseMcpTool,
  parseMode,
  parseProtocol,
  splitCommandLine,
} from '../../../src/engine/wizard/parseTarget';
import { findUrl } from '../../../src/engine/wizard/parseUrl';

/** The fields an accepted answer sets (fails the test when it was rejected). */
export function accepted(o: StepOutcome): Partial<WizardAnswers> {
  assert.ok(o.ok, `expected the answer to be accepted, got: ${o.ok ? '' : o.reply}`);
  return o.set;
}

/** The reply of a rejected answer (fails the test when it was accepted). */
export function rejected(o: StepOutcome): string {
  assert.ok(!o.ok, `expected the answer to be rejected, got ${JSON.stringify(o)}`);
  return o.reply;
}

describe('wizard: target mode', () => {
  const cases: [string, WizardAnswers['mode']][] = [
    ['Built-in demo', 'builtin'],
    ['built-in demo', 'builtin'],
    ['the demo', 'builtin'],
    ['demo please', 'builtin'],
    ['offline', 'builtin'],
    ['I want to try it out', 'builtin'],
    ['builtin', 'builtin'],
    ['api', 'api'],
    ['HTTP API', 'api'],
    ['my app', 'api'],
    ['a REST endpoint', 'api'],
    ['mcp', 'mcp'],
    ['MCP server', 'mcp'],
    ['model context protocol', 'mcp'],
    ['an mcp tool server', 'mcp'],
  ];
  for (const [text, mode] of cases) it(`reads “${text}” as ${mode}`, () => assert.equal(accepted(parseMode(text)).mode, mode));

  it('keeps an address given with the mode and answers the endpoint step too', () => {
    const o = parseMode('api at localhost:8000');
    assert.deepEqual(accepted(o), { mode: 'api', baseUrl: 'http://localhost:8000' });
    assert.ok(o.ok && o.covers?.includes('endpoint'));
  });

  it('takes a bare URL as an API, and an OpenAI-compatible server’s protocol from its name', () => {
    assert.deepEqual(accepted(parseMode('http://127.0.0.1:8000')), { mode: 'api', baseUrl: 'http://127.0.0.1:8000' });
    assert.deepEqual(accepted(parseMode('ollama at localhost:11434/v1')), {
      mode: 'api',
      baseUrl: 'http://localhost:11434/v1',
      protocol: 'openai',
    });
    assert.deepEqual(accepted(parseMode('an openai compatible server on port 1234')), {
      mode: 'api',
      baseUrl: 'http://localhost:1234',
      protocol: 'openai',
    });
    assert.deepEqual(accepted(parseMode('the aiqk /ask api')), { mode: 'api', protocol: 'aiqk' });
  });

  it('keeps an MCP command or URL given with the mode', () => {
    assert.deepEqual(accepted(parseMode('mcp via npx -y @modelcontextprotocol/server-everything')), {
      mode: 'mcp',
      mcp: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'] },
    });
    assert.deepEqual(accepted(parseMode('mcp at http://localhost:3000/mcp')), { mode: 'mcp', mcp: { url: 'http://localhost:3000/mcp' } });
  });

  it('refuses what is not a target, two targets at once, and skipping, each with its own reply', () => {
    assert.match(rejected(parseMode('banana')), /did not recognise a target in “banana”/);
    assert.match(rejected(parseMode('api or demo')), /more than one kind of target/);
    assert.match(rejected(parseMode('skip')), /cannot guess/);
    assert.match(rejected(parseMode('ftp://files.example.com')), /not an http or https address/);
  });
});

describe('wizard: addresses', () => {
  const api: WizardAnswers = { ...emptyAnswers(), mode: 'api' };
  const cases: [string, string][] = [
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000'],
    ['http://127.0.0.1:8000/', 'http://127.0.0.1:8000'],
    ['localhost:8000', 'http://localhost:8000'],
    ['127.0.0.1:8000/v1', 'http://127.0.0.1:8000/v1'],
    ['it runs on port 9000', 'http://localhost:9000'],
    ['api.example.com/v1', 'https://api.example.com/v1'],
    ['at https://llm.corp.internal:8443/api.', 'https://llm.corp.internal:8443/api'],
    [':8080', 'http://localhost:8080'],
    ['localhost', 'http://localhost'],
  ];
  for (const [text, url] of cases) it(`reads “${text}” as ${url}`, () => assert.equal(accepted(parseEndpoint(text, api)).baseUrl, url));

  it('refuses no address, another scheme and an out-of-range port', () => {
    assert.match(rejected(parseEndpoint('blah', api)), /could not find an address/);
    assert.match(rejected(parseEndpoint('skip', api)), /cannot be skipped/);
    assert.match(rejected(parseEndpoint('ws://x:1', api)), /not an http or https/);
    assert.ok(findUrl('localhost:99999') && 'error' in (findUrl('localhost:99999') as object));
  });

  it('reads an MCP server as a command line (ports in it stay arguments) or an URL', () => {
    const mcp: WizardAnswers = { ...emptyAnswers(), mode: 'mcp' };
    assert.deepEqual(accepted(parseEndpoint('node server.js', mcp)).mcp, { command: 'node', args: ['server.js'] });
    assert.deepEqual(accepted(parseEndpoint('run: python -m my_server --port 3000', mcp)).mcp, {
      command: 'python',
      args: ['-m', 'my_server', '--port', '3000'],
    });
    assert.deepEqual(accepted(parseEndpoint('`uvx mcp-server-time`', mcp)).mcp, { command: 'uvx', args: ['mcp-server-time'] });
    assert.deepEqual(accepted(parseEndpoint('http://localhost:3000/mcp', mcp)).mcp, { url: 'http://localhost:3000/mcp' });
    assert.match(rejected(parseEndpoint('yes', mcp)), /needs the command/);
    assert.deepEqual(splitCommandLine('node "my server.js" --name \'a b\''), ['node', 'my server.js', '--name', 'a b']);
  });
});

describe('wizard: protocol, request template, MCP tool', () => {
  const cases: [string, string][] = [
    ['openai', 'openai'],
    ['OpenAI-compatible', 'openai'],
    ['chat completions', 'openai'],
    ['ollama', 'openai'],
    ['vLLM', 'openai'],
    ['/v1/chat/completions', 'openai'],
    ['aiqk', 'aiqk'],
    ['AI Quality Kit /ask', 'aiqk'],
    ['the ask endpoint', 'aiqk'],
    ['custom', 'http'],
    ['Custom HTTP', 'http'],
    ['my own json', 'http'],
    ['a request template', 'http'],
  ];
  for (const [text, p] of cases) it(`reads “${text}” as ${p}`, () => assert.equal(accepted(parseProtocol(text)).protocol, p));

  it('refuses unknown and ambiguous protocols', () => {
    assert.match(rejected(parseProtocol('banana')), /do not know the protocol/);
    assert.match(rejected(parseProtocol('openai or aiqk')), /could mean/);
  });

  it('reads a request template: method, path, body with {{question}}, answer and contexts paths', () => {
    assert.deepEqual(accepted(parseHttpTemplate('POST /query {"q": "{{question}}"} $.result.text $.result.sources[*].text')).http, {
      method: 'POST',
      path: '/query',
      body: '{"q": "{{question}}"}',
      answerPath: '$.result.text',
      contextsPath: '$.result.sources[*].text',
    });
    assert.equal(accepted(parseHttpTemplate('put /v2/ask')).http?.method, 'PUT');
    assert.equal(accepted(parseHttpTemplate('skip')).http?.path, '/chat');
    assert.match(rejected(parseHttpTemplate('{"q": "x"}')), /must contain \{\{question\}\}/);
    assert.match(rejected(parseHttpTemplate('{"q": {{question}}')), /not valid JSON/);
    assert.match(rejected(parseHttpTemplate('hello there')), /Describe the request/);
  });

  it('reads the MCP tool with its question argument and answer path', () => {
    assert.deepEqual(accepted(parseMcpTool('ask')).mcpTool, { tool: 'ask' });
    assert.deepEqual(accepted(parseMcpTool('tool search with argument query')).mcpTool, {
      tool: 'search',
      arguments: { query: '{{question}}' },
    });
    assert.deepEqual(accepted(parseMcpTool('use the answer_question tool')).mcpTool, { tool: 'answer_question' });
    assert.deepEqual(accepted(parseMcpTool('search tool, argument q, answer $.content[0].text')).mcpTool, {
      tool: 'search',
      arguments: { q: '{{question}}' },
      answerPath: '$.content[0].text',
    });
    assert.deepEqual(accepted(parseMcpTool('skip')).mcpTool, { tool: 'ask' });
    assert.match(rejected(parseMcpTool('!!!')), /Which tool/);
  });
});
