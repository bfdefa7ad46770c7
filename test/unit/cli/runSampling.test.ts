import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli } from './runCliHelpers';

const demo = path.resolve(__dirname, '..', '..', '..', 'examples', 'demo');
const SUITES = ['rag_quality', 'regression', 'red_team'];

/** The demo profile in a temp folder, changed by `edit` (its data folder copied along). */
async function demoCopy(edit: (raw: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aiqk-sampling-'));
  await cp(path.join(demo, 'data'), path.join(dir, 'data'), { recursive: true });
  const raw = parse(await readFile(path.join(demo, 'aiqk.yaml'), 'utf8')) as Record<string, unknown>;
  const report = { dir: 'reports', formats: ['json'] };
  await writeFile(path.join(dir, 'aiqk.yaml'), stringify(edit({ ...raw, suites: SUITES, report })));
  return dir;
}

describe('aiqk run says when a preset samples the data', function () {
  this.timeout(60000);
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('with the built-in qaset and no profile: the smoke preset asks 2 questions and tries 1 mutator, and says so', async () => {
    const dir = await demoCopy(({ profile: _p, volumes: _v, data, ...raw }) => {
      const { qaset: _q, ...rest } = data as Record<string, unknown>;
      return { ...raw, data: rest };
    });
    dirs.push(dir);
    const r = await runCli(['run', 'aiqk.yaml'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const fix = 'set profile: full or volumes.qa_sample_size';
    assert.ok(r.stdout.includes(`Sampling:\n  rag_quality: asked 2 of 37 questions (profile: smoke); ${fix}\n`), r.stdout);
    assert.ok(r.stdout.includes(`  regression: asked 2 of 37 questions (profile: smoke); ${fix}\n`), r.stdout);
    assert.match(
      r.stdout,
      /^ {2}red_team: tried 1 of \d+ mutators on each attack \(profile: smoke\); set profile: red_team_heavy or volumes\.attack_mutators$/m,
    );
  });

  it("with the demo's own qaset and qa_sample_size: names the volume to raise", async () => {
    const dir = await demoCopy((raw) => ({ ...raw, volumes: { qa_sample_size: 10, attack_mutators: 2 } }));
    dirs.push(dir);
    const r = await runCli(['run', 'aiqk.yaml'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.ok(
      r.stdout.includes('  rag_quality: asked 10 of 37 questions (volumes.qa_sample_size: 10); raise volumes.qa_sample_size\n'),
      r.stdout,
    );
    assert.match(
      r.stdout,
      /^ {2}red_team: tried 2 of \d+ mutators on each attack \(volumes\.attack_mutators: 2\); raise volumes\.attack_mutators$/m,
    );
  });

  it('says nothing when every question is asked and the mutators are named', async () => {
    const dir = await demoCopy((raw) => ({
      ...raw,
      volumes: { qa_sample_size: 100 },
      suite_options: { red_team: { mutators: ['direct'] } },
    }));
    dirs.push(dir);
    const r = await runCli(['run', 'aiqk.yaml'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.doesNotMatch(r.stdout, /Sampling:/);
  });
});
