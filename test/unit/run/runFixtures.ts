// Workspaces for run tests: a temp folder with datasets and a profile aimed at a local server.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { RunProfile } from '../../../src/engine/model/profileTypes';
import type { ResolvedProfile } from '../../../src/engine/config/resolve';
import { resolveProfile } from '../../../src/engine/config/resolve';

/** A temp folder with a qaset of `questions` items and matching passages. */
export interface Workspace {
  dir: string;
  /** Resolves a profile written to `<dir>/<name>` (written as YAML so the CLI can load it too). */
  profile(raw: RunProfile, name?: string): Promise<ResolvedProfile>;
  remove(): Promise<void>;
}

/** Creates a workspace whose qaset has `questions` items (qid q1…qN). */
export async function makeWorkspace(questions = 6): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aiqk-run-'));
  const qa = Array.from({ length: questions }, (_, i) =>
    JSON.stringify({ qid: `q${i + 1}`, question: `What is fact number ${i + 1}?`, expected_answer: `Fact ${i + 1} is a short answer.` }),
  );
  const passages = Array.from({ length: questions }, (_, i) =>
    JSON.stringify({ id: `p${i + 1}`, text: `Fact ${i + 1} is a short answer.` }),
  );
  await writeFile(path.join(dir, 'qaset.jsonl'), `${qa.join('\n')}\n`);
  await writeFile(path.join(dir, 'passages.jsonl'), `${passages.join('\n')}\n`);
  return {
    dir,
    async profile(raw, name = 'aiqk.yaml') {
      const file = path.join(dir, name);
      await writeFile(file, stringify(raw));
      return resolveProfile(raw, file);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A profile for the api target at `url`, running `suites` over the workspace's data. */
export function apiProfile(url: string, suites: RunProfile['suites'], extra: Partial<RunProfile> = {}): RunProfile {
  return {
    version: 1,
    target: { mode: 'api', base_url: url, protocol: 'aiqk', timeout_ms: 5000, retries: 0 },
    suites,
    data: { qaset: 'qaset.jsonl', passages: 'passages.jsonl' },
    use_defaults: false,
    volumes: { qa_sample_size: 100, perf_repeats: 1, concurrency: 4 },
    report: { dir: 'reports', formats: ['json'], anonymize: false },
    ...extra,
  };
}
