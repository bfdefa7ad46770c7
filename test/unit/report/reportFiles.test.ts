import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isReportFileName, reportFilesIn } from '../../../src/engine/report/reportFiles';

describe('report files of a merge (files and folders)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aiqk-reportfiles-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const put = async (rel: string): Promise<string> => {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{}');
    return file;
  };

  it('takes the <run id>.json reports of a folder and its subfolders, in name order, and files as given', async () => {
    const b = await put('shards/shard-2/run_20250101-000000_0000000b.json');
    const a = await put('shards/shard-1/run_20250101-000000_0000000a.json');
    const c = await put('shards/run_20250101-000000_0000000c.json');
    await put('shards/shard-1/run_20250101-000000_0000000a.xlsx');
    await put('shards/shard-1/run_20250101-000000_0000000a.junit.xml');
    await put('shards/notes.json');
    const loose = await put('elsewhere.json');
    assert.deepEqual(await reportFilesIn([path.join(dir, 'shards'), loose]), [c, a, b, loose]);
    assert.deepEqual(await reportFilesIn([a, path.join(dir, 'shards')]), [a, c, b], 'a file named twice counts once');
  });

  it('names a path that does not exist and a folder without reports', async () => {
    await put('empty/notes.json');
    await assert.rejects(reportFilesIn([path.join(dir, 'nope')]), /nope does not exist: give shard reports/);
    await assert.rejects(reportFilesIn([path.join(dir, 'empty')]), /empty holds no report \(no run_<yyyymmdd-hhmmss>_<8 hex>\.json/);
  });

  it('knows a report by its name', () => {
    assert.equal(isReportFileName('run_20250101-000000_0000000a.json'), true);
    assert.equal(isReportFileName('run_20250101-000000_0000000a.junit.xml'), false);
    assert.equal(isReportFileName('report.json'), false);
  });
});
