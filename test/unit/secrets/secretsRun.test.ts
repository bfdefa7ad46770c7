import { strict as assert } from 'node:assert';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import { startSecretEchoServer } from '../../fixtures/servers/secretEchoServer';
import { runCli, useCliTestBed } from '../cli/runCliHelpers';
import { apiProfile } from '../run/runFixtures';
import { randomChars, telltales, tokenCorpus } from './tokenCorpus';

/** Every cell of every sheet, as text. */
async function xlsxText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
  return cells.join('\n');
}

describe('secrets: a run against a target that echoes credentials', () => {
  const corpus = tokenCorpus();
  const bearer = `tok-${randomChars(40)}`;
  const spaced = bearer.split('').join(' ');
  const echoes = [
    ...corpus.map((t) => `${t.kind}: ${t.token}`),
    `your token: ${bearer}`,
    `shouting: ${bearer.toUpperCase()}`,
    `spaced: ${spaced}`,
    `base64: ${Buffer.from(bearer).toString('base64')}`,
    `url: ${encodeURIComponent(bearer)}`,
    `cut: ${bearer.slice(0, 12)}`,
  ];
  const forbidden = [
    ...corpus.flatMap((t) => telltales(t.secret).map((piece) => ({ kind: t.kind, piece }))),
    { kind: 'bearer', piece: bearer.slice(4, 12) },
    { kind: 'bearer in base64', piece: Buffer.from(bearer).toString('base64').slice(4, 16) },
  ];
  const bed = useCliTestBed(() => startSecretEchoServer(bearer, echoes), 4);

  it('keeps every token out of the JSON, XLSX and JUnit reports, the logs and the console', async () => {
    await bed.ws.profile(
      apiProfile(bed.server.url, ['performance', 'regression'], {
        target: {
          mode: 'api',
          base_url: bed.server.url,
          protocol: 'aiqk',
          timeout_ms: 5000,
          retries: 0,
          auth: { bearer_env: 'AIQK_TOKEN' },
        },
        volumes: { qa_sample_size: 4, perf_repeats: 1, concurrency: 2 },
        report: { dir: 'reports', formats: ['json', 'xlsx', 'junit'], anonymize: true },
      }),
      'echo.aiqk.yaml',
    );
    const run = await runCli(['run', 'echo.aiqk.yaml'], bed.ws.dir, { AIQK_TOKEN: bearer });
    assert.ok(bed.server.served >= 4, `the target was asked (${run.stderr})`);
    const dir = path.join(bed.ws.dir, 'reports');
    const files = await readdir(dir);
    const json = files.find((f) => f.endsWith('.json'));
    const xlsx = files.find((f) => f.endsWith('.xlsx'));
    const junit = files.find((f) => f.endsWith('.junit.xml'));
    assert.ok(json && xlsx && junit, files.join(', '));
    const report = await readFile(path.join(dir, json), 'utf8');
    assert.match(report, /Here is what I know/, 'the answers reached the report');
    assert.match(report, /internal error near/, 'the errors reached the report');
    const audit = await readFile(path.join(bed.ws.dir, '.aiqk', 'audit.jsonl'), 'utf8').catch(() => '');
    const outputs: Record<string, string> = {
      json: JSON.stringify(JSON.parse(report)),
      logs: JSON.stringify((JSON.parse(report) as { logs: unknown }).logs),
      xlsx: await xlsxText(path.join(dir, xlsx)),
      junit: await readFile(path.join(dir, junit), 'utf8'),
      audit,
      stdout: run.stdout,
      stderr: run.stderr,
    };
    const leaks: string[] = [];
    for (const [where, text] of Object.entries(outputs)) {
      const flat = text.toLowerCase().replace(/[\s.-]|\\n/g, '');
      for (const { kind, piece } of forbidden)
        if (flat.includes(piece.toLowerCase().replace(/[\s.-]/g, ''))) leaks.push(`${kind} in ${where}`);
    }
    assert.deepEqual(leaks, []);
  });
});
