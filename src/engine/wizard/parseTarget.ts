// Tolerant readers of the target steps: mode, endpoint, protocol, request
// template and MCP tool. Each returns what it understood, or a specific reason.
import type { HttpTemplateAnswer, McpEndpointAnswer, TargetMode, TargetProtocol, WizardAnswers } from './answers';
import type { WizardStepId } from '../model/wizardSteps';
import type { StepOutcome } from './outcome';
import { accept, reject } from './outcome';
import { findUrl } from './parseUrl';
import { findAliases, isSkip, normalize, yesNo } from './textMatch';

const MODE_WORDS: { id: TargetMode; aliases: string[] }[] = [
  {
    id: 'builtin',
    aliases: [
      'builtin',
      'built in',
      'built-in',
      'demo',
      'the demo',
      'offline',
      'sample',
      'example',
      'playground',
      'nimbus',
      'try it',
      'try it out',
      'no target',
      'fake',
      'toy',
    ],
  },
  { id: 'mcp', aliases: ['mcp', 'mcp server', 'model context protocol', 'stdio', 'tool server', 'mcp tool'] },
  {
    id: 'api',
    aliases: [
      'api',
      'http',
      'https',
      'http api',
      'rest',
      'rest api',
      'endpoint',
      'server',
      'url',
      'web service',
      'service',
      'backend',
      'my app',
      'application',
      'openai',
      'open ai',
      'ollama',
      'lm studio',
      'lmstudio',
      'vllm',
      'llama.cpp',
      'llamacpp',
      'chat completions',
      'aiqk',
      'ask endpoint',
      'remote',
    ],
  },
];

const OPENAI_HINT = /\b(openai|open ai|ollama|lm ?studio|vllm|llama\.?cpp|chat completions|v1\/chat)\b/;
const AIQK_HINT = /(\baiqk\b|ai quality kit|\/ask\b|ask endpoint)/;
const RUNNERS =
  /^(node|nodejs|npx|npm|pnpm|yarn|bun|bunx|deno|python|python3|py|uv|uvx|pipx|docker|podman|java|dotnet|go|ruby|php|cargo|\.{0,2}\/|[a-z]:\\)/i;

/** Splits a command line into words, keeping quoted parts together. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return words;
}

/** A command line for an MCP stdio server, from an answer such as "run node server.js". */
export function parseMcpCommand(text: string): McpEndpointAnswer | undefined {
  const stripped = text
    .trim()
    .replace(
      /^(?:(?:the\s+)?(?:mcp\s+)?(?:server\s+)?(?:command|cmd|run|start|launch|using|use|via|with|started by|started with|is|:)\s*:?\s*)+/i,
      '',
    )
    .replace(/^[`$>]\s*/, '')
    .replace(/`$/, '');
  const words = splitCommandLine(stripped);
  if (words.length === 0) return undefined;
  const [command, ...args] = words;
  if (!/^[\w./\\@:+~-]+$/.test(command)) return undefined;
  return args.length > 0 ? { command, args } : { command };
}

/** Step "mode": builtin demo, API or MCP; an address or a command in the same answer is kept. */
export function parseMode(text: string): StepOutcome {
  const n = normalize(text);
  const url = findUrl(text);
  const { found } = findAliases(n, MODE_WORDS);
  const distinct = [...new Set(found)];
  let mode: TargetMode | undefined;
  if (distinct.includes('mcp')) mode = 'mcp';
  else if (distinct.length === 1) mode = distinct[0];
  else if (distinct.length === 0 && url && 'url' in url) mode = 'api';
  if (distinct.length > 1 && !distinct.includes('mcp')) {
    return reject(
      `That names more than one kind of target (${distinct.join(' and ')}). Which one should the profile test: the built-in demo, an HTTP API or an MCP server?`,
    );
  }
  if (!mode) {
    if (url && 'error' in url)
      return reject(`${url.error}. Give an http(s) address for an API, or choose the built-in demo or an MCP server.`);
    if (isSkip(text) || yesNo(text))
      return reject(
        'The target is the one thing the wizard cannot guess. Choose the built-in demo (no setup), an HTTP API, or an MCP server.',
      );
    return reject(
      `I did not recognise a target in “${text.trim()}”. Answer “demo” for the built-in demo, “api at localhost:8000” for an HTTP API, or “mcp” for an MCP server.`,
    );
  }
  const set: Partial<WizardAnswers> = { mode };
  const covers: WizardStepId[] = [];
  if (mode === 'api') {
    if (url && 'url' in url) {
      set.baseUrl = url.url;
      covers.push('endpoint');
    }
    if (OPENAI_HINT.test(n)) {
      set.protocol = 'openai';
      covers.push('protocol');
    } else if (AIQK_HINT.test(n)) {
      set.protocol = 'aiqk';
      covers.push('protocol');
    }
  }
  if (mode === 'mcp') {
    if (url && 'url' in url) {
      set.mcp = { url: url.url };
      covers.push('endpoint');
    } else {
      const rest = text.replace(/^.*?\b(mcp|model context protocol)\b(\s+server)?\s*(at|on|via|with|using|from|:)?\s*/i, '');
      const cmd = rest && RUNNERS.test(rest.trim()) ? parseMcpCommand(rest) : undefined;
      if (cmd) {
        set.mcp = cmd;
        covers.push('endpoint');
      }
    }
  }
  return accept(set, { covers });
}

/** Step "endpoint": the API's base URL, or the MCP server's command or URL. */
export function parseEndpoint(text: string, answers: WizardAnswers): StepOutcome {
  if (answers.mode === 'mcp') {
    // A command line may mention ports ("--port 3000"): only an explicit URL is an URL here.
    const url = /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(text) || /\bhttps?:\/\//i.test(text) ? findUrl(text) : undefined;
    if (url && 'url' in url) return accept({ mcp: { url: url.url } });
    if (url && 'error' in url)
      return reject(`${url.error}. Give the MCP server's http(s) URL, or the command that starts it (for example: node server.js).`);
    if (isSkip(text) || yesNo(text))
      return reject(
        'An MCP target needs the command that starts the server (for example: npx -y my-mcp-server) or its URL (http://127.0.0.1:3000/mcp).',
      );
    const cmd = parseMcpCommand(text);
    if (!cmd)
      return reject(
        `“${text.trim()}” is neither an URL nor a command I can run. Type the command line that starts the server, e.g. node server.js.`,
      );
    return accept({ mcp: cmd });
  }
  const url = findUrl(text);
  if (url && 'url' in url) return accept({ baseUrl: url.url });
  if (url && 'error' in url) return reject(`${url.error}. The API needs an http or https address, such as http://127.0.0.1:8000.`);
  if (isSkip(text))
    return reject(
      'The API’s address cannot be skipped: the run sends its questions there. Type it as http://127.0.0.1:8000 or localhost:8000.',
    );
  return reject(
    `I could not find an address in “${text.trim()}”. Type a URL such as http://127.0.0.1:8000, or host:port such as localhost:11434/v1.`,
  );
}

const PROTOCOL_WORDS: { id: TargetProtocol; aliases: string[] }[] = [
  {
    id: 'openai',
    aliases: [
      'openai',
      'open ai',
      'openai compatible',
      'openai-compatible',
      'chat completions',
      'chat completion',
      'completions',
      'v1/chat/completions',
      '/v1/chat/completions',
      'ollama',
      'vllm',
      'lm studio',
      'lmstudio',
      'llama.cpp',
      'llamacpp',
      'litellm',
      'groq',
      'together',
      'azure openai',
      'gpt',
    ],
  },
  {
    id: 'aiqk',
    aliases: ['aiqk', 'ai quality kit', '/ask', 'ask', 'ask endpoint', 'post /ask', 'query provider model', 'original', 'the original'],
  },
  {
    id: 'http',
    aliases: [
      'http',
      'custom',
      'custom http',
      'template',
      'request template',
      'my own',
      'own json',
      'json',
      'rest',
      'other',
      'something else',
      'generic',
    ],
  },
];

/** Step "protocol": how questions are sent to the API. */
export function parseProtocol(text: string): StepOutcome {
  if (isSkip(text))
    return reject(
      'Choose how questions reach the API: OpenAI-compatible (chat completions), AI Quality Kit /ask, or a custom HTTP template.',
    );
  const { found } = findAliases(text, PROTOCOL_WORDS);
  const distinct = [...new Set(found)];
  if (distinct.length === 1) return accept({ protocol: distinct[0] });
  if (distinct.length > 1) return reject(`That could mean ${distinct.join(' or ')}. Which protocol does the API speak?`);
  return reject(
    `I do not know the protocol “${text.trim()}”. The choices are OpenAI-compatible (chat completions), AI Quality Kit /ask, and custom HTTP.`,
  );
}

/** The request template used when the user skips its details. */
export const DEFAULT_HTTP_TEMPLATE: HttpTemplateAnswer = {
  method: 'POST',
  path: '/chat',
  body: '{"question": "{{question}}"}',
  answerPath: '$.answer',
};

/** Step "httpTemplate": method, path, JSON body with {{question}}, JSONPaths of the answer and contexts. */
export function parseHttpTemplate(text: string): StepOutcome {
  if (isSkip(text))
    return accept(
      { http: { ...DEFAULT_HTTP_TEMPLATE } },
      {
        reply: `Using POST /chat with ${DEFAULT_HTTP_TEMPLATE.body}, answer at $.answer. You can change target.http in the profile later.`,
      },
    );
  const t: HttpTemplateAnswer = { ...DEFAULT_HTTP_TEMPLATE };
  const method = /\b(POST|PUT|GET)\b/i.exec(text);
  if (method) t.method = method[1].toUpperCase() as HttpTemplateAnswer['method'];
  const path = /(?:^|\s)(\/[\w\-./{}]*)/.exec(text.replace(/\{[\s\S]*\}/, ' '));
  if (path) t.path = path[1];
  const body = /\{[\s\S]*\}/.exec(text.replace(/\$\.[^\s,;]+/g, ' '));
  if (body) {
    if (!body[0].includes('{{question}}'))
      return reject('The body must contain {{question}} where the question goes, e.g. {"q": "{{question}}"}.');
    try {
      JSON.parse(body[0].replace(/\{\{question\}\}/g, 'x'));
    } catch (err) {
      return reject(`The body is not valid JSON: ${(err as Error).message}. Example: {"q": "{{question}}"}.`);
    }
    t.body = body[0];
  }
  const paths = [...text.matchAll(/\$(?:\.[\w-]+|\[[^\]]*\])[^\s,;]*/g)].map((m) => m[0]);
  if (paths[0]) t.answerPath = paths[0];
  if (paths[1]) t.contextsPath = paths[1];
  if (!method && !path && !body && paths.length === 0) {
    return reject(
      'Describe the request as: method, path, JSON body with {{question}}, and the JSONPath of the answer, e.g. POST /chat {"q": "{{question}}"} $.answer (or “skip” for that default).',
    );
  }
  return accept({ http: t });
}

/** Step "mcpTool": the tool that answers questions, its question argument, and where the answer is. */
export function parseMcpTool(text: string): StepOutcome {
  if (isSkip(text))
    return accept(
      { mcpTool: { tool: 'ask' } },
      { reply: 'Calling the tool “ask”; its question argument is found from the tool’s input schema.' },
    );
  const answerPath = /\$(?:\.[\w-]+|\[[^\]]*\])[^\s,;]*/.exec(text)?.[0];
  const cleaned = text.replace(/\$(?:\.[\w-]+|\[[^\]]*\])[^\s,;]*/g, ' ');
  const arg = /\b(?:argument|arg|param|parameter|field|input)s?\s*(?:named|called|is|=|:)?\s*[`'"]?([A-Za-z_][\w-]*)/i.exec(cleaned);
  const named =
    /\btool\s*(?:named|called|is|=|:)?\s*[`'"]?([A-Za-z_][\w.-]*)/i.exec(cleaned) ??
    /[`'"]?([A-Za-z_][\w.-]*)[`'"]?\s+tool\b/i.exec(cleaned);
  const fallback = cleaned
    .replace(/\b(?:argument|arg|param|parameter|field|input)s?\s*(?:named|called|is|=|:)?\s*[`'"]?[A-Za-z_][\w-]*/gi, ' ')
    .split(/[\s,;]+/)
    .find((w) => /^[A-Za-z_][\w.-]*$/.test(w) && !/^(the|use|call|with|tool|named|called|answer|path|at|and|its|it|is|please|a)$/i.test(w));
  const tool = named?.[1] ?? fallback;
  if (!tool) return reject('Which tool of the server answers questions? Type its name, e.g. “ask” or “tool search with argument query”.');
  return accept({ mcpTool: { tool, ...(arg ? { arguments: { [arg[1]]: '{{question}}' } } : {}), ...(answerPath ? { answerPath } : {}) } });
}
