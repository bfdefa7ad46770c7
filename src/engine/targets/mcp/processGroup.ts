// A stdio MCP server may be a wrapper (`sh -c 'node server.js'`) whose real
// server, and whatever it starts, outlive the wrapper. Each server is therefore
// started as the leader of its own process group, and ending the server means
// ending the whole group: SIGTERM, a short grace, then SIGKILL. Every group
// still alive is killed when this process exits, however it exits (short of
// SIGKILL), so no server is left running with PPID 1.

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

// Process group ids (= leader pids) of the servers started and not yet known to be gone.
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Options of a server process. */
export interface GroupSpawnOptions {
  env: Record<string, string>;
  cwd?: string;
}

/** Starts `command` with piped stdio as the leader of a new process group (POSIX), registered until it is ended. */
export function spawnInGroup(command: string, args: readonly string[], options: GroupSpawnOptions): ChildProcessWithoutNullStreams {
  const child = spawn(command, [...args], {
    env: options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: false,
    // detached = setsid() on POSIX: a group of its own, and no Ctrl-C from our terminal
    // (we decide when it ends). On Windows it would open a console window instead.
    detached: POSIX,
    windowsHide: true,
  });
  if (child.pid !== undefined) {
    liveGroups.add(child.pid);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', killAllGroupsNow);
    }
  }
  return child;
}

/** Whether any process of the group led by `pgid` is still alive (zombies, dead but not yet reaped, do not count). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(POSIX ? -pgid : pgid, 0);
  } catch (err) {
    // EPERM: it exists but is not ours to signal (a setuid helper); it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return process.platform === 'linux' ? liveMemberOnLinux(pgid) : true;
}

// Orphans of a killed group are reaped by PID 1, which in a container may never
// do it: the zombies answer signal 0 forever. /proc tells them apart.
function liveMemberOnLinux(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== 'Z') return true;
  }
  return false;
}

// State and process group of a Linux process from /proc/<pid>/stat; undefined when it is gone or unreadable.
function procStat(pid: number): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may itself contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    if (POSIX) process.kill(-pgid, signal);
    else if (signal === 'SIGKILL') spawnSync('taskkill', ['/pid', String(pgid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(pgid, signal);
  } catch {
    // already gone
  }
}

async function goneWithin(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, ms)));
  }
  return true;
}

/**
 * Ends the group led by `pgid`: SIGTERM to every member, then SIGKILL to those
 * still alive after `graceMs`. Resolves once the group is gone (or after a
 * second grace, if something survives SIGKILL such as a process stuck in the kernel).
 */
export async function endGroup(pgid: number, graceMs: number): Promise<void> {
  if (groupAlive(pgid)) {
    signalGroup(pgid, 'SIGTERM');
    if (!(await goneWithin(pgid, graceMs))) {
      signalGroup(pgid, 'SIGKILL');
      await goneWithin(pgid, graceMs);
    }
  }
  liveGroups.delete(pgid);
}

/** Kills every server group started by this process at once (SIGKILL, synchronous): for exits that cannot wait. */
export function killAllGroupsNow(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

/** Ends every server group started by this process, politely then forcefully; for a clean shutdown (extension deactivation). */
export async function endAllGroups(graceMs: number): Promise<void> {
  await Promise.all([...liveGroups].map((pgid) => endGroup(pgid, graceMs)));
}

/** The process groups started and not yet ended (tests, diagnostics). */
export function liveGroupIds(): number[] {
  return [...liveGroups];
}
