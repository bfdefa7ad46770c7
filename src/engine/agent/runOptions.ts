import type { PrepareRunOptions } from '../prepare/prepareRun';

/**
 * How agent tools prepare a run: like `aiqk run`, except that a data file outside the
 * workspace folder is an error and not read (an agent works inside the workspace only).
 */
export const AGENT_RUN_OPTIONS: Pick<PrepareRunOptions, 'outsideWorkspace'> = { outsideWorkspace: 'error' };
