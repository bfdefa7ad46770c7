import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AGENT_TOOLS } from '../engine/agent/agentTools';
import { envSecretLookup } from '../engine/targets/createTarget';
import { createAgentMcpServer, serveUntilClosed } from './mcpServer';
import { parseOptions } from './parseOptions';

const USAGE = `Usage: aiqk mcp [--root <folder>]

Serves the agent tools over the Model Context Protocol on stdin and stdout, for a
coding agent or any MCP client: ${AGENT_TOOLS.map((t) => t.name).join(', ')}.
Every path is taken relative to the workspace folder (the current folder, or
--root) and must stay inside it. Runs use the profile's own target, the same
checks and limits as aiqk run, secrets from environment variables, and write
their reports where aiqk run does. A run stops when the client cancels its call
or disconnects; its partial report is written.

Options:
  --root <folder>   the workspace folder (default: the current folder)
  -h, --help        this text

Exit codes: 0 the client disconnected, 2 usage error.
`;

/** `aiqk mcp`: the agent tools for MCP clients, until the client disconnects. */
export async function mcpCommand(argv: string[]): Promise<number> {
  let root: string;
  try {
    const { values } = parseOptions({
      args: argv,
      strict: true,
      options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    root = path.resolve(values.root ?? '.');
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--root: ${root} is not a folder`);
  } catch (err) {
    process.stderr.write(`aiqk mcp: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const agent = createAgentMcpServer({ workspaceRoot: root, secrets: envSecretLookup });
  const transport = new StdioServerTransport();
  // The client went away (its end of stdin closed) or we were told to stop: close the
  // server, which aborts every call in progress; runs write their partial reports.
  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`aiqk mcp: ${why}; cancelling the calls in progress and exiting\n`);
    void agent.server.close().catch(() => undefined);
  };
  process.stdin.once('end', () => stop('the client disconnected'));
  // Its end of stdout closed (a client killed): nothing more can be said, but runs still end cleanly.
  process.stdout.on('error', () => stop('the client disconnected'));
  process.stdin.once('close', () => stop('the client disconnected'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(`${signal} received`));
  process.stderr.write(`aiqk mcp: serving the agent tools for ${root} on stdio\n`);
  await serveUntilClosed(agent, transport);
  return 0;
}
