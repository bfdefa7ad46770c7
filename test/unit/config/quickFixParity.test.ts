// Every problem code that carries a quick fix in one situation carries it in the
// others: each row below is one place the problem can arise.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkProfile } from '../../../src/engine/config/checkProfile';
import { parseProfile } from '../../../src/engine/config/loadProfile';
import { parseBiasGroups } from '../../../src/engine/data/readers/biasGroups';
import { validateDataFile } from '../../../src/engine/data/validateDataFile';
import type { DataKind } from '../../../src/engine/model/dataKinds';
import type { Problem, ProblemFix } from '../../../src/engine/model/problem';
import { judgeRun } from '../../../src/engine/prepare/judgeRun';

const dir = path.join(tmpdir(), 'aiqk-fix-parity-absent');
const profileFile = path.join(dir, 'aiqk.yaml');
const HEAD = 'version: 1\ntarget:\n  mode: builtin\n';

async function profileProblems(body: string, suites?: string[]): Promise<Problem[]> {
  const parsed = parseProfile(HEAD + body, profileFile);
  const check = await checkProfile(parsed);
  if (!suites) return [...parsed.problems, ...check.problems];
  return judgeRun(parsed, check, { suites: suites as never }).problems;
}

async function dataProblems(kind: DataKind, name: string, contents: string): Promise<Problem[]> {
  return (await validateDataFile(kind, path.join(dir, name), { contents })).problems;
}

type Row = [situation: string, code: string, fix: ProblemFix['kind'], problems: () => Promise<Problem[]>];

const ROWS: Row[] = [
  ['a misspelt top-level key', 'unknown-key', 'replace', () => profileProblems('suites: [safety]\nuse_default: true\n')],
  ['a misspelt nested key', 'unknown-key', 'replace', () => profileProblems('suites: [safety]\nvolumes:\n  qa_sampel_size: 3\n')],
  [
    'a misspelt suite under suite_options',
    'unknown-key',
    'replace',
    () => profileProblems('suites: [red_team]\nsuite_options:\n  red-team: {}\n'),
  ],
  [
    'a misspelt key already set',
    'unknown-key',
    'removeEntry',
    () => profileProblems('suites: [safety]\nvolumes:\n  concurrency: 2\n  concurency: 3\n'),
  ],
  ['a misspelt suite', 'unknown-suite', 'replace', () => profileProblems('suites: [rag-quality]\n')],
  ['a misspelt suite already listed', 'unknown-suite', 'removeEntry', () => profileProblems('suites: [rag_quality, rag-quality]\n')],
  ['a misspelt scalar value', 'invalid-value', 'replace', () => profileProblems('suites: [safety]\nprofile: smok\n')],
  ['a misspelt list value', 'invalid-value', 'replace', () => profileProblems('suites: [safety]\nreport:\n  formats: [jsn]\n')],
  [
    'a misspelt list value already listed',
    'invalid-value',
    'removeEntry',
    () => profileProblems('suites: [safety]\nreport:\n  formats: [json, jsn]\n'),
  ],
  ['a suite listed twice', 'duplicate-suite', 'removeEntry', () => profileProblems('suites: [safety, safety]\n')],
  [
    'a list value given twice',
    'invalid-value',
    'removeEntry',
    () => profileProblems('suites: [safety]\nreport:\n  formats: [json, json]\n'),
  ],
  [
    "missing data for the profile's suites",
    'missing-data',
    'setUseDefaults',
    () => profileProblems('suites: [rag_quality]\nuse_defaults: false\n'),
  ],
  [
    'missing data for the suites run',
    'missing-data',
    'setUseDefaults',
    () => profileProblems('suites: [safety]\nuse_defaults: false\n', ['rag_quality']),
  ],
  [
    "built-in data for the profile's suites",
    'using-defaults',
    'addDataEntry',
    () => profileProblems('suites: [rag_quality]\nuse_defaults: true\n'),
  ],
  [
    'built-in data for the suites run',
    'using-defaults',
    'addDataEntry',
    () => profileProblems('suites: [safety]\nuse_defaults: true\n', ['rag_quality']),
  ],
  ...(['passages', 'qaset', 'attacks', 'schema', 'pii_patterns', 'bias_groups'] as const).map((kind): Row => [
    `a missing data.${kind} file`,
    'data-not-found',
    'createDataset',
    () => profileProblems(`suites: [safety]\ndata:\n  ${kind}: nowhere/${kind}.x\n`),
  ]),
  [
    'a misnamed qaset field',
    'missing-field',
    'replace',
    () => dataProblems('qaset', 'qa.jsonl', '{"qid":"q1","question":"Q?","answer":"A"}\n'),
  ],
  ['a misnamed passages field', 'missing-field', 'replace', () => dataProblems('passages', 'p.jsonl', '{"id":"p1","txt":"T"}\n')],
  ['a misnamed attacks field', 'missing-field', 'replace', () => dataProblems('attacks', 'a.yaml', '- promt: do harm\n')],
  [
    'a misnamed pii_patterns field',
    'missing-field',
    'replace',
    () => dataProblems('pii_patterns', 'pii.json', '{"email":{"patern":"x@y"}}\n'),
  ],
  [
    'a misspelt optional jsonl field',
    'unknown-field',
    'replace',
    () => dataProblems('qaset', 'qa.jsonl', '{"qid":"q1","question":"Q?","expected_answer":"A","contextz":["c"]}\n'),
  ],
  [
    'a misspelt optional attacks field',
    'unknown-field',
    'replace',
    () => dataProblems('attacks', 'a.yaml', '- prompt: do harm\n  categroy: x\n'),
  ],
  [
    'an exact duplicate jsonl line',
    'duplicate-id',
    'deleteLine',
    () => dataProblems('qaset', 'qa.jsonl', '{"qid":"q1","question":"Q?","expected_answer":"A"}\n'.repeat(2)),
  ],
  [
    'an exact duplicate attacks.yaml item',
    'duplicate-entry',
    'deleteLine',
    () => dataProblems('attacks', 'a.yaml', '- do harm\n- do harm\n'),
  ],
  ['an exact duplicate attacks.txt line', 'duplicate-entry', 'deleteLine', () => dataProblems('attacks', 'a.txt', 'do harm\ndo harm\n')],
  [
    'a duplicate bias pair on its own line',
    'duplicate-entry',
    'deleteLine',
    () => dataProblems('bias_groups', 'b.txt', 'female|male\nfemale|male\n'),
  ],
  [
    'a duplicate bias pair among others',
    'duplicate-entry',
    'replace',
    () => dataProblems('bias_groups', 'b.txt', 'female|male;female|male\n'),
  ],
  [
    'a duplicate inline bias pair',
    'duplicate-entry',
    'replace',
    async () => parseBiasGroups('female|male;female|male', profileFile).problems,
  ],
];

/** Situations where a fix would do harm, so none is offered. */
const NO_FIX: [situation: string, code: string, problems: () => Promise<Problem[]>][] = [
  [
    'equal prompts in one flow list (one line holds both)',
    'duplicate-entry',
    () => dataProblems('attacks', 'a.yaml', '[do harm, do harm]\n'),
  ],
  [
    'a misspelt optional field that is also present',
    'unknown-field',
    () => dataProblems('attacks', 'a.yaml', '- prompt: p\n  category: x\n  categroy: y\n'),
  ],
];

describe('quick-fix parity: a problem with a fix has it wherever it arises', () => {
  for (const [situation, code, fix, problems] of ROWS) {
    it(`${code} → ${fix}: ${situation}`, async () => {
      const all = await problems();
      const found = all.filter((p) => p.code === code);
      assert.ok(found.length > 0, `no ${code} among ${JSON.stringify(all.map((p) => [p.code, p.message]))}`);
      assert.ok(
        found.some((p) => p.fix?.kind === fix),
        `no ${fix} fix on ${JSON.stringify(found.map((p) => [p.message, p.fix]))}`,
      );
    });
  }
});

describe('quick-fix parity: no fix where it would make a new problem', () => {
  for (const [situation, code, problems] of NO_FIX) {
    it(`${code}: ${situation}`, async () => {
      const found = (await problems()).filter((p) => p.code === code);
      assert.ok(found.length > 0, `no ${code}`);
      assert.deepEqual(
        found.map((p) => p.fix),
        found.map(() => undefined),
      );
    });
  }
});
