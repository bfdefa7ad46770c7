import { strict as assert } from 'node:assert';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CaseSpill, readCaseSpill } from '../../../src/engine/run/caseSpill';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import { makeCase } from '../report/fixtures';

async function readAll(file: string, incomplete: number[] = []): Promise<string[]> {
  const ids: string[] = [];
  for await (const c of readCaseSpill(file, { onIncompleteLine: (line) => incomplete.push(line) })) ids.push(c.case_id);
  return ids;
}

describe('case spill', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-spill-'));
    file = path.join(dir, 'run.cases.jsonl');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rag = (id: string): CaseResult => makeCase('rag_quality', id, 'passed');

  it('writes one compact JSON line per case, in the order given', async () => {
    const spill = new CaseSpill(file);
    const q0 = rag('q0');
    spill.write(q0);
    spill.write(makeCase('red_team', 'a1', 'failed'));
    assert.equal(spill.written, 2);
    assert.equal(await spill.close(), 2);
    assert.deepEqual(await readAll(file), ['q0', 'a1']);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    assert.deepEqual(JSON.parse(lines[0]), q0);
  });

  it('reads past an incomplete last line left by a crash, and says which line it skipped', async () => {
    const spill = new CaseSpill(file);
    spill.write(rag('q0'));
    spill.write(rag('q1'));
    await spill.close();
    // The process died while writing the third case.
    await appendFile(file, JSON.stringify(rag('q2')).slice(0, 40));
    const incomplete: number[] = [];
    assert.deepEqual(await readAll(file, incomplete), ['q0', 'q1']);
    assert.deepEqual(incomplete, [3]);
  });

  it('rejects a broken line before the last one, naming the file and line', async () => {
    await writeFile(file, `${JSON.stringify(rag('q0'))}\n{"case_id": \n${JSON.stringify(rag('q2'))}\n`);
    await assert.rejects(readAll(file), (err: Error) => err.message.startsWith(`${file}:2: not a finished case`));
    await writeFile(file, `${JSON.stringify(rag('q0'))}\n[1, 2]\n${JSON.stringify(rag('q2'))}\n`);
    await assert.rejects(readAll(file), /:2: not a finished case: not a JSON object/);
  });

  it('reads an empty spill (no case finished) as no cases', async () => {
    const spill = new CaseSpill(file);
    assert.equal(await spill.close(), 0);
    assert.deepEqual(await readAll(file), []);
  });

  it('reports a spill it could not write when closing', async () => {
    const spill = new CaseSpill(path.join(dir, 'no-such-folder', 'run.cases.jsonl'));
    spill.write(rag('q0'));
    await assert.rejects(spill.close(), /the case spill .*run\.cases\.jsonl could not be written: ENOENT/);
  });
});
