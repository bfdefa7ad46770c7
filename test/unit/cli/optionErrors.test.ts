import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { parseOptions } from '../../../src/cli/parseOptions';
import { spawnCli } from './runCliHelpers';

const parse = (args: string[]) =>
  parseOptions({
    args,
    allowPositionals: true,
    strict: true,
    options: { suites: { type: 'string' }, quiet: { type: 'boolean' }, 'run-id': { type: 'string' } },
  });

describe('option errors in plain words', function () {
  this.timeout(60000);

  it('suggests the nearest option and names a missing value', () => {
    assert.throws(() => parse(['--suite', 'x']), { message: 'unknown option --suite; did you mean --suites?' });
    assert.throws(() => parse(['--runid', 'x']), { message: 'unknown option --runid; did you mean --run-id?' });
    assert.throws(() => parse(['--zzzzzzzz']), { message: 'unknown option --zzzzzzzz (see --help)' });
    assert.throws(() => parse(['--suites']), { message: '--suites needs a value: --suites <value>' });
    assert.throws(() => parse(['--quiet=yes']), { message: '--quiet takes no value' });
    assert.deepEqual(parse(['p.yaml', '--suites', 'a']).positionals, ['p.yaml']);
  });

  it('every command answers --suite with the suggestion, and a missing profile in plain words', async () => {
    const cwd = path.resolve('examples/demo');
    for (const command of ['validate', 'requirements', 'run']) {
      const r = await (await spawnCli([command, 'aiqk.yaml', '--suite', 'rag_quality'], cwd)).done;
      assert.equal(r.code, 2);
      assert.ok(r.stderr.startsWith(`aiqk ${command}: unknown option --suite; did you mean --suites?\n`), r.stderr);
    }
    const missing = await (await spawnCli(['run', 'nope.aiqk.yaml'], cwd)).done;
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /there is no run profile at nope\.aiqk\.yaml: check the path/);
    assert.doesNotMatch(missing.stderr, /ENOENT/);
  });
});
