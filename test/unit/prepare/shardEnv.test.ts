import assert from 'node:assert/strict';
import type { ShardEnv } from '../../../src/engine/prepare/shardEnv';
import { resolveShard, shardFromEnv } from '../../../src/engine/prepare/shardEnv';
import { parseShardSetting } from '../../../src/engine/prepare/shard';

function shard(env: ShardEnv): { index: number; total: number; source: string } {
  const r = shardFromEnv(env);
  assert.ok(r.ok, r.ok ? '' : r.problem);
  return r.shard;
}

function problem(env: ShardEnv): string {
  const r = shardFromEnv(env);
  assert.ok(!r.ok, `expected a problem, got shard ${JSON.stringify(r.ok && r.shard)}`);
  return r.problem;
}

describe('shard from the CI environment (shard: auto)', () => {
  it('reads each CI system, converting 0-based indexes to the 1-based shard of --shard i/n', () => {
    assert.deepEqual(shard({ AIQK_SHARD_INDEX: '2', AIQK_SHARD_TOTAL: '4' }), {
      index: 2,
      total: 4,
      source: 'AIQK_SHARD_INDEX/AIQK_SHARD_TOTAL (AIQK_SHARD_INDEX=2, AIQK_SHARD_TOTAL=4)',
    });
    assert.deepEqual(shard({ CI_NODE_INDEX: '4', CI_NODE_TOTAL: '4' }), {
      index: 4,
      total: 4,
      source: 'GitLab CI (CI_NODE_INDEX=4, CI_NODE_TOTAL=4)',
    });
    assert.deepEqual(shard({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '3' }), {
      index: 1,
      total: 3,
      source: 'CircleCI (CIRCLE_NODE_INDEX=0, CIRCLE_NODE_TOTAL=3)',
    });
    assert.deepEqual(shard({ BUILDKITE_PARALLEL_JOB: '2', BUILDKITE_PARALLEL_JOB_COUNT: '3' }), {
      index: 3,
      total: 3,
      source: 'Buildkite (BUILDKITE_PARALLEL_JOB=2, BUILDKITE_PARALLEL_JOB_COUNT=3)',
    });
    assert.deepEqual(shard({ JOB_COMPLETION_INDEX: '0', AIQK_SHARD_TOTAL: '5' }), {
      index: 1,
      total: 5,
      source: 'Kubernetes Indexed Job (JOB_COMPLETION_INDEX=0, AIQK_SHARD_TOTAL=5)',
    });
  });

  it('prefers AIQK_SHARD_INDEX over the CI system, and accepts padding spaces', () => {
    assert.equal(shard({ AIQK_SHARD_INDEX: ' 1 ', AIQK_SHARD_TOTAL: '2 ', CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' }).index, 1);
    assert.match(
      shard({ JOB_COMPLETION_INDEX: '1', AIQK_SHARD_TOTAL: '2', CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '2' }).source,
      /^Kubernetes/,
    );
  });

  it('takes a GitLab job without parallel: (CI_NODE_TOTAL=1 alone) as the whole run', () => {
    const s = shard({ CI_NODE_TOTAL: '1', GITLAB_CI: 'true' });
    assert.deepEqual([s.index, s.total], [1, 1]);
    assert.match(s.source, /a job without parallel:/);
  });

  it('says which variables it looked for when no CI system sets any', () => {
    for (const env of [{}, { CI_NODE_INDEX: '', PATH: '/bin' }]) {
      const p = problem(env);
      for (const name of [
        'AIQK_SHARD_INDEX',
        'AIQK_SHARD_TOTAL',
        'CI_NODE_INDEX',
        'CI_NODE_TOTAL',
        'CIRCLE_NODE_INDEX',
        'CIRCLE_NODE_TOTAL',
        'BUILDKITE_PARALLEL_JOB',
        'BUILDKITE_PARALLEL_JOB_COUNT',
        'JOB_COMPLETION_INDEX',
      ])
        assert.ok(p.includes(name), `${name} missing from: ${p}`);
      assert.match(p, /^shard auto: no CI system's shard variables are set/);
    }
  });

  it('names the missing half of a pair', () => {
    assert.equal(
      problem({ JOB_COMPLETION_INDEX: '3' }),
      'shard auto (Kubernetes Indexed Job): JOB_COMPLETION_INDEX is 3 but AIQK_SHARD_TOTAL is not set: set it to the number of shards',
    );
    assert.equal(
      problem({ AIQK_SHARD_INDEX: '1' }),
      'shard auto (AIQK_SHARD_INDEX/AIQK_SHARD_TOTAL): AIQK_SHARD_INDEX is 1 but AIQK_SHARD_TOTAL is not set: set it to the number of shards',
    );
    assert.equal(problem({ CI_NODE_TOTAL: '3' }), 'shard auto (GitLab CI): CI_NODE_TOTAL is 3 but CI_NODE_INDEX is not set');
    assert.equal(problem({ CIRCLE_NODE_INDEX: '1' }), 'shard auto (CircleCI): CIRCLE_NODE_INDEX is 1 but CIRCLE_NODE_TOTAL is not set');
    assert.equal(
      problem({ BUILDKITE_PARALLEL_JOB_COUNT: '2' }),
      'shard auto (Buildkite): BUILDKITE_PARALLEL_JOB_COUNT is 2 but BUILDKITE_PARALLEL_JOB is not set',
    );
    assert.match(
      problem({ AIQK_SHARD_TOTAL: '4' }),
      /AIQK_SHARD_TOTAL is 4 but neither AIQK_SHARD_INDEX \(1-based\) nor JOB_COMPLETION_INDEX/,
    );
  });

  it('rejects counts that are not whole numbers ≥ 1', () => {
    for (const total of ['0', '-2', '2.5', 'four', '1e3']) {
      assert.equal(
        problem({ CI_NODE_INDEX: '1', CI_NODE_TOTAL: total }),
        `shard auto (GitLab CI): CI_NODE_TOTAL must be a whole number of shards ≥ 1 (got '${total}')`,
      );
    }
    assert.match(
      problem({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '0' }),
      /CIRCLE_NODE_TOTAL must be a whole number of shards ≥ 1 \(got '0'\)/,
    );
  });

  it('rejects indexes out of range for the system, saying its base', () => {
    assert.equal(
      problem({ CI_NODE_INDEX: '0', CI_NODE_TOTAL: '4' }),
      "shard auto (GitLab CI): CI_NODE_INDEX must be a whole number from 1 to 4 (1-based, CI_NODE_TOTAL=4); got '0'",
    );
    assert.equal(
      problem({ CIRCLE_NODE_INDEX: '4', CIRCLE_NODE_TOTAL: '4' }),
      "shard auto (CircleCI): CIRCLE_NODE_INDEX must be a whole number from 0 to 3 (0-based, CIRCLE_NODE_TOTAL=4); got '4'",
    );
    assert.match(problem({ BUILDKITE_PARALLEL_JOB: '-1', BUILDKITE_PARALLEL_JOB_COUNT: '2' }), /from 0 to 1 \(0-based.*got '-1'/);
    assert.match(problem({ JOB_COMPLETION_INDEX: '5', AIQK_SHARD_TOTAL: '5' }), /JOB_COMPLETION_INDEX must be a whole number from 0 to 4/);
    assert.match(
      problem({ AIQK_SHARD_INDEX: '1.0', AIQK_SHARD_TOTAL: '2' }),
      /AIQK_SHARD_INDEX must be a whole number from 1 to 2 \(1-based.*got '1.0'/,
    );
    assert.match(problem({ AIQK_SHARD_INDEX: 'x', AIQK_SHARD_TOTAL: '2' }), /got 'x'/);
  });

  it('resolves a setting: auto from the environment, i/n as given and checked', () => {
    assert.equal(parseShardSetting('auto'), 'auto');
    assert.equal(parseShardSetting(' AUTO '), 'auto');
    assert.deepEqual(parseShardSetting('2/3'), { index: 2, total: 3 });
    assert.throws(() => parseShardSetting('automatic'), /i\/n, e\.g\. 1\/4, or be auto/);
    assert.deepEqual(resolveShard({ index: 2, total: 3 }, { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' }), { shard: { index: 2, total: 3 } });
    assert.deepEqual(resolveShard({ index: 4, total: 3 }, {}), { problem: 'shard index must be a whole number from 1 to 3 (got 4)' });
    assert.deepEqual(resolveShard('auto', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' }), {
      shard: { index: 1, total: 3, source: 'GitLab CI (CI_NODE_INDEX=1, CI_NODE_TOTAL=3)' },
    });
    assert.match((resolveShard('auto', {}) as { problem: string }).problem, /no CI system/);
  });
});
