import type { RunResult } from '../model/runTypes';
import type { RunStoryOptions } from './runStory';
import { runStory } from './runStory';

/** How much of the story to tell. */
export interface StoryOptions extends RunStoryOptions {
  /** Also the suites' informational notes. */
  verbose: boolean;
  /** How many distinct per-case errors to show per suite. Default 3. */
  maxErrors?: number;
}

/**
 * The lines printed under the summary table (by `aiqk run` and the extension's run terminal): why each suite that did not pass
 * cleanly did not, its first distinct per-case errors with their counts, the
 * line saying why an inconclusive run cannot pass, the sampling, and (verbose) the suites' notes. Empty for a clean run without notes.
 */
export function formatRunStory(result: RunResult, options: StoryOptions): string[] {
  const story = runStory(result, options);
  const maxErrors = options.maxErrors ?? 3;
  const lines: string[] = [];
  for (const s of story.suites) {
    lines.push(...s.why.map((w) => `  ${w}`));
    // One error that the first line already quotes needs no list.
    const quoted = s.errors.length === 1 && s.why.some((w) => w.endsWith(`: ${s.errors[0]?.message}`));
    if (quoted) continue;
    for (const e of s.errors.slice(0, maxErrors)) lines.push(`      ${e.count}× ${e.message}`);
    const more = s.errors.length - maxErrors;
    if (more > 0) lines.push(`      … and ${more} more distinct ${more === 1 ? 'error' : 'errors'} (see the report)`);
  }
  if (lines.length > 0) lines.unshift('Why:');
  if (story.inconclusive) lines.push(story.inconclusive);
  if (story.sampling.length > 0) lines.push('Sampling:', ...story.sampling.map((l) => `  ${l}`));
  if (options.verbose && story.notes.length > 0) lines.push('Notes:', ...story.notes.map((n) => `  ${n.suite}: ${n.note}`));
  return lines;
}
