// Writing the profile the wizard built: the YAML (an edited file changed in
// place, keeping its comments and order), checked with the same parser the
// diagnostics use before anything touches the disk. Kept free of `vscode`.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseProfile } from '../../engine/config/loadProfile';
import { formatProblem } from '../../engine/model/problem';
import type { WizardAnswers } from '../../engine/wizard/answers';
import { buildProfile } from '../../engine/wizard/buildProfile';
import { ProfileYamlError, updateProfileYaml } from '../../engine/wizard/profileYaml';
import { yamlOf } from './wizardView';

/** What was written. */
export interface WrittenProfile {
  file: string;
  text: string;
  value: unknown;
  /** The file did not exist before. */
  created: boolean;
}

/** Whether a path exists. */
export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the profile to `file`. When `file` is the profile being edited, the
 * text on disk now (outside edits included) is updated in place; otherwise the
 * edited profile's text (if any) is the starting point. Rejects with a message
 * for a person when the YAML cannot be updated or the result would not be valid.
 */
export async function writeProfile(
  file: string,
  answers: WizardAnswers,
  edited: { file?: string; text?: string; value?: unknown },
): Promise<WrittenProfile> {
  const present = await exists(file);
  let text: string;
  if (present && file === edited.file) {
    const current = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const profile = buildProfile(answers, parseProfile(current, file).value);
    try {
      text = updateProfileYaml(current, profile);
    } catch (err) {
      if (err instanceof ProfileYamlError) throw new Error(`${path.basename(file)}: ${err.message}`, { cause: err });
      throw err;
    }
  } else {
    text = yamlOf(buildProfile(answers, edited.value), edited.text);
  }
  const parsed = parseProfile(text, file);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length)
    throw new Error(
      `the profile would not be valid, so nothing was written: ${errors
        .slice(0, 3)
        .map((p) => formatProblem(p, path.basename(file)))
        .join('; ')}`,
    );
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
  return { file, text, value: parsed.value, created: !present };
}
