// A real MCP client: the question goes to one tool of a server started from a
// command (stdio) or reached by URL (streamable HTTP). The connection is opened
// on the first ask and shared; close() always ends the child process and its
// whole process group, escalating from closing its stdin to SIGTERM to SIGKILL
// (the MCP spec's shutdown order).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AnswerMeta, AskRequest, AskResult, Target } from '../../model/target';
import type { HttpAuth } from '../http/httpCommon';
import { contextStrings, maskedSuccess, selectedText } from '../http/httpCommon';
import { sanitizeArgs } from './commandArgs';
import { describeUrl } from '../http/httpErrors';
import { evaluateJsonPath, parseJsonPath } from '../http/jsonPath';
import type { JsonPathSegment } from '../http/jsonPath';
import { classifyMcpError, ConfigProblem, defaultArguments, OutputTail, raceSignal, resultText, substituteArguments } from './mcpSupport';
import { excerpt, maskSecrets } from '../../secrets/redact';
import { MAX_REPLY_BYTES } from '../http/http';
import { GroupStdioTransport } from './stdioTransport';

/** Settings of the MCP target (profile `target.mcp`, with paths and secrets resolved). */
export interface McpTargetConfig {
  /** Stdio: the command and its arguments, started in `cwd` with `env` added to a minimal environment. */
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Streamable HTTP endpoint (used when set, instead of a command). */
  url?: string;
  auth?: HttpAuth;
  tool: string;
  /** Tool arguments; undefined = derived from the tool's input schema. */
  arguments?: Record<string, unknown>;
  answerPath?: string;
  contextsPath?: string;
  timeoutMs: number;
  /** How long to wait for the child to exit at each shutdown step (default 1000 ms). */
  closeGraceMs?: number;
  /** Largest single message accepted from a stdio server (default 10 MiB, as for HTTP replies). */
  maxMessageBytes?: number;
  /** Values to mask in messages (secrets passed through env or auth). */
  secrets?: string[];
}

interface Connection {
  client: Client;
  arguments: Record<string, unknown>;
}

/** The MCP target. */
export class McpTarget implements Target {
  readonly description: string;
  readonly conversational = false;
  private readonly answerPath: JsonPathSegment[];
  private readonly contextsPath?: JsonPathSegment[];
  private readonly stderr = new OutputTail();
  private connecting?: Promise<Connection>;
  private client?: Client;
  private transport?: GroupStdioTransport | StreamableHTTPClientTransport;
  private closed = false;
  // Kept after the connection is forgotten: its calls are rejected after it closed itself.
  private lastStdio?: GroupStdioTransport;

  /** Throws when a JSONPath is invalid or neither command nor url is given. */
  constructor(private readonly config: McpTargetConfig) {
    if (!config.url && !config.command) throw new Error('target.mcp needs a command (stdio server) or a url (streamable HTTP server)');
    this.answerPath = parseJsonPath(config.answerPath ?? '$.content[0].text');
    this.contextsPath = config.contextsPath ? parseJsonPath(config.contextsPath) : undefined;
    const where = config.url
      ? `http ${describeUrl(config.url)}`
      : `stdio ${[config.command, ...sanitizeArgs(config.args ?? [])].join(' ')}`;
    this.description = `mcp ${where} tool ${config.tool}`;
  }

  /** Pid of the stdio server while it runs (null before the first ask, after close, or for a URL). */
  get pid(): number | null {
    return this.transport instanceof GroupStdioTransport ? this.transport.pid : null;
  }

  /** The last lines the stdio server wrote to stderr (secrets masked), for diagnostics. */
  get stderrTail(): string {
    return maskSecrets(this.stderr.toString(), this.config.secrets ?? []);
  }

  async ask(request: AskRequest): Promise<AskResult> {
    const timeoutMs = request.timeoutMs ?? this.config.timeoutMs;
    const ctx = { signal: request.signal, timeoutMs, stderr: '', secrets: this.config.secrets ?? [], doing: 'starting the MCP server' };
    const fail = (err: unknown, latencyMs: number): AskResult => ({
      ok: false,
      error:
        this.closed && !request.signal.aborted
          ? { kind: 'aborted', message: 'the target was closed while the call was in flight' }
          : classifyMcpError(err, { ...ctx, stderr: this.stderr.toString(), failure: this.lastStdio?.failure }),
      latencyMs,
      meta: { attempts: 1 },
    });
    if (this.closed)
      return { ok: false, error: { kind: 'aborted', message: 'the target was closed' }, latencyMs: 0, meta: { attempts: 0 } };
    let conn: Connection;
    try {
      conn = await raceSignal(this.connect(), request.signal);
    } catch (err) {
      return fail(err, 0);
    }
    ctx.doing = `calling tool '${this.config.tool}'`;
    const started = performance.now();
    let result: Record<string, unknown>;
    // The SDK never removes its abort listener: give it a per-call signal, not the run's.
    const call = new AbortController();
    const forward = (): void => call.abort(request.signal.reason);
    request.signal.addEventListener('abort', forward, { once: true });
    try {
      const args = substituteArguments(conn.arguments, request.question) as Record<string, unknown>;
      result = (await conn.client.callTool({ name: this.config.tool, arguments: args }, undefined, {
        signal: call.signal,
        timeout: timeoutMs,
      })) as Record<string, unknown>;
    } catch (err) {
      return fail(err, performance.now() - started);
    } finally {
      request.signal.removeEventListener('abort', forward);
    }
    const latencyMs = performance.now() - started;
    const meta: AnswerMeta = { attempts: 1 };
    const secrets = this.config.secrets ?? [];
    if (result.isError === true) {
      const text = maskSecrets(resultText(result), secrets).slice(0, 300) || '(no text)';
      return { ok: false, error: { kind: 'protocol', message: `tool '${this.config.tool}' reported an error: ${text}` }, latencyMs, meta };
    }
    const values = evaluateJsonPath(result, this.answerPath);
    const answer = selectedText(values);
    if (answer === undefined) {
      const message = `answer_path '${this.config.answerPath ?? '$.content[0].text'}' ${values.length ? 'does not select text' : 'matched nothing'} in the tool result`;
      return { ok: false, error: { kind: 'protocol', message, bodyExcerpt: excerpt(JSON.stringify(result), secrets) }, latencyMs, meta };
    }
    const contexts = this.contextsPath ? contextStrings(evaluateJsonPath(result, this.contextsPath).flat()) : [];
    return maskedSuccess({ ok: true, answer, contexts, latencyMs, meta }, secrets);
  }

  /** The shared connection, opened once; a failed open is remembered (every ask reports it). */
  private connect(): Promise<Connection> {
    this.connecting ??= this.open();
    return this.connecting;
  }

  private async open(): Promise<Connection> {
    const { config } = this;
    const client = new Client({ name: 'ai-quality-kit', version: '0.1.0' });
    let transport: GroupStdioTransport | StreamableHTTPClientTransport;
    if (config.url) {
      const headers: Record<string, string> = config.auth ? { [config.auth.header]: config.auth.value } : {};
      transport = new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers } });
    } else {
      const stdio = new GroupStdioTransport({
        command: config.command ?? '',
        args: config.args ?? [],
        ...(config.env ? { env: config.env } : {}),
        ...(config.cwd ? { cwd: config.cwd } : {}),
        maxMessageBytes: config.maxMessageBytes ?? MAX_REPLY_BYTES,
        graceMs: config.closeGraceMs ?? 1000,
      });
      // Reading stderr keeps the child from blocking on a full pipe, and explains crashes.
      stdio.onStderr((chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
      transport = stdio;
      this.lastStdio = stdio;
    }
    this.client = client;
    this.transport = transport;
    let opened = false;
    client.onclose = () => {
      // A server that went away after a good start is replaced on the next ask;
      // one that failed to start stays failed (every ask reports why).
      if (opened && !this.closed && this.client === client) {
        this.connecting = undefined;
        this.forget();
      }
    };
    try {
      await client.connect(transport, { timeout: config.timeoutMs });
      const tools = await this.listTools(client);
      const tool = tools.find((t) => t.name === config.tool);
      if (!tool) {
        const offered = tools.map((t) => t.name).join(', ') || '(none)';
        throw new ConfigProblem(`the MCP server has no tool '${config.tool}'; it offers: ${offered}. Set target.mcp.tool to one of them.`);
      }
      const args = config.arguments ?? defaultArguments(tool.inputSchema);
      if (!args)
        throw new ConfigProblem(
          `cannot tell which argument of tool '${config.tool}' takes the question; set target.mcp.arguments, e.g. {question: '{{question}}'}`,
        );
      opened = true;
      return { client, arguments: args };
    } catch (err) {
      await this.shutdown();
      throw err;
    }
  }

  private async listTools(client: Client): Promise<{ name: string; inputSchema?: unknown }[]> {
    const tools: { name: string; inputSchema?: unknown }[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: this.config.timeoutMs });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  private forget(): void {
    this.client = undefined;
    this.transport = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.connecting = undefined;
    await this.shutdown();
  }

  // Closing the client closes the transport: for stdio that ends the child's
  // stdin, then its process group gets SIGTERM and SIGKILL (GroupStdioTransport).
  private async shutdown(): Promise<void> {
    const { client, transport } = this;
    this.forget();
    if (!client || !transport) return;
    if (transport instanceof StreamableHTTPClientTransport && transport.sessionId) {
      // Politely end a stateful session; a server that does not answer is not waited for.
      await Promise.race([transport.terminateSession().catch(() => undefined), delay(this.config.closeGraceMs ?? 1000)]);
    }
    await client.close().catch(() => undefined);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
