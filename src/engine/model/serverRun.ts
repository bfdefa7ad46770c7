import type { RunStatus } from './runTypes';

/** A run's state on the team server: waiting its turn, running, ended as the engine says, or cut by a server stop. */
export type ServerRunStatus = 'queued' | 'running' | RunStatus | 'interrupted';

/**
 * One run as the team server (`aiqk serve`) describes it: the `Run` schema of its
 * /openapi.json, kept here so the server and its VS Code client share one shape.
 */
export interface ServerRun {
  run_id: string;
  /** Who started it (`<role>-<token digest prefix>`). */
  owner: string;
  profile_name: string;
  status: ServerRunStatus;
  accepted_at: string;
  started_at?: string;
  finished_at?: string;
  progress: { done: number; total: number };
  summary?: { total: number; passed: number; failed: number; errors: number; pass_rate: number | null };
  /** Why it ended in error or was cancelled. */
  reason?: string;
  /** Report formats that can be downloaded. */
  reports: string[];
}
