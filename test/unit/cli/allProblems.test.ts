import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ALL_PROBLEMS } from '../../integration/shared/allProblems';
import { spawnCli } from './runCliHelpers';

// A folder with a dozen distinct problems across its profile and five datasets,
// the profile itself not schema-valid: one `aiqk validate` run locates them all.
const FOLDER = path.resolve('test/fixtures/workspaces/allProblems');

describe('aiqk validate on a broken folder: every problem in one pass', function () {
  this.timeout(60000);

  it('locates every problem of a schema-invalid profile and its five datasets, with notes for what could not be checked', async () => {
    const r = await (await spawnCli(['validate', '.'], FOLDER)).done;
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    for (const p of ALL_PROBLEMS) {
      const prefix = `${p.file}:${p.line}:${p.column}: ${p.severity}: `;
      assert.ok(
        lines.some((l) => l.startsWith(prefix) && l.endsWith(`[${p.code}]`)),
        `expected ${prefix}… [${p.code}]\ngot:\n${r.stdout}`,
      );
    }
    assert.ok(
      lines.includes(
        "aiqk.yaml:6:10: information: The data this suite needs was not checked: 'rag-quality' is not a suite name yet. [not-checked]",
      ),
      r.stdout,
    );
    assert.match(lines[lines.length - 1] ?? '', /^1 run profile\(s\) checked: 7 error\(s\), 10 warning\(s\), 2 note\(s\)$/);
  });

  it('aiqk run refuses the profile listing the same errors, the datasets included', async () => {
    const r = await (await spawnCli(['run', 'aiqk.yaml'], FOLDER)).done;
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /aiqk\.yaml cannot run: fix the 6 errors above/);
    assert.match(r.stderr, /data\.schema: data\/schema\.json has no usable records/);
  });
});
