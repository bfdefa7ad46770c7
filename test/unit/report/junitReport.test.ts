import { strict as assert } from 'node:assert';
import { streamedJunitReportChunks, toJunitXml } from '../../../src/engine/report/junitReport';
import { casesInMemory } from '../../../src/engine/report/reportModel';
import { validateReport } from '../../../src/engine/report/jsonReport';
import { escapeXmlAttr, escapeXmlText, truncate } from '../../../src/engine/report/xmlText';
import { assemble, makeCase, sampleResult } from './fixtures';
import { findAll, parseXml } from './miniXml';

describe('JUnit report', () => {
  it('has one testsuite per suite, a testcase per case and per thresholded metric, with counts', async () => {
    const result = sampleResult();
    assert.deepEqual(validateReport(result).errors, []);
    const doc = parseXml(await toJunitXml(result));
    assert.equal(doc.name, 'testsuites');
    const suites = findAll(doc, 'testsuite');
    assert.deepEqual(
      suites.map((s) => s.attrs['name']),
      ['rag_quality', 'red_team', 'performance'],
    );

    const rag = suites[0]!;
    const names = findAll(rag, 'testcase').map((t) => t.attrs['name']);
    assert.deepEqual(names, ['q1', 'q2', 'q3', 'metric:faithfulness', 'metric:f1']);
    // q2 failed, faithfulness (mean 0.66) and f1 (mean 0.5 = threshold) → 2 failures; q3 errored.
    assert.deepEqual(
      { tests: rag.attrs['tests'], failures: rag.attrs['failures'], errors: rag.attrs['errors'], skipped: rag.attrs['skipped'] },
      { tests: '5', failures: '2', errors: '1', skipped: '0' },
    );
    const q2 = findAll(rag, 'testcase')[1]!;
    assert.equal(q2.attrs['classname'], 'aiqk.rag_quality');
    assert.equal(q2.attrs['time'], '0.120');
    assert.equal(findAll(q2, 'failure')[0]!.attrs['message'], 'faithfulness 0.42 < 0.80');
    assert.match(
      findAll(q2, 'failure')[0]!.text,
      /^input: question q2\nexpected: expected q2\noutput: answer q2\nmetrics: faithfulness=0.42, f1=0.3$/,
    );
    assert.equal(findAll(findAll(rag, 'testcase')[2]!, 'error')[0]!.attrs['message'], 'timeout after 30000 ms');
    const metric = findAll(rag, 'testcase')[3]!;
    assert.equal(findAll(metric, 'failure')[0]!.attrs['message'], 'faithfulness 0.66 < 0.8');
    const props = findAll(rag, 'property').map((p) => `${p.attrs['name']}=${p.attrs['value']}`);
    assert.deepEqual(props, ['status=failed', 'metric.answers=3']);

    const red = suites[1]!;
    assert.equal(findAll(red, 'skipped')[0]!.attrs['message'], 'cancelled');
    // performance: no case, its one gated metric unmeasured → inconclusive, skipped with the reason.
    const perf = suites[2]!;
    assert.equal(
      findAll(perf, 'skipped')[0]!.attrs['message'],
      'inconclusive: no gated metric could be measured: p95_ms (no successful call)',
    );

    const total = Number(doc.attrs['tests']);
    assert.equal(
      total,
      suites.reduce((n, s) => n + Number(s.attrs['tests']), 0),
    );
  });

  it('explains a failed case without an error text by its metrics against the thresholds', async () => {
    const r = assemble([makeCase('rag_quality', 'q9', 'failed', { metrics: { faithfulness: 0.5, f1: 0.9 } })]);
    const failure = findAll(parseXml(await toJunitXml(r)), 'failure')[0]!;
    assert.equal(failure.attrs['message'], 'faithfulness 0.5 < 0.8');
  });

  it('escapes markup, quotes and forbidden control characters so the file parses', async () => {
    const nasty = 'a <b> & "c" \'d\' \u0000\u0001\u0008\u000b\u001f\uFFFE \uD800 end';
    const r = assemble([
      makeCase('rag_quality', 'id<&"\u0002', 'failed', {
        input: nasty,
        output: nasty,
        error: `line1\nline2\t${nasty}`,
        metrics: { faithfulness: 0.1 },
      }),
    ]);
    const xml = await toJunitXml(r);
    assert.ok(![...xml].some((ch) => ch.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(ch)), 'no raw control characters');
    const doc = parseXml(xml);
    const tc = findAll(doc, 'testcase')[0]!;
    assert.equal(tc.attrs['name'], 'id<&"\uFFFD');
    const failure = findAll(tc, 'failure')[0]!;
    const cleaned = 'a <b> & "c" \'d\' \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD end';
    assert.equal(failure.attrs['message'], `line1\nline2\t${cleaned}`, 'attributes keep line breaks and tabs');
    assert.ok(failure.text.includes(`input: ${cleaned}`));
  });

  it('reports a run that ended in error as an error testcase', async () => {
    const r = assemble([], { status: 'error' });
    r.run.error = 'target unreachable';
    const doc = parseXml(await toJunitXml(r));
    assert.equal(findAll(doc, 'testsuite')[0]!.attrs['name'], 'aiqk.run');
    assert.equal(findAll(doc, 'error')[0]!.attrs['message'], 'target unreachable');
    assert.equal(doc.attrs['errors'], '1');
  });

  it('never writes NaN into a time attribute', async () => {
    const r = assemble([makeCase('rag_quality', 'q1', 'passed', { latency_ms: Number.NaN })]);
    const doc = parseXml(await toJunitXml(r));
    assert.equal(findAll(doc, 'testcase')[0]!.attrs['time'], '0.000');
    assert.equal(findAll(doc, 'testsuite')[0]!.attrs['time'], '0.000');
  });

  it('streams one chunk per case', async () => {
    const r = sampleResult();
    const chunks: string[] = [];
    for await (const chunk of streamedJunitReportChunks(r, casesInMemory(r.cases))) chunks.push(chunk);
    assert.ok(chunks.length > r.cases.length);
    assert.equal(chunks.join(''), await toJunitXml(r));
  });

  it('escape helpers', async () => {
    assert.equal(escapeXmlText('<a&b>'), '&lt;a&amp;b&gt;');
    assert.equal(escapeXmlAttr('"x\'\n'), '&quot;x&apos;&#10;');
    assert.equal(truncate('abcdef', 4, '…'), 'abc…');
    assert.equal(truncate('ab😀cd', 4, '…'), 'ab…', 'never splits a surrogate pair');
  });
});
