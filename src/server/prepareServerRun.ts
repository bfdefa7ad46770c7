import * as path from 'node:path';
import type { PreparedRun } from '../engine/prepare/preparedRun';
import { prepareRun } from '../engine/prepare/prepareRun';
import type { ApiProblem } from './apiProblem';
import { hidePaths, toApiProblem } from './apiProblem';
import { keyPathAt } from './keyAtPosition';
import { profileText, serverProfile } from './profileRequest';
import type { TestdataStore } from './testdataStore';

/** A profile sent to the server, prepared for a run, or the located problems that refuse it. */
export type ServerPrepareOutcome =
  { ok: true; run: PreparedRun; warnings: ApiProblem[] } | { ok: false; message: string; problems: ApiProblem[] };

/**
 * Prepares a profile sent by a client with the engine's one run preparation (the
 * same checks and messages as `aiqk run`): the profile is read as if it lay in the
 * testdata folder, so `testdata:<id>` references are its neighbours and any other
 * file is refused; reports go to the server's folder in every format. The profile
 * name (the start request's profile_name) names that file, so regression compares
 * with the newest finished run of the same name.
 */
export async function prepareServerRun(
  profile: unknown,
  store: TestdataStore,
  reportsDir: string,
  profileName = 'profile',
): Promise<ServerPrepareOutcome> {
  const mapped = serverProfile(profileText(profile), store);
  if (!mapped.ok) return { ok: false, message: 'the profile names what a server does not take', problems: mapped.problems };
  // One file name per profile name: regression's baseline is the newest finished run of the same name.
  const file = path.join(store.dir, `${profileName}.aiqk.yaml`);
  const names: Record<string, string> = { [file]: 'profile' };
  for (const [stored, ref] of Object.entries(mapped.testdata)) names[path.join(store.dir, stored)] = ref;
  const outcome = await prepareRun(file, {
    text: mapped.text,
    workspaceRoot: store.dir,
    outsideWorkspace: 'error',
    report: { outDir: reportsDir, formats: ['json', 'xlsx', 'junit'] },
  });
  if (!outcome.ok) {
    const keyAt = keyPathAt(mapped.text);
    const problems = outcome.refusal.problems.map((p) => {
      const api = toApiProblem(p, names);
      const key = p.file === file ? keyAt(p.range.start.line, p.range.start.column) : undefined;
      return key ? { ...api, key } : api;
    });
    if (problems.length === 0)
      for (const reason of outcome.refusal.reasons)
        problems.push({ path: 'profile', severity: 'error', code: outcome.refusal.kind, message: hidePaths(reason, names) });
    const message = outcome.refusal.message
      .replace(path.basename(file), 'the profile')
      .replace(' (see the Problems panel)', ' (see problems)');
    return { ok: false, message: hidePaths(message, names), problems };
  }
  return { ok: true, run: outcome.run, warnings: outcome.run.problems.map((p) => toApiProblem(p, names)) };
}
