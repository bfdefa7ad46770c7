import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { validatePaths, validateProfileFile } from '../../../src/engine/prepare/validatePaths';

const DIR = path.resolve('test/fixtures/profiles/mixed');
const PROFILE = path.join(DIR, 'aiqk.yaml');
const line = (p: { range: { start: { line: number; column: number } } }) => `${p.range.start.line}:${p.range.start.column}`;

describe('profile checks beyond the schema', () => {
  it('finds every problem of data paths, datasets, requirements and target settings, each located', async () => {
    const { parsed, check } = await validateProfileFile(PROFILE);
    assert.deepEqual(parsed.problems, []);
    const got = check.problems.map((p) => `${line(p)} ${p.severity} ${p.code}: ${p.message}`).sort();
    const expect = [
      '4:3 warning ignored-setting: target.base_url is only used when mode is api; it is ignored in builtin mode',
      '7:10 warning dataset-problems: data.qaset: data/qaset.jsonl has 3 broken lines that will be skipped; 1 record loads.',
      '8:13 error data-not-found: data.passages: file not found: data/missing.jsonl',
      '9:12 error data-not-a-file: data.attacks: data is a folder; give the path of a file',
      "10:11 warning data-wrong-kind: data.schema: expected a .json file for schema, got '.jsonl'",
      '10:11 error dataset-problems: data.schema: data/qaset.jsonl has no usable records.',
      '11:29 error bad-bias-pair: "young" is not a pair',
    ];
    for (const e of expect)
      assert.ok(
        got.some((g) => g.startsWith(e)),
        `expected ${e}\n got:\n${got.join('\n')}`,
      );
  });

  it('checks the unsaved text of a dataset when there is one, and never caches it', async () => {
    const { parsed } = await validateProfileFile(PROFILE);
    const { checkProfile } = await import('../../../src/engine/config/checkProfile');
    const qaset = path.join(DIR, 'data', 'qaset.jsonl');
    const cache = new Map();
    const edited = '{"qid": "a", "question": "Q?", "expected_answer": "A"}\n{"qid": "b", "question": "R?", "expected_answer": 3}\n';
    const live = await checkProfile(parsed, { cache, contentsOf: (f) => (f === qaset ? edited : undefined) });
    const summary = live.problems.find((p) => p.code === 'dataset-problems' && p.message.startsWith('data.qaset'));
    assert.match(
      summary?.message ?? '',
      /has 1 broken line that will be skipped; 1 record loads\. First: line 2: "expected_answer" must be a string/,
    );
    const dataset = live.datasets.find((d) => d.kind === 'qaset');
    assert.deepEqual(
      dataset?.problems.map((p) => `${line(p)} ${p.code}`),
      ['2:51 wrong-type'],
    );
    assert.ok(![...cache.keys()].some((k: string) => k.startsWith('qaset')), 'unsaved text is not cached');
    const disk = await checkProfile(parsed, { cache });
    assert.match(
      disk.problems.find((p) => p.code === 'dataset-problems' && p.message.startsWith('data.qaset'))?.message ?? '',
      /has 3 broken lines/,
    );
  });

  it('locates a bad inline bias pair inside the quoted YAML value', async () => {
    const { check } = await validateProfileFile(PROFILE);
    const bias = check.problems.find((p) => p.code === 'bad-bias-pair')!;
    assert.equal(bias.range.start.line, 11);
    // The quote is at column 16, so 'female|male;young' starts at 17 and "young" at 29.
    assert.equal(bias.range.start.column, 29);
  });

  it('computes the requirements matrix: passages given (though missing on disk) is provided, a wrong kind still counts', async () => {
    const { check } = await validateProfileFile(PROFILE);
    const row = (s: string, k: string) => check.matrix.find((r) => r.suite === s && r.kind === k)!;
    assert.equal(row('rag_quality', 'qaset').status, 'provided');
    assert.equal(row('safety', 'schema').status, 'provided');
    assert.equal(row('bias_smoke', 'bias_groups').status, 'provided');
    assert.equal(
      check.matrix.some((r) => r.blocking),
      false,
    );
  });

  it('blocks and explains when required data is missing with defaults off, at the suite', async () => {
    const { parseProfile } = await import('../../../src/engine/config/loadProfile');
    const { checkProfile } = await import('../../../src/engine/config/checkProfile');
    const parsed = parseProfile('version: 1\ntarget: { mode: builtin }\nsuites:\n  - safety\n  - red_team\nuse_defaults: false\n', PROFILE);
    const { problems } = await checkProfile(parsed);
    const missing = problems.find((p) => p.code === 'missing-data')!;
    assert.equal(missing.message, 'red_team needs attacks: add data.attacks or set use_defaults: true');
    assert.equal(line(missing), '5:5');
    assert.deepEqual(missing.fix, { kind: 'setUseDefaults', dataKind: 'attacks' });
  });

  it('notes the use of defaults as information when defaults are on', async () => {
    const { parseProfile } = await import('../../../src/engine/config/loadProfile');
    const { checkProfile } = await import('../../../src/engine/config/checkProfile');
    const { problems } = await checkProfile(parseProfile('version: 1\ntarget: { mode: builtin }\nsuites: [rag_quality]\n', PROFILE));
    assert.deepEqual(
      problems.map((p) => `${p.severity} ${p.message}`),
      [
        'information rag_quality needs passages: the built-in passages will be used',
        'information rag_quality needs qaset: the built-in qaset will be used',
      ],
    );
  });

  it('validates folders: finds profiles below, checks each dataset once, sorts problems by file and line', async () => {
    const result = await validatePaths([DIR]);
    assert.deepEqual(result.profiles.map((p) => path.relative(DIR, p.parsed.file)).sort(), ['aiqk.yaml', path.join('sub', 'ok.aiqk.yaml')]);
    const qasetProblems = result.problems.filter((p) => p.file.endsWith('qaset.jsonl'));
    // qaset.jsonl is referenced twice (qaset and schema): its own problems are listed once.
    const lines = qasetProblems.map((p) => p.range.start.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
    assert.equal(new Set(qasetProblems.map((p) => `${p.code}@${line(p)}`)).size, qasetProblems.length);
  });
});
