import { extname } from 'node:path';
import { parseAttacksYaml } from './attacksYaml';
import { DuplicateAttacks } from '../problems/duplicateAttacks';
import { isBlank } from '../problems/fieldNames';
import { readSmallText, reportFileError } from './fileAccess';
import { readLines } from './lineReader';
import { DATA_PROBLEM_CODES as C } from '../problems/problemCodes';
import { ProblemSink } from '../problems/problemSink';
import { lineSpan } from '../problems/textPosition';
import type { Attack, DataReadOptions, LoadedDataset } from '../../model/dataTypes';

/** The attack categories of the built-in set; files may use others. */
export const ATTACK_CATEGORIES = [
  'prompt_injection',
  'jailbreak_persona',
  'system_prompt_extraction',
  'data_exfiltration',
  'harmful_instructions',
] as const;

/** True when an attacks path is read as YAML rather than as one prompt per line. */
export function isYamlAttacksFile(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}

// `[category] prompt`: only a snake_case word counts as a category, so prompts that
// themselves start with `[SYSTEM]` or `[INST]` stay whole.
const CATEGORY_LINE = /^\[([a-z][a-z0-9_]*)\]\s*/;

/**
 * Loads attack prompts: YAML (`.yaml`/`.yml`: a list, or `{attacks: [...]}`, items
 * strings or `{prompt, category?}`) or text, one prompt a line, `#` comments and
 * blank lines skipped, an optional `[category]` prefix. Duplicates are dropped with a warning.
 */
export async function loadAttacks(file: string, opts: DataReadOptions = {}): Promise<LoadedDataset<Attack>> {
  const sink = new ProblemSink(file, opts.maxProblems);
  if (isYamlAttacksFile(file)) {
    const text = await readSmallText(file, sink, opts);
    if (text === undefined) return { kind: 'attacks', file, records: [], brokenLines: 0, problems: sink.finish(0) };
    return parseAttacksYaml(text, file, sink);
  }
  const records: Attack[] = [];
  const seen = new DuplicateAttacks(file, sink);
  let broken = 0;
  let readable = true;
  try {
    await readLines(
      file,
      (text, line) => {
        const trimmed = text.trim();
        if (trimmed === '' || trimmed.startsWith('#')) return;
        const lead = text.length - text.trimStart().length;
        const m = CATEGORY_LINE.exec(trimmed);
        const prompt = m ? trimmed.slice(m[0].length) : trimmed;
        if (isBlank(prompt)) {
          broken++;
          sink.add('error', C.emptyText, line, () => ({
            range: lineSpan(line, lead, lead + trimmed.length),
            message: `the line has a category [${m?.[1] ?? ''}] but no prompt`,
          }));
          return;
        }
        const range = lineSpan(line, lead + (m ? m[0].length : 0), lead + trimmed.length);
        if (seen.isDuplicate(prompt, line, range, text)) return;
        records.push(m ? { prompt, category: m[1], line } : { prompt, line });
      },
      {
        signal: opts.signal,
        onProgress: opts.onProgress,
        contents: opts.contents,
        onTooLong: (line) => {
          broken++;
          sink.addAtLine('error', C.lineTooLong, line, 'line is too long to be a prompt (over 16 MiB); skipped');
        },
      },
    );
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    reportFileError(err, sink);
    readable = false;
  }
  if (readable && records.length === 0 && broken === 0) {
    sink.addAtLine(
      'error',
      C.emptyDataset,
      1,
      'no attack prompts: write one prompt per line (optionally "[category] prompt"); # starts a comment',
    );
  }
  return { kind: 'attacks', file, records, brokenLines: broken, problems: sink.finish(broken) };
}
