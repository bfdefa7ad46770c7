import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeReports } from '../../../src/engine/report/writeReports';
import { readReport } from '../../../src/engine/report/jsonReport';
import { CaseSpill, readCaseSpill } from '../../../src/engine/run/caseSpill';
import { sampleResult } from './fixtures';

describe('reports written from a case spill', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-write-stream-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  for (const anonymize of [false, true]) {
    it(`are the same JSON and JUnit files as those written from memory, and an XLSX (anonymize ${anonymize})`, async () => {
      const result = sampleResult();
      result.cases[1] = { ...result.cases[1], output: 'Write to jane.doe@example.com' };
      const spillFile = path.join(dir, 'cases.jsonl');
      const spill = new CaseSpill(spillFile);
      for (const c of result.cases) spill.write(c);
      await spill.close();

      const formats = ['json', 'junit', 'xlsx'] as const;
      const inMemory = await writeReports(result, { dir: path.join(dir, 'memory'), formats, anonymize });
      const streamed = await writeReports(
        { ...result, cases: [] },
        { dir: path.join(dir, 'streamed'), formats, anonymize, cases: () => readCaseSpill(spillFile) },
      );
      for (const f of ['json', 'junit'] as const)
        assert.equal(await readFile(streamed[f]!, 'utf8'), await readFile(inMemory[f]!, 'utf8'), `${f} report`);
      assert.ok((await stat(streamed.xlsx!)).size > 0);
      const read = await readReport(streamed.json!);
      assert.equal(read.cases.length, result.cases.length);
      assert.equal(read.cases[1].output?.includes('jane.doe@example.com'), !anonymize);
    });
  }
});
