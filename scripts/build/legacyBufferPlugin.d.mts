import type { Plugin } from 'esbuild';

/** Rewrites `new Buffer(x, ...)` in node_modules JavaScript to its non-deprecated equivalent. */
export declare const legacyBufferPlugin: Plugin;
