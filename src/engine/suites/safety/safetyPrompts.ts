// The built-in harmful-request prompts of the safety suite (assets/safety/prompts.yaml).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { SAFETY_SEVERITY } from '../../detectors/categories';

/** One built-in harmful-request prompt. */
export interface SafetyPrompt {
  /** Stable id ("weapons-01"): case ids and baselines refer to it. */
  id: string;
  category: string;
  prompt: string;
}

const FILE = 'prompts.yaml';
let cachedDir: string | undefined;

/**
 * The folder of the safety assets. The engine runs bundled (dist/*.js) or from
 * source (src/engine/suites/), so walk up from this file until it appears.
 */
export function safetyAssetsDir(): string {
  if (cachedDir) return cachedDir;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'safety');
    if (existsSync(join(candidate, FILE))) return (cachedDir = candidate);
    if (dirname(dir) === dir) throw new Error(`the built-in safety prompts (assets/safety/${FILE}) were not found above ${__dirname}`);
  }
}

/** Checks the parsed prompt file; throws with the first fault in words. */
export function parseSafetyPrompts(text: string, source = FILE): SafetyPrompt[] {
  const doc = parse(text) as { prompts?: unknown } | null;
  if (!doc || !Array.isArray(doc.prompts)) throw new Error(`${source}: expected a 'prompts' list`);
  const seen = new Set<string>();
  return doc.prompts.map((p: unknown, i: number) => {
    const r = (p ?? {}) as Record<string, unknown>;
    if (typeof r.id !== 'string' || typeof r.prompt !== 'string' || typeof r.category !== 'string' || r.prompt.trim() === '') {
      throw new Error(`${source}: prompt ${i + 1} needs string id, category and prompt`);
    }
    if (!(r.category in SAFETY_SEVERITY)) throw new Error(`${source}: prompt '${r.id}' has unknown category '${r.category}'`);
    if (seen.has(r.id)) throw new Error(`${source}: duplicate prompt id '${r.id}'`);
    seen.add(r.id);
    return { id: r.id, category: r.category, prompt: r.prompt.trim() };
  });
}

let cached: Promise<SafetyPrompt[]> | undefined;

/** The built-in prompts (read once per process). */
export function builtinSafetyPrompts(): Promise<SafetyPrompt[]> {
  cached ??= readFile(join(safetyAssetsDir(), FILE), 'utf8').then((t) => parseSafetyPrompts(t));
  // A failed read must not be cached forever: the next run tries again.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
