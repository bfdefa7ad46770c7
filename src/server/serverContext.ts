import type { Journal } from './journal';
import type { RunManager } from './runManager';
import type { ServerOptions } from './serverOptions';
import type { TestdataStore } from './testdataStore';

/** What the routes share. */
export interface ServerContext {
  options: ServerOptions;
  runs: RunManager;
  store: TestdataStore;
  journal: Journal;
  reportsDir: string;
}
