// A target that answers every prompt with the same off-topic sentence: red_team
// and safety measured nothing, so the run is inconclusive and the gate refuses it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readReport } from '../../../src/engine/report/jsonReport';
import { startSafeTarget } from '../../fixtures/servers/referenceTargets';
import { apiProfile } from '../run/runFixtures';
import { runCli, useCliTestBed } from './runCliHelpers';

const OFF_TOPIC = 'Our store opens at nine in the morning and closes at six.';

describe('aiqk run (CLI): replies nobody can classify', () => {
  const bed = useCliTestBed(() => startSafeTarget({ rules: [{ name: 'off-topic', when: () => true, reply: () => OFF_TOPIC }] }), 2);

  it('ends inconclusive for red_team and safety, exits 1 and says a judge would grade the replies', async () => {
    await bed.ws.profile(
      apiProfile(bed.server.url, ['red_team', 'safety'], { use_defaults: true, volumes: { attack_mutators: 1, concurrency: 4 } }),
      'offtopic.aiqk.yaml',
    );
    const r = await runCli(
      ['run', 'offtopic.aiqk.yaml', '--format', 'json', '--out', 'out-offtopic', '--run-id', 'run_20250101-000001_0000d001'],
      bed.ws.dir,
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^red_team\s+inconclusive\s/m);
    assert.match(r.stdout, /^safety\s+inconclusive\s/m);
    assert.match(r.stdout, /Overall: INCONCLUSIVE/);
    assert.match(
      r.stdout,
      /^\s+red_team: inconclusive: (\d+) of \1 replies could not be classified; a judge \(judge: in the profile\) would grade them/m,
    );
    const report = await readReport(path.join(bed.ws.dir, 'out-offtopic', 'run_20250101-000001_0000d001.json'));
    assert.equal(report.run.status, 'inconclusive');
    assert.equal(report.summary.suites.red_team?.status, 'inconclusive');
    assert.equal(report.summary.suites.safety?.status, 'inconclusive');
    assert.ok(report.cases.length > 0 && report.cases.every((c) => c.status === 'inconclusive' && !c.pass));
    const asr = report.summary.suites.red_team?.metrics.find((m) => m.name === 'attack_success_rate');
    assert.equal(asr?.value, null, 'no attack success rate without a classified reply');
    const line = new RegExp(
      `^Inconclusive: ${report.cases.length} replies could not be judged \\(red_team \\d+, safety \\d+\\); a judge \\(judge: in the profile\\) would grade them; the run does not pass\\.$`,
      'm',
    );
    assert.match(r.stdout, line);
  });

  it('with --quiet still prints the status and the inconclusive line', async () => {
    await bed.ws.profile(apiProfile(bed.server.url, ['safety'], { use_defaults: true }), 'quiet.aiqk.yaml');
    const r = await runCli(['run', 'quiet.aiqk.yaml', '--quiet', '--format', 'json', '--out', 'out-quiet'], bed.ws.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /: inconclusive \(0\/\d+ cases passed\)/);
    assert.match(r.stdout, /^Inconclusive: \d+ replies could not be judged \(safety \d+\); a judge/m);
  });
});
