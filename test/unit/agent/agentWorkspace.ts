// A temp workspace for the agent tools: a copy of the demo (offline built-in target)
// and of the broken allProblems profile, so runs write their reports in the copy.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');

/** The workspace folder and its two profiles (relative paths, as an agent gives them). */
export interface AgentWorkspace {
  root: string;
  demo: string;
  broken: string;
  remove(): Promise<void>;
}

/** Copies examples/demo to `<root>/demo` and the allProblems fixture to `<root>/broken`. */
export async function makeAgentWorkspace(): Promise<AgentWorkspace> {
  const root = await mkdtemp(path.join(tmpdir(), 'aiqk-agent-'));
  const skipReports = (src: string) => !src.includes(`${path.sep}.aiqk`);
  await cp(path.join(repo, 'examples', 'demo'), path.join(root, 'demo'), { recursive: true, filter: skipReports });
  await cp(path.join(repo, 'test', 'fixtures', 'workspaces', 'allProblems'), path.join(root, 'broken'), {
    recursive: true,
    filter: skipReports,
  });
  return { root, demo: 'demo/aiqk.yaml', broken: 'broken/aiqk.yaml', remove: () => rm(root, { recursive: true, force: true }) };
}
