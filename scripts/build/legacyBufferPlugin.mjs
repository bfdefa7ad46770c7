// An esbuild plugin for the node bundles: dependencies that still call the
// deprecated `new Buffer(...)` (exceljs's archiver-utils) get Buffer.alloc /
// Buffer.from instead. Bundled, their code no longer sits under node_modules, so
// Node would print DEP0005 in the user's extension host for a library we chose.
import { readFile } from 'node:fs/promises';

const LEGACY = /\bnew Buffer\(/g;
const HELPER = 'function __aiqkBuffer(a, b, c) { return typeof a === "number" ? Buffer.alloc(a) : Buffer.from(a, b, c); }\n';

/** Rewrites `new Buffer(x, ...)` in node_modules JavaScript to its non-deprecated equivalent. */
export const legacyBufferPlugin = {
  name: 'legacy-buffer',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!LEGACY.test(source)) return undefined;
      LEGACY.lastIndex = 0;
      // The helper goes last (a function declaration is hoisted): first, it would end a
      // "use strict" prologue (jszip's nodejsUtils.js has one) and shift every line.
      return { contents: `${source.replace(LEGACY, '__aiqkBuffer(')}\n${HELPER}`, loader: 'js' };
    });
  },
};
