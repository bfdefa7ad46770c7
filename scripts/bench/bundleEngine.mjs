// Bundles the engine modules a bench needs (TypeScript sources, as the extension and the CLI
// are built) into one CommonJS file under bench-data/, and loads it.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Builds `bench-data/<name>.cjs` from `exports` (exported name → source path under the
 * repository, without extension) and returns the bundle's path.
 */
export async function buildEngineBundle(name, exports) {
  const outfile = join(root, 'bench-data', `${name}.cjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({
    stdin: {
      contents: Object.entries(exports)
        .map(([symbol, source]) => `export { ${symbol} } from './${source}';`)
        .join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Builds the bundle (see buildEngineBundle) and loads it. */
export async function loadEngineBundle(name, exports) {
  return createRequire(import.meta.url)(await buildEngineBundle(name, exports));
}
