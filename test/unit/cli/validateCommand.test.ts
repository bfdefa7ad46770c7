import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { spawnCli } from './runCliHelpers';

const FIXTURES = path.resolve('test/fixtures/profiles');
const run = async (args: string[], cwd = FIXTURES) => (await spawnCli(args, cwd)).done;

describe('aiqk validate and aiqk requirements (CLI)', function () {
  this.timeout(60000);

  it('prints every problem as file:line:col: severity: message [code] and exits 1 on errors', async () => {
    const r = await run(['validate', 'mixed']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('mixed/aiqk.yaml:8:13: error: data.passages: file not found: data/missing.jsonl [data-not-found]'), r.stdout);
    assert.ok(
      // The file has usable records: `aiqk run` skips the broken line and goes ahead, so it is a warning here too.
      lines.some((l) => /^mixed\/data\/qaset\.jsonl:2:\d+: warning: .* \[json-syntax\]$/.test(l)),
      'dataset problems at their line, as the run counts them',
    );
    assert.match(lines[lines.length - 1], /^2 run profile\(s\) checked: \d+ error\(s\), \d+ warning\(s\), \d+ note\(s\)$/);
  });

  it('exits 0 on a clean profile and 2 when nothing is found', async () => {
    const ok = await run(['validate', path.join('mixed', 'sub', 'ok.aiqk.yaml')]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const none = await run(['validate', 'no-such-folder']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no such file or folder: no-such-folder/);
  });

  it('--quiet prints errors only', async () => {
    const r = await run(['validate', '--quiet', 'mixed']);
    assert.ok(!/: warning: /.test(r.stdout));
    assert.match(r.stdout, /: error: /);
  });

  it('prints the requirements matrix and exits 1 when the run would be refused', async () => {
    const demo = await run(['requirements', path.resolve('examples/demo/aiqk.yaml')]);
    assert.equal(demo.code, 0);
    assert.match(demo.stdout, /^rag_quality\s+passages\s+required\s+✓ provided/m);
    assert.match(demo.stdout, /^red_team\s+attacks\s+required\s+○ using defaults/m);
    assert.match(demo.stdout, /Nothing blocks the run\./);
    const blocked = await run(['requirements', path.resolve('test/fixtures/workspaces/diagnostics/blocked.aiqk.yaml')]);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stdout, /^rag_quality\s+passages\s+required\s+✗ missing \(blocks\)/m);
    // Its attacks file does not exist: not provided, and the error that refuses the run is named.
    assert.match(
      blocked.stdout,
      /^red_team\s+attacks\s+required\s+✗ missing \(blocks\)\s+red_team needs attacks: data\.attacks \(data\/attacks\.txt\) cannot be read$/m,
    );
    assert.match(blocked.stdout, /blocked\.aiqk\.yaml:9:12: error: data\.attacks: file not found: data\/attacks\.txt \[data-not-found\]/);
    assert.match(
      blocked.stdout,
      /blocked\.aiqk\.yaml:5:5: error: rag_quality needs passages: add data\.passages or set use_defaults: true \[missing-data\]/,
    );
    assert.match(blocked.stdout, /cannot run: fix the 2 errors above\n$/);
  });

  it('aiqk requirements shows only the data kinds the chosen suites use; --all the full matrix', async () => {
    const demo = await run(['requirements', path.resolve('examples/demo/aiqk.yaml')]);
    assert.equal(demo.code, 0);
    assert.doesNotMatch(demo.stdout, /not used/);
    assert.match(demo.stdout, /^resilience uses no data\.$/m);
    const rows = (out: string) => out.split('\n').filter((l) => /^[a-z_]+\s+[a-z_]+\s+(required|optional|not used)\s/.test(l));
    assert.equal(rows(demo.stdout).length, 12);
    const all = await run(['requirements', '--all', path.resolve('examples/demo/aiqk.yaml')]);
    assert.equal(all.code, 0);
    assert.equal(rows(all.stdout).length, 48, 'eight suites by six data kinds');
    assert.match(all.stdout, /^resilience\s+passages\s+not used\s+— not used/m);
    const one = await run(['requirements', '--suites', 'red_team', path.resolve('examples/demo/aiqk.yaml')]);
    assert.deepEqual(
      rows(one.stdout).map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
      ['red_team attacks'],
    );
  });
});
