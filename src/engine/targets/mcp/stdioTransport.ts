// The stdio transport of the MCP target. It replaces the SDK's so that the server
// runs in a process group of its own (processGroup.ts) and the whole group is
// ended on close, and so that one message is read in time linear in its size
// and refused past a limit with "message too large" (the SDK's buffer rescans
// and copies itself on every chunk, and its overflow looks like a closed connection).

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { endGroup, spawnInGroup } from './processGroup';

/** Where and how the server is started. */
export interface StdioServerOptions {
  command: string;
  args: readonly string[];
  /** Added to a minimal inherited environment (PATH, HOME…). */
  env?: Record<string, string>;
  cwd?: string;
  /** Largest single message accepted from the server, in bytes. */
  maxMessageBytes: number;
  /** How long the server may take to exit after its input ends, and after SIGTERM. */
  graceMs: number;
}

/** A message longer than the limit: the connection is closed and every call in flight fails with this. */
export class MessageTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`message too large (over ${limit} bytes): the MCP server sent a single message bigger than the limit`);
    this.name = 'MessageTooLargeError';
  }
}

/** Splits a byte stream into lines, scanning each byte once, holding at most `max` bytes of an unfinished line. */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  constructor(
    private readonly max: number,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Feeds a chunk; throws MessageTooLargeError when a line passes the limit. */
  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      this.size += piece.length;
      if (this.size > this.max) {
        this.parts = [];
        this.size = 0;
        throw new MessageTooLargeError(this.max);
      }
      if (nl === -1) {
        if (piece.length > 0) this.parts.push(piece);
        return;
      }
      this.parts.push(piece);
      const line = Buffer.concat(this.parts, this.size).toString('utf8');
      this.parts = [];
      this.size = 0;
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = nl + 1;
    }
  }
}

/** MCP over a child process's stdin/stdout, the child leading its own process group. */
export class GroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Why the transport closed itself (a message too large), if it did. */
  failure?: Error;
  private child?: ChildProcessWithoutNullStreams;
  private closing?: Promise<void>;
  private stderrListener?: (chunk: Buffer) => void;

  constructor(private readonly options: StdioServerOptions) {}

  /** The server's pid (its process group id) while it runs. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Receives the server's stderr (set before start). */
  onStderr(listener: (chunk: Buffer) => void): void {
    this.stderrListener = listener;
  }

  /** Starts the server; rejects when it cannot be spawned (ENOENT, EACCES). */
  start(): Promise<void> {
    if (this.child) throw new Error('the MCP server is already started');
    const { command, args, env, cwd } = this.options;
    const child = spawnInGroup(command, args, { env: { ...getDefaultEnvironment(), ...env }, ...(cwd ? { cwd } : {}) });
    this.child = child;
    const lines = new LineSplitter(this.options.maxMessageBytes, (line) => this.deliver(line));
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.failure) return;
      try {
        lines.push(chunk);
      } catch (err) {
        this.failure = err as Error;
        this.onerror?.(this.failure);
        void this.close();
      }
    });
    if (this.stderrListener) child.stderr.on('data', this.stderrListener);
    else child.stderr.resume();
    child.stdin.on('error', (err) => this.onerror?.(err));
    child.stdout.on('error', (err) => this.onerror?.(err));
    // 'exit', not 'close': a grandchild holding the pipes open must not keep us waiting.
    child.once('exit', () => {
      const pid = child.pid;
      // The leader is gone; whatever it started is ended with it.
      if (pid !== undefined) void endGroup(pid, this.options.graceMs);
      this.finish();
    });
    return new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (err) => {
        this.onerror?.(err);
        reject(err);
        this.finish();
      });
    });
  }

  private deliver(line: string): void {
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch (err) {
      this.onerror?.(err as Error);
      return;
    }
    this.onmessage?.(message);
  }

  private finished = false;
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const child = this.child;
    child?.stdout.destroy();
    child?.stderr.destroy();
    child?.stdin.destroy();
    this.onclose?.();
  }

  /** Sends one message, waiting for the pipe to drain when it is full. */
  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.finished || !stdin.writable) return Promise.reject(new Error('Not connected'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  /**
   * Ends the server: its input is closed (a well-behaved server exits), then the
   * whole group gets SIGTERM and, after the grace, SIGKILL. Resolves when the group is gone.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const child = this.child;
    const pid = child?.pid;
    if (!child || pid === undefined) return this.finish();
    const exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.graceMs)))]);
    clearTimeout(timer);
    await endGroup(pid, this.options.graceMs);
    // The group is dead; waiting for 'exit' too means our child is reaped, not a zombie.
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.graceMs)))]);
    clearTimeout(timer);
    this.finish();
  }
}
