// Mocha setup shared by the run tests: a fault server and a workspace for the
// describe block that asks for them, removed after its tests.
import type { FaultServer } from '../../fixtures/servers/faultServer';
import { startFaultServer } from '../../fixtures/servers/faultServer';
import type { Workspace } from './runFixtures';
import { makeWorkspace } from './runFixtures';

/** The server and workspace of a describe block: set once its `before` hook has run. */
export interface RunTestSetup {
  server: FaultServer;
  ws: Workspace;
}

/**
 * Registers hooks in the calling describe block: a fault server and a workspace
 * whose qaset has `questions` items before its tests, both closed after them.
 * With `resetServer`, the server's faults and counters are cleared before each test.
 */
export function useFaultServerAndWorkspace(questions: number, options: { resetServer?: boolean } = {}): RunTestSetup {
  const setup = {} as RunTestSetup;
  before(async () => {
    setup.server = await startFaultServer();
    setup.ws = await makeWorkspace(questions);
  });
  after(async () => {
    await setup.server.close();
    await setup.ws.remove();
  });
  if (options.resetServer) {
    beforeEach(() => {
      setup.server.setFaults({});
      setup.server.resetCounters();
    });
  }
  return setup;
}
