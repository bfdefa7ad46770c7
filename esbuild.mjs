// Builds every bundle: the extension host code, the CLI, the webviews and the
// integration tests that run inside VS Code. `--production` minifies, `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { legacyBufferPlugin } from './scripts/build/legacyBufferPlugin.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'node20',
};

/** Every webview app is a folder under webview/ with a main.ts. */
function webviewEntries() {
  if (!existsSync('webview')) return [];
  return readdirSync('webview', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
    .map((d) => ({ in: join('webview', d.name, 'main.ts'), out: d.name }));
}

function integrationEntries() {
  if (!existsSync('test/integration')) return [];
  return readdirSync('test/integration')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ in: join('test/integration', f), out: f.replace(/\.ts$/, '') }));
}

const builds = [
  {
    ...common,
    platform: 'node',
    format: 'cjs',
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [legacyBufferPlugin],
  },
  {
    ...common,
    platform: 'node',
    format: 'cjs',
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [legacyBufferPlugin],
  },
];
const webviews = webviewEntries();
if (webviews.length) {
  builds.push({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: webviews,
    outdir: 'dist/webview',
    loader: { '.css': 'text' },
  });
}
const integration = integrationEntries();
if (integration.length && !production) {
  builds.push({
    ...common,
    platform: 'node',
    format: 'cjs',
    entryPoints: integration,
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
    plugins: [legacyBufferPlugin],
  });
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
