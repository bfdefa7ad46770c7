// The agent tools served over MCP: tools/list gives each tool's description and
// input schema, tools/call runs it with the request's abort signal (a client's
// cancel, a closed connection) and sends progress when the client asked for it.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from '../engine/agent/agentTool';
import { AGENT_TOOLS, invokeAgentTool } from '../engine/agent/agentTools';
import { version } from '../../package.json';

/** What the MCP server needs: the workspace its tools are confined to, and where runs find secrets. */
export type McpServerOptions = Pick<ToolContext, 'workspaceRoot' | 'secrets' | 'maxChars'>;

/** A server of the agent tools, with the calls still in progress (so a closing server can wait for their reports). */
export interface AgentMcpServer {
  server: Server;
  /** Resolves when every call in progress has ended (a cancelled run has written its partial report). */
  settled(): Promise<void>;
}

function toolList(): Tool[] {
  return AGENT_TOOLS.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema,
    annotations: {
      title: t.title,
      readOnlyHint: t.readOnly,
      destructiveHint: false,
      idempotentHint: t.readOnly,
      openWorldHint: !t.readOnly,
    },
  }));
}

/** Creates the server; connect it to a transport to serve. */
export function createAgentMcpServer(options: McpServerOptions): AgentMcpServer {
  const server = new Server(
    { name: 'aiqk', title: 'AI Quality Kit', version },
    {
      capabilities: { tools: {} },
      instructions:
        'AI Quality Kit checks LLM and RAG applications. Loop: list_profiles, validate_profile, run_profile (few suites for a quick answer), read_report, compare_reports after each change.',
    },
  );
  const inFlight = new Set<Promise<unknown>>();
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolList() }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const token = request.params._meta?.progressToken;
    const onProgress: ToolContext['onProgress'] =
      token === undefined
        ? undefined
        : (p) => {
            void extra
              .sendNotification({
                method: 'notifications/progress',
                params: { progressToken: token, progress: p.done, total: p.total, message: p.message },
              })
              .catch(() => undefined);
          };
    const call = invokeAgentTool(request.params.name, request.params.arguments ?? {}, {
      ...options,
      signal: extra.signal,
      ...(onProgress ? { onProgress } : {}),
    });
    inFlight.add(call);
    try {
      const result = await call;
      return { content: [{ type: 'text', text: result.text }], ...(result.isError ? { isError: true } : {}) };
    } finally {
      inFlight.delete(call);
    }
  });
  return {
    server,
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** Serves on a transport until it closes, then waits for the calls in progress (cancelled by the close) to end. */
export async function serveUntilClosed(agent: AgentMcpServer, transport: Transport): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    agent.server.onclose = resolve;
  });
  await agent.server.connect(transport);
  await closed;
  await agent.settled();
}
