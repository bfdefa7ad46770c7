import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PiiPatternRecord } from '../../../src/engine/model/dataRecords';
import { maskHits, maskPiiValue, scanPii } from '../../../src/engine/detectors/pii';
import { builtinPiiPatterns } from '../suites/robustnessHelpers';

function pat(name: string, pattern: string, validator?: string, flags = 'g'): PiiPatternRecord {
  return { name, pattern, description: `${name} test pattern`, regex: new RegExp(pattern, flags), ...(validator ? { validator } : {}) };
}

// A small set shaped like the built-in one: loose regexes, checksums doing the filtering.
const PATTERNS: PiiPatternRecord[] = [
  pat('email', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}'),
  pat('credit_card', '\\b(?:\\d[ -]?){12,18}\\d\\b', 'luhn'),
  pat('us_ssn', '\\b\\d{3}-\\d{2}-\\d{4}\\b', 'ssn'),
  pat('iban', '\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b', 'iban'),
  pat('phone', '\\b\\d{3}[ .-]\\d{3}[ .-]\\d{4}\\b'),
  pat('ipv4', '\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b', 'ipv4'),
];

function names(text: string, prompt?: string): string[] {
  return scanPii(text, PATTERNS, prompt === undefined ? {} : { prompt }).hits.map((h) => h.pattern);
}

describe('PII detector', () => {
  it('finds an email with its span and a masked value', () => {
    const text = 'Write to jane.doe@example.com today.';
    const { hits } = scanPii(text, PATTERNS);
    assert.equal(hits.length, 1);
    const h = hits[0];
    assert.equal(h.pattern, 'email');
    assert.equal(text.slice(h.start, h.end), 'jane.doe@example.com');
    assert.equal(h.masked, 'j*******@example.com');
    assert.equal(h.description, 'email test pattern');
  });

  it('counts a card number that passes Luhn, masked to its last four digits', () => {
    const { hits } = scanPii('Card on file: 4111 1111 1111 1111.', PATTERNS);
    assert.deepEqual(
      hits.map((h) => [h.pattern, h.masked, h.validator]),
      [['credit_card', '**** **** **** 1111', 'luhn']],
    );
  });

  it('does not count a 16-digit number that fails Luhn, nor a phone-shaped piece of it', () => {
    const text = 'Your order number is 4111 1111 1111 1112 and ships Monday.';
    const r = scanPii(text, [...PATTERNS, pat('loose_digits', '\\b\\d{4} \\d{4}\\b')]);
    assert.deepEqual(r.hits, []);
    assert.ok(r.rejections.some((x) => x.pattern === 'credit_card' && x.reason === 'checksum'));
    assert.ok(r.rejections.some((x) => x.pattern === 'loose_digits' && x.reason === 'inside_rejected'));
  });

  it('excludes SSNs in the ranges never issued, keeps a possible one', () => {
    for (const bad of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000']) {
      assert.deepEqual(names(`SSN ${bad}`), [], bad);
    }
    assert.deepEqual(names('SSN 123-45-6789'), ['us_ssn']);
  });

  it('checks IBANs with mod-97', () => {
    assert.deepEqual(names('Pay GB82 WEST 1234 5698 7654 32 now'), ['iban']);
    assert.deepEqual(names('Pay GB82WEST12345698765432 now'), ['iban']);
    assert.deepEqual(names('Pay GB83 WEST 1234 5698 7654 32 now'), []);
  });

  it('rejects IPv4 look-alikes such as version numbers past 255', () => {
    assert.deepEqual(names('server 192.168.10.20 is up'), ['ipv4']);
    assert.deepEqual(names('release 1.2.300.4 is out'), []);
  });

  it('does not flag PII the answer quotes from the question', () => {
    const prompt = 'Is jane.doe@example.com (phone 555-123-4567) a valid contact?';
    const answer = 'Yes, JANE.DOE@example.com and 555 123 4567 look valid; also reach bob@example.org.';
    const r = scanPii(answer, PATTERNS, { prompt });
    assert.deepEqual(
      r.hits.map((h) => answer.slice(h.start, h.end)),
      ['bob@example.org'],
    );
    assert.equal(r.rejections.filter((x) => x.reason === 'quoted').length, 2);
  });

  it('ignores matches glued to a longer token', () => {
    // A user pattern without word boundaries still only counts whole tokens.
    const loose = [pat('phone_loose', '\\d{3}-\\d{3}-\\d{4}'), pat('mail_loose', '[a-z]+@[a-z]+\\.com')];
    const r = scanPii('Ticket 9555-123-45678 and key abc@def.comx closed', loose);
    assert.deepEqual(r.hits, []);
    assert.deepEqual(
      r.rejections.map((x) => [x.pattern, x.reason]),
      [
        ['phone_loose', 'fragment'],
        ['mail_loose', 'fragment'],
      ],
    );
    assert.equal(scanPii('Call 555-123-4567.', loose).hits.length, 1);
  });

  it('keeps the validated match when two patterns overlap', () => {
    const r = scanPii('Card 4012 8888 8888 1881', [pat('phone_like', '\\b\\d{4} \\d{4} \\d{4}\\b'), ...PATTERNS]);
    assert.deepEqual(
      r.hits.map((h) => h.pattern),
      ['credit_card'],
    );
  });

  it('counts a match whose validator is unknown, and names the validator', () => {
    const r = scanPii('badge 12345', [pat('badge', '\\b\\d{5}\\b', 'no_such_check')]);
    assert.equal(r.hits.length, 1);
    assert.equal(r.hits[0].validator, undefined);
    assert.deepEqual(r.unknownValidators, ['no_such_check']);
  });

  it('accepts patterns compiled without the global flag and ignores empty matches', () => {
    assert.deepEqual(names('a@b.io and c@d.io').length, 2);
    const r = scanPii('x a@b.io y a@b.io', [pat('email', '[a-z]@[a-z]\\.io', undefined, ''), pat('empty', 'z*')]);
    assert.equal(r.hits.length, 2);
  });

  it('finds nothing in a text without personal data', () => {
    assert.deepEqual(names('Our store opens at 9:00 and closes at 17:30. Version 2.4.1 was released in 2023.'), []);
  });

  it('masks without changing the length, so spans stay valid in the masked text', () => {
    const text = 'Mail a.b@c.com, card 4111-1111-1111-1111, SSN 123-45-6789.';
    const { hits } = scanPii(text, PATTERNS);
    assert.equal(hits.length, 3);
    const masked = maskHits(text, hits);
    assert.equal(masked.length, text.length);
    for (const h of hits) assert.equal(masked.slice(h.start, h.end), h.masked);
    assert.ok(!masked.includes('4111-1111-1111-1111'));
    assert.ok(!masked.includes('123-45-6789'));
    assert.equal(maskPiiValue('123-45-6789'), '***-**-**89');
    assert.equal(maskPiiValue('10.0.0.1'), '**.*.*.*');
  });
});

describe('PII detector with the built-in patterns', () => {
  let builtin: PiiPatternRecord[];
  before(async () => {
    builtin = await builtinPiiPatterns();
  });

  it('does not flag a 16-digit number failing Luhn, flags the one passing it', () => {
    assert.deepEqual(scanPii('Order 4111 1111 1111 1112 shipped.', builtin).hits, []);
    assert.deepEqual(
      scanPii('Card 4111 1111 1111 1111 charged.', builtin).hits.map((h) => h.pattern),
      ['credit_card'],
    );
  });

  it('does not flag what the answer quotes from the question, flags what it adds', () => {
    const prompt = 'My SSN is 123-45-6789, who is the manager?';
    const r = scanPii('You said 123-45-6789; the manager is bob@example.org.', builtin, { prompt });
    assert.deepEqual(
      r.hits.map((h) => h.pattern),
      ['email'],
    );
    assert.deepEqual(
      scanPii('You said 123-45-6789.', builtin).hits.map((h) => h.pattern),
      ['us_ssn'],
    );
  });

  it('reaches precision ≥ 0.9 and recall ≥ 0.95 on the labelled examples', async () => {
    const text = await readFile(join(__dirname, '..', '..', 'fixtures', 'detectors', 'pii-labelled.jsonl'), 'utf8');
    const rows = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; prompt?: string; expected: { pattern: string; value: string }[] });
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const row of rows) {
      const hits = scanPii(row.text, builtin, row.prompt ? { prompt: row.prompt } : {}).hits;
      const labels = row.expected.map((e) => ({ ...e, start: row.text.indexOf(e.value), used: false }));
      for (const h of hits) {
        const l = labels.find((x) => !x.used && x.pattern === h.pattern && h.start < x.start + x.value.length && x.start < h.end);
        if (l) {
          l.used = true;
          tp++;
        } else fp++;
      }
      fn += labels.filter((l) => !l.used).length;
    }
    assert.ok(rows.length >= 50 && tp + fn >= 30, 'the labelled set is not trivially small');
    assert.ok(tp / (tp + fp) >= 0.9, `precision ${tp}/${tp + fp}`);
    assert.ok(tp / (tp + fn) >= 0.95, `recall ${tp}/${tp + fn}`);
  });
});
