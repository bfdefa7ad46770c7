// Stops a child spawned with `detached: true` together with its whole process
// group: SIGTERM first, SIGKILL once it has exited or after 5 s.

/** Resolves once the child and its group are gone (at once when it has already exited). */
export function killProcessGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const hard = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      done();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(hard);
      // Children that outlive the leader (e.g. code-server's extension host) share its group.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* none left */
      }
      done();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(hard);
      done();
    }
  });
}
