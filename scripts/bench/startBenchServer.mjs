// Starts the zero-latency bench target (engineBenchServer.mjs) in its own process and
// resolves with it and its address once it says which port it listens on.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string }>} */
export function startBenchServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'engineBenchServer.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (line) => {
      const m = /port (\d+)/.exec(line);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
      else reject(new Error(`bench server said: ${line}`));
    });
    child.once('error', reject);
  });
}
