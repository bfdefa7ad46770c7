// MCP servers started by runs live in process groups of their own; when VS Code
// closes the extension, the runs are cancelled (RunManager.dispose) and every
// group still alive is ended here, politely and then at once, so none survives
// the extension host.

import { endAllGroups, killAllGroupsNow } from '../../engine/targets/mcp/processGroup';

// VS Code gives deactivate a few seconds at most; stay well inside them.
const GRACE_MS = 500;

/** Ends the process groups of every MCP server the runs started (SIGTERM, then SIGKILL after a short grace). */
export async function endRunProcesses(): Promise<void> {
  await endAllGroups(GRACE_MS);
  killAllGroupsNow();
}
