import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createSuiteData } from '../../../src/engine/run/suiteData';
import type { Workspace } from './runFixtures';
import { makeWorkspace } from './runFixtures';

describe('run data (SuiteData)', () => {
  let ws: Workspace;
  before(async () => {
    ws = await makeWorkspace(3);
  });
  after(async () => {
    await ws.remove();
  });

  it('loads each kind once, uses the good records of a broken file and logs its problems as a warning', async () => {
    await writeFile(
      path.join(ws.dir, 'broken.jsonl'),
      [
        JSON.stringify({ qid: 'a', question: 'Q a?', expected_answer: 'A' }),
        '{not json',
        JSON.stringify({ qid: 'b', question: '', expected_answer: 'B' }),
        JSON.stringify({ qid: 'c', question: 'Q c?', expected_answer: 'C' }),
      ].join('\n'),
    );
    const profile = await ws.profile({
      version: 1,
      target: { mode: 'builtin' },
      suites: ['regression'],
      data: { qaset: 'broken.jsonl', bias_groups: 'women|men' },
      use_defaults: false,
    });
    const logs: { level: string; message: string }[] = [];
    const data = createSuiteData(profile, (level, message) => logs.push({ level, message }), new AbortController().signal);
    const [one, two] = await Promise.all([data.get('qaset'), data.get('qaset')]);
    assert.equal(one, two, 'the same records, loaded once');
    assert.deepEqual(
      one.map((q) => q.qid),
      ['a', 'c'],
    );
    const warn = logs.filter((l) => l.level === 'warn');
    assert.equal(warn.length, 1, JSON.stringify(logs));
    assert.match(warn[0]?.message ?? '', /^qaset: 2 records from broken\.jsonl \(2 broken lines skipped, \d+ problems?; first: line 2: /);
    assert.deepEqual(await data.get('bias_groups'), [{ a: 'women', b: 'men' }]);
    assert.equal(data.isProvided('bias_groups'), true);
    assert.deepEqual(await data.get('passages'), [], 'nothing when not given and defaults are off');
    assert.equal(data.isProvided('passages'), false);
  });

  it('falls back to the built-in datasets when defaults are allowed', async () => {
    const profile = await ws.profile(
      { version: 1, target: { mode: 'builtin' }, suites: ['red_team'], use_defaults: true },
      'defaults.aiqk.yaml',
    );
    const logs: string[] = [];
    const data = createSuiteData(profile, (_l, m) => logs.push(m), new AbortController().signal);
    const attacks = await data.get('attacks');
    assert.ok(attacks.length > 0);
    assert.equal(data.isProvided('attacks'), false);
    assert.ok(
      logs.some((m) => /^attacks: \d+ records from the built-in attacks$/.test(m)),
      logs.join('\n'),
    );
  });
});
