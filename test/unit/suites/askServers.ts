// Mocha setup shared by the suite tests that start ask servers as they go:
// every server started through `serve` is closed after the describe block.
import type { AskRow, TestServer } from './ragHelpers';
import { startAskServer } from './ragHelpers';

/** Starts an ask server answering from `table`. */
export type Serve = (table: Record<string, AskRow>) => Promise<TestServer>;

/** Registers an `after` hook in the calling describe block that closes every server `serve` started. */
export function useAskServers(): Serve {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.close();
  });
  return async (table) => {
    const s = await startAskServer(table);
    servers.push(s);
    return s;
  };
}
